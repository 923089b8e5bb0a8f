package io.blog.common.kv;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store on a real six-node Redis Cluster of its own (three primaries, one replica each, a
 * password), started with the host's redis-server: the whole store contract, then a SIGKILL of
 * the primary that holds a key, after which the cluster promotes its replica and the store reads
 * the acknowledged value and writes again without being reopened.
 */
class RedisClusterIT extends HashAndSetContract {

    private static final String PASSWORD = "cluster-" + UUID.randomUUID();
    private static final int NODE_TIMEOUT_MS = 1000;
    private static final List<Integer> PORTS = new ArrayList<>();
    private static final List<Process> NODES = new ArrayList<>();
    private static Path dir;
    private static RedisKeyValueStore store;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("redis-cluster");
        PORTS.addAll(ClusterPorts.free(6));
        for (int port : PORTS) {
            Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
            NODES.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
                    "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MS), "--dir", nodeDir.toString(), "--save", "",
                    "--appendonly", "no", "--requirepass", PASSWORD, "--masterauth", PASSWORD)
                    .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
        }
        for (int port : PORTS) {
            awaitAnswer(port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "-a", PASSWORD, "--no-auth-warning", "--cluster", "create"));
        PORTS.forEach(p -> create.add("127.0.0.1:" + p));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Process created = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(dir.resolve("create.log").toFile()).start();
        assertThat(created.waitFor()).as("redis-cli --cluster create: %s", Files.readString(dir.resolve("create.log"))).isZero();
        for (int port : PORTS) {
            awaitClusterOk(port);
        }
        // Two nodes are enough to find the rest: the client learns the slot map from any of them.
        store = new RedisKeyValueStore("redis-cluster://:" + PASSWORD + "@127.0.0.1:" + PORTS.get(0) + ",127.0.0.1:" + PORTS.get(1),
                Duration.ofMillis(300), Duration.ofMillis(500), command -> Thread.ofVirtual().start(command));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (store != null) {
            store.close();
        }
        for (Process node : NODES) {
            node.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Override
    KeyValueStore store() {
        return store;
    }

    @Test
    void theDescriptionNamesTheClusterWithoutItsPassword() {
        assertThat(store.describe()).startsWith("redis cluster 127.0.0.1:").doesNotContain(PASSWORD);
    }

    @Test
    void aKilledPrimaryIsReplacedByItsReplicaAndTheStoreGoesOnWithoutReopening() throws Exception {
        // A value and a counter in one slot (one hash tag): the counter's calls are scripts, which
        // must find the slot's new owner as plain commands do.
        String tag = "{" + UUID.randomUUID() + "}";
        String key = "failover:" + tag;
        String counter = "failover:" + tag + ":count";
        store.set(key, "acknowledged", Duration.ofMinutes(5));
        store.increment(counter, Duration.ofMinutes(5));
        store.increment(counter, Duration.ofMinutes(5));
        int owner;
        try (Jedis any = jedis(PORTS.get(0))) {
            long slot = any.clusterKeySlot(key);
            owner = PORTS.stream().filter(p -> ownsSlot(p, slot)).findFirst().orElseThrow();
        }
        try (Jedis primary = jedis(owner)) {
            // Replication is asynchronous: the test kills the primary only once a replica has the write
            // (just after the cluster is created the replica may still be loading its first copy).
            assertThat(primary.waitReplicas(1, 8000)).isEqualTo(1);
        }

        long killed = System.nanoTime();
        NODES.get(PORTS.indexOf(owner)).destroyForcibly().waitFor();
        int failedCalls = 0;
        long slowestMillis = 0;
        KeyValueStore.Counter read = null;
        while (read == null) {
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the replica's promotion").isLessThan(Duration.ofSeconds(20));
            long started = System.nanoTime();
            try {
                read = store.peek(counter);
            } catch (KeyValueStoreException e) {
                failedCalls++;
                Thread.sleep(50);
            }
            slowestMillis = Math.max(slowestMillis, (System.nanoTime() - started) / 1_000_000);
        }
        Duration outage = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(read.value()).as("the counter after the failover").isEqualTo(2);
        assertThat(store.increment(counter, Duration.ofMinutes(5)).value()).isEqualTo(3);
        assertThat(store.get(key)).contains("acknowledged");
        store.set(key, "after", Duration.ofMinutes(5));
        assertThat(store.get(key)).contains("after");
        // With the killed node still down: the store answers its probe (a PING broadcast to every
        // primary the client ever knew would not).
        assertThat(store.ping()).as("ping with a former primary down").isTrue();
        store.delete(key, counter);
        assertThat(store.exists(key)).isFalse();
        assertThat(store.peek(counter).value()).isZero();
        // Callers are answered, never held: a failed call ends within the client's retry budget.
        assertThat(slowestMillis).as("slowest call during the failover").isLessThan(2000);
        System.out.printf("[redis-cluster] primary :%d killed: its slots served again after %d ms (%d calls failed fast, slowest %d ms)%n",
                owner, outage.toMillis(), failedCalls, slowestMillis);
    }

    private static boolean ownsSlot(int port, long slot) {
        if (!NODES.get(PORTS.indexOf(port)).isAlive()) {
            return false;
        }
        try (Jedis node = jedis(port)) {
            if (!node.info("replication").contains("role:master")) {
                return false;
            }
            String myself = node.clusterNodes().lines().filter(l -> l.contains("myself")).findFirst().orElseThrow();
            String[] fields = myself.split(" ");
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                long from = Long.parseLong(range[0]);
                long to = range.length > 1 ? Long.parseLong(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Jedis jedis(int port) {
        Jedis jedis = new Jedis("127.0.0.1", port, 10_000);
        jedis.auth(PASSWORD);
        return jedis;
    }

    private static void awaitAnswer(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Jedis node = jedis(port)) {
                node.ping();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("redis-server :" + port + " did not answer: " + Files.readString(dir.resolve(port + "/redis.log")), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static void awaitClusterOk(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String info = "";
        while (System.nanoTime() < deadline) {
            try (Jedis node = jedis(port)) {
                info = node.clusterInfo();
                if (info.contains("cluster_state:ok")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node :" + port + " never reported cluster_state:ok: "
                + info.lines().filter(l -> l.startsWith("cluster_")).collect(Collectors.joining(", ")));
    }
}
