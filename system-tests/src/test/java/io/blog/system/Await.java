package io.blog.system;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for eventually consistent outcomes (search index, replicas, restarts) with a deadline. */
public final class Await {

    private Await() {
    }

    /**
     * Anonymous reads go through the gateway's edge cache, which may answer with the copy from
     * before a write for as long as the services allow (s-maxage + stale-while-revalidate,
     * {@code EdgeCachePolicy}: 5 s by default). {@code EdgeCacheIT} holds that bound; other tests
     * wait for it here.
     */
    public static <T> T visibleToAnonymous(String what, Supplier<T> attempt, Predicate<T> done) {
        return until(what + " (anonymous reader)", Duration.ofSeconds(10), attempt, done);
    }

    public static <T> T until(String what, Duration timeout, Supplier<T> attempt, Predicate<T> done) {
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
