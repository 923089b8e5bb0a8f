package io.blog.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/deployment/redis.sh in cluster mode, on six ports and a folder of its own beside the
 * running topology (its env file for the password, the cluster settings overridden): the cluster
 * is created on first start, a SIGKILLed primary is replaced by its replica with every key still
 * readable, the killed node comes back as a replica, and a stop and start reform the cluster from
 * the nodes' own files with the data kept.
 */
class RedisClusterDeploymentIT {

    private static final String SCRIPT = "scripts/deployment/redis.sh";

    private Path dir;
    private List<Integer> ports;
    private Map<String, String> env;

    @BeforeEach
    void clusterSettings() throws IOException {
        dir = Files.createTempDirectory("redis-cluster-deployment");
        ports = ClusterPorts.free(6);
        env = Map.of("BLOG_PROD_DIR", dir.toString(),
                "BLOG_REDIS_CLUSTER_PORTS", String.join(" ", ports.stream().map(String::valueOf).toList()),
                "BLOG_REDIS_CLUSTER_NODE_TIMEOUT_MS", "1500");
    }

    @AfterEach
    void stopCluster() {
        redis("stop", "cache");
    }

    @Test
    void aClusterIsCreatedSurvivesAKilledPrimaryAndReformsAfterARestart() throws Exception {
        Topology.Output started = redis("start", "cache");
        assertThat(started.exitCode()).as(started.report()).isZero();
        assertThat(started.report()).contains("cluster created").contains("cluster ok");
        Topology.Output status = redis("status", "cache");
        assertThat(status.exitCode()).as(status.report()).isZero();
        assertThat(status.report().lines().filter(l -> l.contains("master, cluster ok"))).hasSize(3);
        assertThat(status.report().lines().filter(l -> l.contains("slave, cluster ok"))).hasSize(3);

        List<String> keys = IntStream.range(0, 60).mapToObj(i -> "drill:" + i).toList();
        for (String key : keys) {
            assertThat(cli(ports.get(1), "set", key, "value-of-" + key)).isEqualTo("OK");
        }
        int killed = ports.getFirst();
        assertThat(cli(killed, "role")).startsWith("master");
        // Replication is asynchronous: kill only once the replicas have every write.
        awaitReplicated();

        long pid = Long.parseLong(Files.readString(dir.resolve("redis/node-" + killed + "/redis.pid")).strip());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long killedAt = System.nanoTime();
        Topology.Output failedOver = awaitStatus("the replica promoted", s -> s.report().contains(":" + killed + " down")
                && s.report().lines().filter(l -> l.contains("master, cluster ok")).count() == 3);
        long promotedMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertThat(failedOver.exitCode()).as("a node is down: %s", failedOver.report()).isEqualTo(1);
        for (String key : keys) {
            assertThat(cli(ports.get(2), "get", key)).as(key).isEqualTo("value-of-" + key);
        }

        Topology.Output restarted = redis("start", "cache");
        assertThat(restarted.exitCode()).as(restarted.report()).isZero();
        Topology.Output back = awaitStatus("the killed node back as a replica", s -> s.exitCode() == 0);
        assertThat(back.report()).contains(":" + killed + " up, slave, cluster ok");

        List<Long> pids = new ArrayList<>();
        for (int port : ports) {
            pids.add(Long.parseLong(Files.readString(dir.resolve("redis/node-" + port + "/redis.pid")).strip()));
        }
        Topology.Output stopped = redis("stop", "cache");
        assertThat(stopped.exitCode()).as(stopped.report()).isZero();
        assertThat(pids).as("nodes still running after the stop").noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        Topology.Output reformed = redis("start", "cache");
        assertThat(reformed.exitCode()).as(reformed.report()).isZero();
        assertThat(reformed.report()).doesNotContain("cluster created").contains("cluster ok");
        for (String key : keys) {
            assertThat(cli(ports.get(3), "get", key)).as("%s after the restart", key).isEqualTo("value-of-" + key);
        }
        System.out.printf("[redis-cluster] primary :%d killed: replica promoted and shown by status within %d ms%n", killed, promotedMillis);
    }

    @Test
    void aClusterOfOtherThanSixNodesIsRefusedInOneLine() {
        Map<String, String> five = new HashMap<>(env);
        five.put("BLOG_REDIS_CLUSTER_PORTS", String.join(" ", ports.subList(0, 5).stream().map(String::valueOf).toList()));
        Topology.Output refused = Topology.operatorScriptWithEnv(Duration.ofMinutes(1), five, SCRIPT, "start", "cache");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.report().strip()).isEqualTo("redis: FAILED: Redis: a cluster needs six ports (three primaries, three replicas), got 5");
        Map<String, String> unknownMode = new HashMap<>(env);
        unknownMode.put("BLOG_REDIS_MODE", "sharded");
        Topology.Output mode = Topology.operatorScriptWithEnv(Duration.ofMinutes(1), unknownMode, SCRIPT, "status", "cache");
        assertThat(mode.exitCode()).isEqualTo(1);
        assertThat(mode.report().strip()).isEqualTo("redis: FAILED: BLOG_REDIS_MODE is 'sharded': cluster (the default) or single");
        Topology.Output usage = Topology.operatorScriptWithEnv(Duration.ofMinutes(1), env, SCRIPT, "start", "sessions");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.report()).startsWith("usage: ");
    }

    private Topology.Output redis(String... args) {
        return Topology.operatorScriptWithEnv(Duration.ofMinutes(2), env, SCRIPT, args);
    }

    private Topology.Output awaitStatus(String what, Predicate<Topology.Output> done) {
        return Await.until(what, Duration.ofSeconds(30), () -> redis("status", "cache"), done);
    }

    /** Every replica's replication offset has reached its primary's. */
    private void awaitReplicated() {
        Await.until("the replicas to have every write", Duration.ofSeconds(10), () -> ports.stream().filter(p -> {
            String info = cli(p, "info", "replication");
            if (!info.contains("role:master")) {
                return false;
            }
            long offset = Long.parseLong(info.replaceAll("(?s).*master_repl_offset:(\\d+).*", "$1"));
            return !info.lines().filter(l -> l.startsWith("slave0:")).allMatch(l -> l.contains("offset=" + offset + ","));
        }).count(), lagging -> lagging == 0);
    }

    /** The cluster of this test is a "cache" store: the topology's cache password. */
    private static String cli(int port, String... command) {
        return RedisCli.call("cache", port, command);
    }
}
