package io.blog.system.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Samples, once a second while a Lighthouse run measures, the CPU that every process outside that
 * run spends: the topology, the exporters, the log shipper, the kernel's threads. The run's own
 * process (node) and everything it starts (Chromium and its helpers) are told apart by parentage,
 * and this JVM is left out too, since it only waits for the run.
 * <p>
 * A page load under Lighthouse's simulated 4x CPU slowdown turns every millisecond a neighbour
 * takes from Chromium into four; a neighbour busy for one second of a load can cost the
 * performance score 30 points. The busiest second and who caused it say whether a run measured
 * the page or the machine.
 */
final class NeighbourCpu implements AutoCloseable {

    /** Linux's USER_HZ: /proc times are in 1/100 s on every architecture Debian ships. */
    static final double TICKS_PER_SECOND = 100;
    static final Path PROC = Path.of("/proc");

    private final long auditPid;
    private final long selfPid = ProcessHandle.current().pid();
    private final Thread sampler;
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final Set<String> auditKeys = new HashSet<>();
    private final Map<String, Long> ticksByName = new HashMap<>();
    private volatile boolean running = true;
    private boolean baselineTaken;
    private double busiestSecond;
    private Map<String, Long> busiestSecondByName = Map.of();
    private long totalTicks;
    private long started;
    private long ended;

    private NeighbourCpu(long auditPid) {
        this.auditPid = auditPid;
        this.sampler = Thread.ofPlatform().daemon().name("neighbour-cpu").unstarted(this::sample);
    }

    /** Starts sampling; the run's process is {@code auditPid}, and its descendants are the run's too. */
    static NeighbourCpu watch(long auditPid) {
        NeighbourCpu watch = new NeighbourCpu(auditPid);
        watch.read(new HashMap<>());
        watch.started = System.nanoTime();
        watch.sampler.start();
        return watch;
    }

    private void sample() {
        while (running) {
            long before = System.nanoTime();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            Map<String, Long> byName = new HashMap<>();
            long ticks = read(byName);
            double seconds = (System.nanoTime() - before) / 1e9;
            synchronized (this) {
                totalTicks += ticks;
                double cores = ticks / TICKS_PER_SECOND / seconds;
                if (cores > busiestSecond) {
                    busiestSecond = cores;
                    busiestSecondByName = byName;
                }
            }
        }
    }

    /** Reads every process once; returns the neighbours' ticks since the last read, adding them by name. */
    private long read(Map<String, Long> byName) {
        Map<Long, Stat> all = new HashMap<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path pid : pids) {
                Stat stat = Stat.read(pid);
                if (stat != null) {
                    all.put(stat.pid, stat);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Long> audit = auditTree(all);
        long ticks = 0;
        synchronized (this) {
            for (Stat stat : all.values()) {
                String key = stat.pid + "@" + stat.startTicks;
                // Chromium's helpers outlive its browser process for a moment at the end of a run,
                // and are then the init process's: once the run's, always the run's.
                if (audit.contains(stat.pid)) {
                    auditKeys.add(key);
                }
                if (auditKeys.contains(key) || stat.pid == selfPid) {
                    continue;
                }
                Long last = lastTicks.put(key, stat.cpuTicks);
                // A process first seen after the baseline was born during the run: all its time counts.
                long used = last != null ? stat.cpuTicks - last : baselineTaken ? stat.cpuTicks : 0;
                if (used > 0) {
                    ticks += used;
                    byName.merge(stat.name, used, Long::sum);
                    ticksByName.merge(stat.name, used, Long::sum);
                }
            }
            baselineTaken = true;
        }
        return ticks;
    }

    private Set<Long> auditTree(Map<Long, Stat> all) {
        Set<Long> tree = new HashSet<>();
        for (Stat stat : all.values()) {
            long pid = stat.pid;
            for (int depth = 0; depth < 64 && pid > 1; depth++) {
                if (pid == auditPid) {
                    tree.add(stat.pid);
                    break;
                }
                Stat parent = all.get(pid);
                if (parent == null) {
                    break;
                }
                pid = parent.parentPid;
            }
        }
        return tree;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        ended = System.nanoTime();
    }

    /** The most CPU, in cores, the neighbours used in any one sampled second. */
    synchronized double busiestSecond() {
        return busiestSecond;
    }

    /** "busiest second 0.42 cores (java 0.30, rsyslogd 0.08); 0.05 cores on average over 21 s; …". */
    synchronized String describe() {
        double seconds = (ended - started) / 1e9;
        return "neighbours: busiest second %.2f cores (%s), %.2f cores on average over %.0f s (%s)".formatted(busiestSecond,
                top(busiestSecondByName, 1), totalTicks / TICKS_PER_SECOND / Math.max(seconds, 1e-9), seconds,
                top(ticksByName, Math.max(seconds, 1e-9)));
    }

    private static String top(Map<String, Long> ticks, double seconds) {
        return ticks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(3)
                .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue() / TICKS_PER_SECOND / seconds)).collect(Collectors.joining(", "));
    }

    /** The fields of /proc/PID/stat this needs; the name sits in parentheses and may hold spaces. */
    record Stat(long pid, String name, long parentPid, long cpuTicks, long startTicks) {

        static Stat read(Path dir) {
            String line;
            try {
                line = Files.readString(dir.resolve("stat"));
            } catch (IOException e) {
                // The process ended between listing and reading.
                return null;
            }
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String[] rest = line.substring(close + 2).trim().split(" ");
            // After the name: state, ppid, ..., utime (12th), stime (13th), ..., starttime (20th).
            return new Stat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close), Long.parseLong(rest[1]),
                    Long.parseLong(rest[11]) + Long.parseLong(rest[12]), Long.parseLong(rest[19]));
        }
    }
}
