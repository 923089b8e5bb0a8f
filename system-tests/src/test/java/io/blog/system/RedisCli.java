package io.blog.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * redis-cli against the topology's two Redis stores, "cache" and "security", with their passwords
 * from the env file: each is a cluster of six nodes, or one server when the topology runs
 * BLOG_REDIS_MODE=single. Every call follows a cluster's MOVED redirections (-c).
 */
final class RedisCli {

    private static final Pattern MOVED = Pattern.compile("MOVED \\d+ [^:\\s]+:(\\d+)");

    private RedisCli() {
    }

    static boolean cluster() {
        return Topology.envOr("BLOG_REDIS_MODE", "cluster").equals("cluster");
    }

    /** Every node of the store, in the order of the env file (node N is NAME-N in the scripts). */
    static List<Integer> ports(String store) {
        String name = cluster()
                ? (store.equals("security") ? "BLOG_REDIS_SECURITY_CLUSTER_PORTS" : "BLOG_REDIS_CLUSTER_PORTS")
                : (store.equals("security") ? "BLOG_REDIS_SECURITY_PORT" : "BLOG_REDIS_PORT");
        return Arrays.stream(Topology.env(name).trim().split("\\s+")).map(Integer::valueOf).toList();
    }

    /** The nodes that answer as primaries: together they hold every key. */
    static List<Integer> primaries(String store) {
        return ports(store).stream().filter(port -> call(store, port, "role").startsWith("master")).toList();
    }

    /** The primary that holds a key (a single server holds them all). */
    static int ownerOf(String store, String key) {
        int asked = ports(store).getFirst();
        Matcher moved = MOVED.matcher(command(store, asked, false, "get", key));
        return moved.find() ? Integer.parseInt(moved.group(1)) : asked;
    }

    /** Every key matching the pattern, scanned on each primary (a cluster's SCAN is per node). */
    static List<String> scan(String store, String pattern) {
        List<String> keys = new ArrayList<>();
        for (int port : primaries(store)) {
            run(store, port, "--scan", "--pattern", pattern).lines().filter(l -> !l.isBlank()).forEach(keys::add);
        }
        return keys;
    }

    /** A command on one node; fails the test unless redis-cli exits 0. */
    static String run(String store, int port, String... args) {
        Process process = start(builder(store, port, true, args));
        return finish(process, true, "redis-cli -p " + port + " " + String.join(" ", args));
    }

    /** A command on one node whatever its outcome: for probes of nodes that may be down. */
    static String call(String store, int port, String... args) {
        return command(store, port, true, args);
    }

    static ProcessBuilder builder(String store, int port, boolean followMoved, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli"));
        if (followMoved) {
            command.add("-c");
        }
        command.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REDISCLI_AUTH",
                Topology.env(store.equals("security") ? "BLOG_REDIS_SECURITY_PASSWORD" : "BLOG_REDIS_PASSWORD"));
        return builder;
    }

    static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String finish(Process process, boolean mustSucceed, String what) {
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(what).isTrue();
            if (mustSucceed) {
                assertThat(process.exitValue()).as("%s: %s", what, output).isZero();
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String command(String store, int port, boolean followMoved, String... args) {
        return finish(start(builder(store, port, followMoved, args)), false, "redis-cli " + String.join(" ", args));
    }
}
