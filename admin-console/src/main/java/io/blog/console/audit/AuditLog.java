package io.blog.console.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JSON line per sign-in and per action that changes something (backup, verify, …), appended
 * to a file operators can keep, and logged (so it reaches the log index with the rest).
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    @Inject
    @ConfigProperty(name = "blog.console.audit.file", defaultValue = "logs/console-audit.jsonl")
    String file;

    public synchronized void record(String operator, String action, String outcome) {
        String line = Json.createObjectBuilder().add("time", Instant.now().toString()).add("operator", operator)
                .add("action", action).add("outcome", outcome).build().toString();
        LOG.info("audit " + line);
        try {
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not write the audit log " + file, e);
        }
    }

    /** The newest lines, newest first. */
    public synchronized List<String> recent(int max) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(file)));
            Collections.reverse(lines);
            return lines.subList(0, Math.min(max, lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }
}
