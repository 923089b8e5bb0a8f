package io.blog.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platform's operator scripts (scripts/maintenance), run from the repository the topology
 * runs from and with its env file: the console reuses them instead of reimplementing backups,
 * reports or failover.
 */
@ApplicationScoped
public class OperatorScripts {

    /** A script that ran to its end: its exit code and what it printed, each stream apart. */
    public record Finished(int exitCode, String stdout, String stderr) {

        /** The script's own last word: its error line when it failed, else its last output line. */
        public String lastLine() {
            String text = exitCode == 0 || stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().reduce((a, b) -> b).orElse("exit " + exitCode);
        }
    }

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

    /** Runs {@code script args…} to its end; one that outlives {@code timeout} is stopped and reported as an error. */
    public Finished run(Duration timeout, List<String> command) throws IOException {
        Process process = start(command);
        process.getOutputStream().close();
        // Both streams are drained beside the wait: a script that fills one pipe would otherwise
        // never end, and one that hangs with its pipes open must still meet the timeout.
        String[] out = new String[2];
        Thread stdout = Thread.ofVirtual().start(() -> out[0] = drain(process.getInputStream()));
        Thread stderr = Thread.ofVirtual().start(() -> out[1] = drain(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
            }
            stdout.join();
            stderr.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new Finished(process.exitValue(), out[0], out[1]);
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The process ended or was stopped: what it printed so far is what there is.
            return "";
        }
    }
}
