package io.blog.console.replication;

import io.blog.console.OperatorScripts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Promotion and rejoin as the operator runs them from the command line:
 * {@code promote-replica.sh} and {@code rejoin-replica.sh}, which decide whether the step is
 * safe (promotion refuses while the writer's process runs). One step at a time, whoever asks.
 */
@ApplicationScoped
public class Failover {

    /** How a step ended: its exit status, its own last word, and all it printed for the operator. */
    public record Outcome(boolean ok, String message, String output) {
    }

    /** promote-replica.sh waits up to 60 s for the replica to apply what it received; rejoin up to twice that. */
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    OperatorScripts scripts;

    private final AtomicBoolean running = new AtomicBoolean();

    /** False in the one-command run, which has one embedded database. */
    public boolean available() {
        return scripts.available();
    }

    public Outcome promote() {
        return step("scripts/maintenance/promote-replica.sh");
    }

    public Outcome rejoin() {
        return step("scripts/maintenance/rejoin-replica.sh");
    }

    private Outcome step(String script) {
        if (!running.compareAndSet(false, true)) {
            return new Outcome(false, "a promotion or rejoin is already running; wait for it to finish", "");
        }
        try {
            OperatorScripts.Finished run = scripts.run(STEP_TIMEOUT, List.of(script));
            return new Outcome(run.exitCode() == 0, run.lastLine(), (run.stdout() + run.stderr()).strip());
        } catch (IOException e) {
            return new Outcome(false, "could not run " + script + ": " + e.getMessage(), "");
        } finally {
            running.set(false);
        }
    }
}
