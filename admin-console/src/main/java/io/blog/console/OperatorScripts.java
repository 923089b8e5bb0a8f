package io.blog.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's operator scripts (scripts/maintenance), run from the repository the topology
 * runs from and with its env file: the console reuses them instead of reimplementing backups or
 * reports.
 */
@ApplicationScoped
public class OperatorScripts {

    @Inject
    ConsoleSettings settings;

    /** False in the one-command run, which has no env file and none of the production components. */
    public boolean available() {
        return settings.repoRoot().isPresent() && settings.envFile().isPresent();
    }

    /** Starts {@code script args…} (a path below the repository root). */
    public Process start(List<String> command) throws IOException {
        Path root = settings.repoRoot().orElseThrow(() -> new IOException("no repository configured (blog.console.repo.root)"));
        List<String> full = new ArrayList<>(List.of("bash"));
        full.add(root.resolve(command.getFirst()).toString());
        full.addAll(command.subList(1, command.size()));
        ProcessBuilder builder = new ProcessBuilder(full).directory(root.toFile());
        builder.environment().put("BLOG_ENV_FILE", settings.envFile().orElseThrow().toString());
        return builder.start();
    }
}
