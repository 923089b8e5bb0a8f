package io.blog.console.backups;

import io.blog.console.ConsoleSettings;
import io.blog.console.OperatorScripts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The backup scripts of scripts/maintenance, run with the env file the topology runs with: the
 * catalogue from {@code backup-database.sh --list --json}, jobs with {@code --progress=json}
 * (one JSON object per line). One job at a time, whoever starts it.
 */
@ApplicationScoped
public class BackupScripts {

    /** The end of a job: exit code 0 and the message of its "done" line, or the error the script printed. */
    public record Outcome(boolean ok, String message) {
    }

    @Inject
    OperatorScripts scripts;

    @Inject
    ConsoleSettings settings;

    private final AtomicBoolean running = new AtomicBoolean();

    /** False in the one-command run: backups belong to the production topology. */
    public boolean available() {
        return scripts.available();
    }

    public boolean busy() {
        return running.get();
    }

    public List<JsonObject> catalogue() throws IOException {
        OperatorScripts.Finished list = scripts.run(Duration.ofMinutes(1), List.of("scripts/maintenance/backup-database.sh", "--list", "--json"));
        if (list.exitCode() != 0) {
            throw new IOException(list.stderr().isBlank() ? "backup-database.sh --list failed" : list.stderr().strip());
        }
        JsonArray entries = Json.createReader(new StringReader(list.stdout())).readArray();
        return entries.stream().map(JsonValue::asJsonObject).toList();
    }

    /** Settings of the env file that the view shows (retention, schedule). */
    public Map<String, String> envSettings() {
        Map<String, String> values = new LinkedHashMap<>();
        settings.envFile().ifPresent(file -> {
            try {
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (!line.startsWith("#") && eq > 0 && line.startsWith("BLOG_BACKUP_")) {
                        values.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
                    }
                }
            } catch (IOException e) {
                values.put("error", e.getMessage());
            }
        });
        return values;
    }

    /** Whether the host's cron schedule (install-backup-schedule.sh) is installed. */
    public Optional<Path> installedSchedule() {
        Path cron = Path.of("/etc/cron.d/blog-backups");
        return Files.isRegularFile(cron) ? Optional.of(cron) : Optional.empty();
    }

    public Outcome backUp(Consumer<JsonObject> progress) {
        return job(List.of("scripts/maintenance/backup-database.sh", "--progress=json"), progress);
    }

    public Outcome verify(String backupId, Consumer<JsonObject> progress) {
        return job(List.of("scripts/maintenance/restore-database.sh", backupId, "--verify", "--progress=json"), progress);
    }

    private Outcome job(List<String> command, Consumer<JsonObject> progress) {
        if (!running.compareAndSet(false, true)) {
            return new Outcome(false, "Another backup job is running; wait for it to finish.");
        }
        try {
            Run run = start(command);
            List<String> errors = new ArrayList<>();
            Thread stderr = Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(run.process.getErrorStream(), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(errors::add);
                } catch (IOException ignored) {
                    // The process ended; what it printed so far is kept.
                }
            });
            JsonObject summary = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(run.process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("{")) {
                        JsonObject event = Json.createReader(new StringReader(line)).readObject();
                        if ("done".equals(event.getString("step", ""))) {
                            summary = event;
                        }
                        progress.accept(event);
                    }
                }
            }
            int exit = run.waitFor();
            stderr.join();
            if (exit == 0) {
                return new Outcome(true, summary == null ? "done" : summary.getString("message", "done"));
            }
            String error = errors.isEmpty() ? "exit " + exit : errors.getLast();
            return new Outcome(false, error);
        } catch (IOException e) {
            return new Outcome(false, "could not run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        } finally {
            running.set(false);
        }
    }

    private record Run(Process process) {
        int waitFor() throws IOException {
            try {
                if (!process.waitFor(2, TimeUnit.HOURS)) {
                    process.destroy();
                    throw new IOException("did not finish within 2 hours");
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    private Run start(List<String> command) throws IOException {
        return new Run(scripts.start(command));
    }
}
