package io.blog.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One reading taken every refresh interval on a thread of its own, the readings of the last hour
 * kept, and every open view told of each new one. The monitors share it, so that ten open consoles
 * never mean ten times the probes.
 *
 * @param <T> what one reading is
 */
public final class Sampler<T> implements AutoCloseable {

    /** A reading and when it was taken. */
    public record Reading<T>(Instant at, T value) {
    }

    private final Supplier<T> read;
    private final Duration keep;
    private final Deque<Reading<T>> history = new ArrayDeque<>();
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private volatile T latest;

    public Sampler(String threadName, Supplier<T> read, Duration keep) {
        this.read = read;
        this.keep = keep;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Duration every) {
        thread.scheduleWithFixedDelay(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<T> latest() {
        return Optional.ofNullable(latest);
    }

    /** The readings of the last hour (or whatever this sampler keeps), oldest first. */
    public synchronized List<Reading<T>> history() {
        return List.copyOf(history);
    }

    /** Tells {@code listener} of every new reading until the returned action is run. */
    public Runnable subscribe(Consumer<T> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Takes one reading now (the thread does it every interval). */
    public void sample() {
        T value = read.get();
        Instant now = Instant.now();
        latest = value;
        synchronized (this) {
            history.addLast(new Reading<>(now, value));
            Instant horizon = now.minus(keep);
            while (!history.isEmpty() && history.peekFirst().at().isBefore(horizon)) {
                history.removeFirst();
            }
        }
        listeners.forEach(l -> l.accept(value));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
