package io.blog.system;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for eventually consistent outcomes (search index, replicas, restarts) with a deadline. */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Supplier<T> attempt, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = attempt.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                last = null;
            }
            Topology.pause(Duration.ofMillis(250));
        }
        throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s; last: " + last);
    }
}
