package io.blog.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Steady traffic while something breaks: reader threads (each a visitor of its own, paced below
 * the gateway's per-address limit) and one writer, recording every outcome.
 */
final class Load {

    /** Reads by status, and the ids of acknowledged writes; failures with what they got. */
    record Outcome(int reads, Map<Integer, Integer> readStatuses, List<String> failedReads, long slowestReadMillis,
                   int writes, List<String> acknowledged, List<String> failedWrites) {

        long readFailures() {
            return failedReads.size();
        }

        String describe(String incident) {
            return String.format("%s: %d reads, %d failed (%.2f %%) %s %s, slowest %d ms; %d writes, %d acknowledged, %d failed %s",
                    incident, reads, failedReads.size(), reads == 0 ? 0.0 : 100.0 * failedReads.size() / reads, readStatuses,
                    failedReads.stream().limit(2).toList(), slowestReadMillis, writes, acknowledged.size(), failedWrites.size(),
                    failedWrites.stream().limit(3).toList());
        }
    }

    private Load() {
    }

    /**
     * Runs the traffic for {@code total}, performing {@code incident} after {@code before}.
     *
     * @param reads  each reader thread calls it with its client and gets the reply of one read
     * @param write  called every {@code writeEvery} with a sequence number; returns the stored id,
     *               or throws when the write was not acknowledged
     */
    static Outcome around(Duration before, Duration total, Runnable incident, int readers,
                          Function<Client, Client.Reply> reads, Duration writeEvery, IntFunction<String> write) {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger readCount = new AtomicInteger();
        AtomicInteger writeCount = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Queue<String> failedReads = new ConcurrentLinkedQueue<>();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> failedWrites = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        for (int r = 0; r < readers; r++) {
            Client client = Client.newVisitor();
            pool.submit(() -> {
                while (running.get()) {
                    readCount.incrementAndGet();
                    long started = System.nanoTime();
                    try {
                        Client.Reply reply = reads.apply(client);
                        slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        statuses.merge(reply.status(), 1, Integer::sum);
                        if (reply.status() != 200) {
                            failedReads.add(reply.status() + " " + reply.body());
                        }
                    } catch (RuntimeException e) {
                        failedReads.add(e.toString());
                    }
                    Topology.pause(Duration.ofMillis(100));
                }
            });
        }
        pool.submit(() -> {
            while (running.get()) {
                int n = writeCount.incrementAndGet();
                try {
                    String id = write.apply(n);
                    acknowledged.add(id);
                } catch (RuntimeException | AssertionError e) {
                    failedWrites.add("write " + n + ": " + e.getMessage());
                }
                Topology.pause(writeEvery);
            }
        });
        Topology.pause(before);
        incident.run();
        Topology.pause(total.minus(before));
        running.set(false);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new AssertionError("traffic did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(readCount.get(), Map.copyOf(statuses), List.copyOf(failedReads), slowest.get(),
                writeCount.get(), List.copyOf(acknowledged), List.copyOf(failedWrites));
    }
}
