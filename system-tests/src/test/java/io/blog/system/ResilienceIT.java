package io.blog.system;

import io.blog.system.Accounts.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure drills on the running topology, each under steady traffic: an instance of each service
 * killed with SIGKILL at once, Redis stopped, Elasticsearch stopped, the replica stopped, one of the three
 * Elasticsearch nodes killed, the MariaDB primary killed (promotion and rejoin), a Redis primary of
 * each store killed (the clusters promote their replicas). Reads must not fail;
 * every acknowledged write must be there afterwards. Each drill mends the topology when it ends
 * (start-production.sh starts what is missing) and the figures go to target/artifacts.
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

    private static final Duration BEFORE = Duration.ofSeconds(3);
    private static final Duration TOTAL = Duration.ofSeconds(15);
    private static final Duration WRITE_EVERY = Duration.ofMillis(300);
    /** What each kind of write's id starts with, where one drill writes several kinds. */
    private static final String ARTICLE = "article ";
    private static final String COMMENT = "comment ";
    private static final String BIO = "bio ";
    /** Threads for writes sent at once. */
    private static final ExecutorService BURST = Executors.newCachedThreadPool();

    private static Account author;
    private static List<Account> editors;
    private static String slug;
    // Checks afterwards come from fresh visitors: one address checking dozens of writes at once
    // would meet the gateway's rate limit, which is not what these drills test.
    private final Client checker = Client.newVisitor();

    @BeforeAll
    static void content() {
        // The drills write an article every 300 ms, past any author's hourly budget (post-war's write
        // limits): staff are not limited.
        author = Accounts.withRoles("drill", List.of("EDITOR", "AUTHOR"));
        // comment-war allows five comments a minute per account; the comment drill rotates among six.
        editors = IntStream.range(0, 6).mapToObj(i -> Accounts.withRoles("drilled", List.of("EDITOR"))).toList();
        slug = createArticle(Client.newVisitor(), "Resilience drills", "PUBLISHED");
    }

    @AfterEach
    void mend() {
        Topology.restoreAll();
        Topology.Output health = Topology.healthCheck();
        assertThat(health.exitCode()).as("health-check.sh after the drill:%n%s", health.report()).isZero();
    }

    /**
     * One instance of each service dies at once, under reads and writes of all three; the other
     * instance of each carries them. (The first instance of each: start-production.sh restarts
     * them side by side in the mend, before any second instance.)
     */
    @Test
    @Order(1)
    void killingAnInstanceOfEachService() {
        List<String> attemptedBios = new ArrayList<>();
        Client bioWriter = Client.newVisitor();
        Load.Outcome outcome = Load.around(BEFORE, TOTAL, () -> {
                    Topology.kill("posts-1");
                    Topology.kill("comments-1");
                    Topology.kill("users-1");
                }, 4,
                client -> switch (ThreadLocalRandom.current().nextInt(6)) {
                    case 0 -> client.get("/api/posts?limit=5");
                    case 1 -> client.get("/api/posts/" + slug);
                    case 2 -> client.get("/api/comments?post=" + slug + "&limit=5");
                    case 3 -> client.get("/api/users/" + author.username());
                    case 4 -> client.get("/api/users/me", author.token());
                    default -> client.get("/api/posts/mine", author.token());
                }, WRITE_EVERY,
                // Articles, comments and the author's bio in turn; a comment every 900 ms, rotating
                // among six editors, stays within comment-war's five a minute per account.
                n -> switch (n % 3) {
                    case 0 -> ARTICLE + createArticle(Client.newVisitor(), "Written while an instance of each service dies " + n, "PUBLISHED");
                    case 1 -> COMMENT + createComment(editors.get(n / 3 % editors.size()), "Said while an instance of each service dies, number " + n);
                    default -> BIO + writeBio(bioWriter, attemptedBios, "bio version " + n);
                });
        report("SIGKILL posts-1, comments-1 and users-1", outcome);
        assertThat(outcome.failedReads()).as("failed reads").isEmpty();
        for (String kind : List.of(ARTICLE, COMMENT, BIO)) {
            assertThat(outcome.acknowledged()).as("acknowledged writes of kind %s", kind).anyMatch(id -> id.startsWith(kind));
        }
        outcome.acknowledged().stream().filter(id -> id.startsWith(ARTICLE)).map(id -> id.substring(ARTICLE.length()))
                .forEach(s -> assertThat(Client.newVisitor().get("/api/posts/" + s, author.token()).status())
                        .as("acknowledged article %s", s).isEqualTo(200));
        assertThat(allCommentIds()).containsAll(outcome.acknowledged().stream().filter(id -> id.startsWith(COMMENT))
                .map(id -> (Object) id.substring(COMMENT.length())).toList());
        // The bio was written by one thread in turn: what is stored is the last acknowledged one or
        // one sent after it.
        String lastAcknowledged = outcome.acknowledged().stream().filter(id -> id.startsWith(BIO)).reduce((a, b) -> b)
                .orElseThrow().substring(BIO.length());
        List<String> possible = attemptedBios.subList(attemptedBios.indexOf(lastAcknowledged), attemptedBios.size());
        // Read anonymously: the gateway's copy of the profile may be from before the last write for the edge cache's bound.
        Await.visibleToAnonymous("the last acknowledged bio", () -> checker.get("/api/users/" + author.username()).json().get("bio"),
                possible::contains);
    }

    /** Sets the author's bio; returns it once acknowledged. */
    private static String writeBio(Client writer, List<String> attempted, String bio) {
        synchronized (attempted) {
            attempted.add(bio);
        }
        Client.Reply reply = writer.send("PATCH", "/api/users/me", author.token(), "{\"bio\":\"" + bio + "\"}");
        if (reply.status() != 200) {
            throw new IllegalStateException("HTTP " + reply);
        }
        return bio;
    }

    @Test
    @Order(4)
    void stoppingRedis() {
        // Both: the cache and the security state (revocations, limits) are gone at once.
        Load.Outcome outcome = Load.around(BEFORE, TOTAL, () -> Topology.stop("redis", "redis-security"), 4,
                this::readPosts, WRITE_EVERY, n -> createArticle(Client.newVisitor(), "Written without Redis " + n, "PUBLISHED"));
        report("Redis stopped", outcome);
        // The operator's view: Redis named as failed, and every other component still checked.
        Topology.Output health = Topology.healthCheck();
        assertThat(health.exitCode()).isEqualTo(1);
        assertThat(health.report()).containsPattern("redis +FAIL").containsPattern("redis-security +FAIL")
                .containsPattern("mariadb-replica +ok").containsPattern("comments-2 +ok").containsPattern("gateway /api/posts\\S* +ok");
        assertThat(outcome.failedReads()).as("failed reads").isEmpty();
        assertThat(outcome.failedWrites()).as("writes without Redis").isEmpty();
        // Signing in needs no Redis either.
        Client visitor = Client.newVisitor();
        assertThat(Accounts.login(visitor, author.username(), Accounts.PASSWORD)).isNotBlank();
        outcome.acknowledged().forEach(s -> assertThat(Client.newVisitor().get("/api/posts/" + s).status()).isEqualTo(200));
    }

    @Test
    @Order(5)
    void stoppingElasticsearch() {
        Client writer = Client.newVisitor();
        Topology.stop("elasticsearch");
        String word = Accounts.uniqueName("quokka");
        String written = createArticle(writer, "Indexed later: " + word, "PUBLISHED");
        Client.Reply search = checker.get("/api/posts/search?q=" + word);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json()).containsEntry("degraded", true);
        Topology.restoreAll();
        Map<String, Object> found = Await.until("the article written while Elasticsearch was down is searchable",
                Duration.ofSeconds(90), () -> checker.get("/api/posts/search?q=" + word).json(),
                json -> Boolean.FALSE.equals(json.get("degraded"))
                        && ((List<?>) json.get("items")).stream().anyMatch(i -> written.equals(((Map<?, ?>) i).get("slug"))));
        assertThat(found).containsEntry("degraded", false);
    }

    @Test
    @Order(6)
    void stoppingTheReplica() {
        // Semi-synchronous replication: a write through the API is acknowledged only after the replica
        // has acknowledged it to the primary.
        assertThat(semiSync("Rpl_semi_sync_master_status")).isEqualTo("ON");
        assertThat(semiSync("Rpl_semi_sync_master_clients")).isEqualTo("1");
        long acknowledgedBefore = Long.parseLong(semiSync("Rpl_semi_sync_master_yes_tx"));
        createArticle(Client.newVisitor(), "Acknowledged by the replica", "PUBLISHED");
        assertThat(Long.parseLong(semiSync("Rpl_semi_sync_master_yes_tx"))).as("commits the replica acknowledged")
                .isGreaterThan(acknowledgedBefore);
        Load.Outcome outcome = Load.around(BEFORE, TOTAL, () -> Topology.stop("mariadb-replica"), 4,
                this::readPosts, WRITE_EVERY, n -> createArticle(Client.newVisitor(), "Written without a replica " + n, "PUBLISHED"));
        report("replica stopped", outcome);
        assertThat(outcome.failedReads()).as("failed reads").isEmpty();
        // A read that meets the replica as it goes away falls back at once (EclipseLink's own
        // retry used to sleep 2 × 5 s first).
        assertThat(outcome.slowestReadMillis()).as("slowest read").isLessThan(3_000);
        assertThat(outcome.failedWrites()).isEmpty();
        outcome.acknowledged().forEach(s -> assertThat(Client.newVisitor().get("/api/posts/" + s).status()).isEqualTo(200));
        // Without its replica the primary went on asynchronously; with the replica back and caught
        // up it waits for it again, by itself.
        Topology.restoreAll();
        Await.until("semi-sync back on", Duration.ofSeconds(30), () -> semiSync("Rpl_semi_sync_master_status"), "ON"::equals);
        assertThat(Topology.healthCheck().report()).containsPattern("mariadb-primary +ok +writable .*semi-sync on \\(1 replica");
    }

    private static String semiSync(String variable) {
        List<String> row = Topology.sql("primary", "SHOW GLOBAL STATUS LIKE '" + variable + "'");
        assertThat(row).as(variable).hasSize(1);
        return row.getFirst().split("\t")[1];
    }

    @Test
    @Order(7)
    void killingAnElasticsearchNode() {
        String word = Accounts.uniqueName("wombat");
        createArticle(Client.newVisitor(), "Searchable before " + word, "PUBLISHED");
        Await.until("the first article searchable", Duration.ofSeconds(30), () -> checker.get("/api/posts/search?q=" + word).json(),
                json -> !((List<?>) json.get("items")).isEmpty());
        // The node that holds the articles' primary shard: losing it makes the cluster promote the replica.
        int node = nodeOfPrimaryShard();
        long[] killedAt = new long[1];
        Load.Outcome outcome = Load.around(BEFORE, TOTAL, () -> {
                    killedAt[0] = System.nanoTime();
                    Topology.killElasticsearchNode(node);
                }, 4, client -> searchFromTheIndex(client, word), WRITE_EVERY,
                n -> createArticle(Client.newVisitor(), "Indexed while node " + node + " dies " + word + " " + n, "PUBLISHED"));
        report("SIGKILL elasticsearch-" + node + " (holding the primary shard)", outcome);
        assertThat(outcome.failedReads()).as("failed or degraded searches").isEmpty();
        assertThat(outcome.failedWrites()).isEmpty();
        // With the node still down: every article written around its death is found by search.
        List<String> written = new ArrayList<>(outcome.acknowledged());
        Set<String> found = Await.until("every article written during the drill searchable", Duration.ofSeconds(30),
                () -> searchedSlugs(word), slugs -> slugs.containsAll(written));
        long searchableAfter = (System.nanoTime() - killedAt[0]) / 1_000_000;
        System.out.printf("[resilience] elasticsearch-%d down: all %d articles written around its death searchable %d ms after the kill (%d found)%n",
                node, written.size(), searchableAfter, found.size());
        Topology.Output health = Topology.healthCheck();
        assertThat(health.report()).containsPattern("elasticsearch +ok +cluster (yellow|green), 2 of 3 nodes")
                .containsPattern("elasticsearch-" + node + " +FAIL");
        // Each node has an exporter of its own: Prometheus sees this node down (ElasticsearchNodeDown's
        // expression) and the cluster answering through the two others (so no ElasticsearchDown).
        String instance = "{job=\"elasticsearch\", instance=\"elasticsearch-" + node + "\"}";
        Await.until("Prometheus to see elasticsearch-" + node + " down", Duration.ofSeconds(60),
                () -> Prometheus.query("up" + instance + " == 0 or elasticsearch_cluster_health_up" + instance + " == 0"),
                result -> !result.isEmpty());
        Await.until("Prometheus to see the two other nodes answer", Duration.ofSeconds(60),
                () -> Prometheus.query("elasticsearch_cluster_health_up{job=\"elasticsearch\"} == 1"), result -> result.size() == 2);
    }

    @Test
    @Order(9)
    void killingARedisPrimaryOfEachStore() {
        // What the security store holds before the failover: a revocation, and four wrong
        // passwords counted against an account (the fifth is the last a minute allows).
        Account loggedOut = Accounts.register("redisdrill");
        assertThat(Client.newVisitor().send("POST", "/api/users/logout", loggedOut.token(), "{}").status()).isEqualTo(204);
        String revocation = "blog:jwt:denied-sid:" + claim(loggedOut.token(), "sid");
        assertThat(RedisCli.run("security", RedisCli.ports("security").getFirst(), "exists", revocation)).isEqualTo("1");
        Account target = Accounts.register("redislimit");
        for (int i = 0; i < 4; i++) {
            assertThat(wrongSignIn(target.username())).isEqualTo(401);
        }
        // The primaries that hold the revocation and the hot article's view counter.
        int security = RedisCli.ownerOf("security", revocation);
        // A marker in the view counter's slot (its hash tag): it must be served through the failover.
        String marker = "drill:{views}:marker";
        RedisCli.run("cache", RedisCli.ports("cache").getFirst(), "set", marker, "x", "EX", "600");
        int cache = RedisCli.ownerOf("cache", "posts:{views}:total");
        awaitReplicated("security", security);
        awaitReplicated("cache", cache);

        int cacheSurvivor = RedisCli.ports("cache").stream().filter(p -> p != cache).findFirst().orElseThrow();
        int securitySurvivor = RedisCli.ports("security").stream().filter(p -> p != security).findFirst().orElseThrow();
        long[] at = new long[2];   // killed, both keys served again
        Load.Outcome outcome = Load.around(BEFORE, TOTAL, () -> {
                    at[0] = System.nanoTime();
                    Topology.killRedisNode("cache", cache);
                    Topology.killRedisNode("security", security);
                    // The outage window: until the killed primaries' keys are served by their replicas.
                    Await.until("the killed primaries' slots served again", Duration.ofSeconds(12),
                            () -> RedisCli.call("cache", cacheSurvivor, "exists", marker)
                                    + RedisCli.call("security", securitySurvivor, "exists", revocation), "11"::equals);
                    at[1] = System.nanoTime();
                }, 4, this::readPosts, WRITE_EVERY,
                n -> createArticle(Client.newVisitor(), "Written while two Redis primaries die " + n, "PUBLISHED"));
        report("SIGKILL of a Redis primary of each store", outcome);
        assertThat(outcome.failedReads()).as("failed reads").isEmpty();
        assertThat(outcome.failedWrites()).as("failed writes").isEmpty();
        // Calls to a slot without a primary fail fast: losing a cache node costs no more than the cache saved.
        assertThat(outcome.slowestReadMillis()).as("slowest read").isLessThan(2_000);
        outcome.acknowledged().forEach(s -> assertThat(Client.newVisitor().get("/api/posts/" + s).status()).as(s).isEqualTo(200));

        // The replicas took over: each store still serves every slot, with the killed node down.
        Topology.Output health = Await.until("both stores served by the promoted replicas", Duration.ofSeconds(30),
                Topology::healthCheck, h -> h.report().contains("down: :" + cache) && h.report().contains("down: :" + security));
        assertThat(health.report()).containsPattern("redis +FAIL +cluster ok, but down: :" + cache + " \\(3 primaries, 2 replicas")
                .containsPattern("redis-security +FAIL +cluster ok, but down: :" + security + " \\(3 primaries, 2 replicas");
        System.out.printf("[resilience] Redis primaries :%d (cache) and :%d (security) killed: their keys served by the promoted replicas %d ms after the kill%n",
                cache, security, millis(at[0], at[1]));
        // The security state survived: the revocation holds, the spent budget stays spent. An instance
        // whose call met the killed primary fails open for its fail-fast pause (RevokedTokenFilter,
        // blog.redis.pause-after-failure-ms, 1 s) until its cluster client has the new primaries: the
        // token must be refused on every call, through both users instances, within seconds of that.
        long refusedAfter = System.nanoTime();
        Await.until("the logged-out token refused on four calls in a row", Duration.ofSeconds(15),
                () -> IntStream.range(0, 4).map(i -> Client.newVisitor().get("/api/users/me", loggedOut.token()).status()).boxed().toList(),
                statuses -> statuses.stream().allMatch(s -> s == 401));
        System.out.printf("[resilience] the logged-out token refused on every call %d ms after the health check saw the promoted replicas%n",
                millis(refusedAfter, System.nanoTime()));
        assertThat(wrongSignIn(target.username())).isEqualTo(401);
        assertThat(wrongSignIn(target.username())).as("the sign-in budget counted before the failover").isEqualTo(429);
        // Every instance's readiness reports both stores available with the killed nodes still down
        // (the console's health view reads it): its probe asks a node that answers.
        for (String service : List.of("users", "posts", "comments")) {
            for (String port : Topology.ports(service)) {
                Await.until(service + " on :" + port + " to see both stores available", Duration.ofSeconds(15),
                        () -> readiness(port), r -> r.contains("\"available\":true") && r.contains("\"securityAvailable\":true"));
            }
        }
        // Prometheus sees the node down (RedisNodeDown, a ticket), not the cluster (RedisClusterDown).
        int node = RedisCli.ports("cache").indexOf(cache) + 1;
        Await.until("Prometheus to see redis-" + node + " down", Duration.ofSeconds(60),
                () -> Prometheus.query("redis_up{job=\"redis\", instance=\"redis-" + node + "\"} == 0"), result -> !result.isEmpty());
        assertThat(Prometheus.query("max by (role) (redis_cluster_state{job=\"redis\"}) == 0")).as("a cluster seen down").isEmpty();
    }

    /** An instance's own readiness report, asked directly (the gateway does not expose it). */
    private static String readiness(String port) {
        try {
            return fromInstance(port, "/health/ready").replace(" ", "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The body of an instance's answer to a GET, asked directly rather than through the gateway. */
    private static String fromInstance(String port, String path) throws IOException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int wrongSignIn(String username) {
        return Client.newVisitor().send("POST", "/api/users/login", null,
                "{\"login\":\"" + username + "\",\"password\":\"not-the-password-1\"}").status();
    }

    /** A claim of a JWT, read from its payload (the token is trusted here: it was just issued). */
    private static String claim(String token, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        assertThat(value.find()).as("claim %s in %s", name, payload).isTrue();
        return value.group(1);
    }

    /** Replication is asynchronous: kill only once the primary's replica has every write. */
    private static void awaitReplicated(String store, int primary) {
        Await.until("the replica of :" + primary + " to have every write", Duration.ofSeconds(10), () -> {
            String info = RedisCli.run(store, primary, "info", "replication");
            String offset = info.replaceAll("(?s).*master_repl_offset:(\\d+).*", "$1");
            return info.lines().filter(l -> l.startsWith("slave0:")).anyMatch(l -> l.contains("offset=" + offset + ","));
        }, Boolean::booleanValue);
    }

    /** One write of the database drill: when it started and ended, and what it got. */
    private record TimedWrite(long startedNanos, long endedNanos, int status, String body) {
    }

    @Test
    @Order(8)
    void killingTheDatabasePrimary() {
        assertThat(Topology.databaseWriter()).isEqualTo("primary");
        // Every write pool holds connections to the primary process about to be killed; the
        // drill's load writes only articles, so the others lie idle until after the rejoin.
        writeOnEveryService("Before the kill");
        long repeatedBefore = writesRepeated();
        Queue<TimedWrite> writes = new ConcurrentLinkedQueue<>();
        long[] at = new long[4];   // killed, promoted, rejoin started, rejoined
        String[] reports = new String[2];
        Load.Outcome outcome = Load.around(BEFORE, TOTAL, () -> {
            at[0] = System.nanoTime();
            Topology.killDatabaseNode("primary");
            // The operator's command; the services are left alone.
            Topology.Output promoted = Topology.operatorScript(Duration.ofMinutes(1), "scripts/maintenance/promote-replica.sh");
            at[1] = System.nanoTime();
            reports[0] = promoted.report();
            assertThat(promoted.exitCode()).as("promote-replica.sh:%n%s", promoted.report()).isZero();
            // Writes go on against the promoted replica for a while, then the primary comes back.
            Topology.pause(Duration.ofSeconds(6));
            at[2] = System.nanoTime();
            Topology.Output rejoined = Topology.operatorScript(Duration.ofMinutes(2), "scripts/maintenance/rejoin-replica.sh");
            at[3] = System.nanoTime();
            reports[1] = rejoined.report();
            assertThat(rejoined.exitCode()).as("rejoin-replica.sh:%n%s", rejoined.report()).isZero();
        }, 4, this::readPosts, WRITE_EVERY, n -> timedWrite(writes, "Written while the database fails over " + n));
        report("SIGKILL of the MariaDB primary, promote, rejoin", outcome);
        System.out.printf("[resilience] promote-replica.sh %d ms: %s[resilience] rejoin-replica.sh %d ms: %s",
                millis(at[0], at[1]), reports[0], millis(at[2], at[3]), reports[1]);

        assertThat(outcome.failedReads()).as("failed reads").isEmpty();
        // A write that could not be taken was told so plainly, and only while the writer was gone
        // or the role moved back.
        List<TimedWrite> refused = writes.stream().filter(w -> w.status() != 201).toList();
        assertThat(refused).as("refused writes").allSatisfy(w -> {
            assertThat(w.status()).as(w.body()).isEqualTo(503);
            assertThat(w.body()).contains("\"status\":503");
            boolean duringPromotion = w.endedNanos() >= at[0] && w.startedNanos() <= at[1] + 3_000_000_000L;
            boolean duringRejoin = w.endedNanos() >= at[2] && w.startedNanos() <= at[3] + 3_000_000_000L;
            assertThat(duringPromotion || duringRejoin).as("refused at %d ms after the kill: %s", millis(at[0], w.startedNanos()), w.body()).isTrue();
        });
        long firstAfterKill = writes.stream().filter(w -> w.status() == 201 && w.startedNanos() > at[0])
                .mapToLong(TimedWrite::endedNanos).min().orElseThrow();
        long writeOutage = millis(at[0], firstAfterKill);
        long refusedAtRejoin = refused.stream().filter(w -> w.endedNanos() >= at[2]).count();
        System.out.printf("[resilience] primary killed: first acknowledged write %d ms after the kill (promotion took %d ms); "
                        + "%d writes refused with 503 around the promotion, %d around the rejoin (which took %d ms); %d acknowledged%n",
                writeOutage, millis(at[0], at[1]), refused.size() - refusedAtRejoin, refusedAtRejoin, millis(at[2], at[3]),
                outcome.acknowledged().size());
        assertThat(writeOutage).as("ms from the kill to the next acknowledged write").isLessThan(10_000);
        assertThat(outcome.acknowledged()).as("acknowledged writes").hasSizeGreaterThan(20);

        // No acknowledged write lost: each reads back through the API, and both nodes hold it.
        outcome.acknowledged().forEach(s -> assertThat(Client.newVisitor().get("/api/posts/" + s).status()).as(s).isEqualTo(200));
        // Every instance of every service writes again: the demoted node closed their connections,
        // and their pools replaced them before handing them out; a connection idle since before
        // the kill (dead socket) leads to the demoted node, whose refusal is repeated.
        long slowest = writeOnEveryService("Written after the primary rejoined");
        System.out.printf("[resilience] after the rejoin, 18 writes on the three services: slowest %d ms; "
                + "%d writes repeated after a read-only refusal during the whole drill%n", slowest, writesRepeated() - repeatedBefore);
        String slugs = String.join("','", outcome.acknowledged());
        String expected = String.valueOf(outcome.acknowledged().size());
        for (String node : List.of("primary", "replica")) {
            // The replica has each of them (semi-sync) but may still be applying the last.
            Await.until("every acknowledged article on the " + node, Duration.ofSeconds(10),
                    () -> Topology.sql(node, "SELECT COUNT(*) FROM blog_posts.article WHERE slug IN ('" + slugs + "')"),
                    rows -> rows.equals(List.of(expected)));
        }
        assertThat(Topology.databaseWriter()).isEqualTo("primary");
        assertThat(Topology.healthCheck().report()).containsPattern("mariadb-primary +ok +writable .*semi-sync on \\(1 replica")
                .containsPattern("mariadb-replica +ok +replicating from primary");
    }

    /**
     * Six writes on each service in turn, one alone and then five at once: a profile, a comment,
     * an article. The gateway takes turns between the two instances of each service, and
     * concurrent writes make each instance's write pool hold several connections, of which a
     * periodic check touches only one meanwhile. Each write must be taken; returns the slowest,
     * in ms. (One service at a time, the first write alone to warm what it reads: a burst of all
     * eighteen at once made comment-war's check of the article through post-war time out.)
     */
    private static long writeOnEveryService(String label) {
        List<IntFunction<Client.Reply>> kinds = List.of(
                i -> Client.newVisitor().send("PATCH", "/api/users/me", editors.get(i).token(),
                        "{\"bio\":\"" + label + " " + i + "\"}"),
                i -> Client.newVisitor().send("POST", "/api/comments", editors.get(i).token(),
                        "{\"post\":\"" + slug + "\",\"body\":\"" + label + " " + i + "\"}"),
                i -> Client.newVisitor().send("POST", "/api/posts", author.token(),
                        "{\"title\":\"" + label + " " + i + "\",\"body\":\"Body of " + label + " " + i
                                + "\",\"tags\":[\"drill\"],\"status\":\"PUBLISHED\"}"));
        long slowest = 0;
        for (IntFunction<Client.Reply> write : kinds) {
            slowest = Math.max(slowest, timed(label, () -> write.apply(0)));
            List<CompletableFuture<Long>> burst = IntStream.range(1, editors.size())
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> timed(label, () -> write.apply(i)), BURST))
                    .toList();
            for (CompletableFuture<Long> one : burst) {
                slowest = Math.max(slowest, one.join());
            }
        }
        return slowest;
    }

    /** db_writes_repeated_total summed over every instance of every service (read from each directly). */
    private static long writesRepeated() {
        long total = 0;
        for (String service : List.of("users", "posts", "comments")) {
            for (String port : Topology.ports(service)) {
                try {
                    total += fromInstance(port, "/metrics?scope=application").lines().filter(l -> l.startsWith("db_writes_repeated_total"))
                            .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return total;
    }

    /** The write's duration in ms; an answer other than 200 or 201 fails the test. */
    private static long timed(String label, Supplier<Client.Reply> write) {
        long started = System.nanoTime();
        Client.Reply reply = write.get();
        assertThat(reply.status()).as("%s: %s", label, reply).isIn(200, 201);
        return millis(started, System.nanoTime());
    }

    private String timedWrite(Queue<TimedWrite> writes, String title) {
        long started = System.nanoTime();
        Client.Reply reply = Client.newVisitor().send("POST", "/api/posts", author.token(),
                "{\"title\":\"" + title + "\",\"body\":\"Body of " + title + "\",\"tags\":[\"drill\"],\"status\":\"PUBLISHED\"}");
        writes.add(new TimedWrite(started, System.nanoTime(), reply.status(), reply.body()));
        if (reply.status() != 201) {
            throw new IllegalStateException("HTTP " + reply);
        }
        return (String) reply.json().get("slug");
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /** A search answered by Elasticsearch; the database fallback (degraded) counts as a failure here. */
    private static Client.Reply searchFromTheIndex(Client client, String word) {
        // A query string of its own, so the edge cache never answers in Elasticsearch's place.
        Client.Reply reply = client.get("/api/posts/search?q=" + word + "&size=5&r=" + ThreadLocalRandom.current().nextInt());
        if (reply.status() == 200 && Boolean.TRUE.equals(reply.json().get("degraded"))) {
            return new Client.Reply(599, reply.headers(), "degraded: " + reply.body());
        }
        return reply;
    }

    private static Set<String> searchedSlugs(String word) {
        Set<String> slugs = new HashSet<>();
        Client client = Client.newVisitor();
        for (int page = 0; page < 10; page++) {
            Client.Reply reply = client.get("/api/posts/search?q=" + word + "&size=50&page=" + page + "&r=" + ThreadLocalRandom.current().nextInt());
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            List<Map<String, Object>> items = reply.items();
            items.forEach(i -> slugs.add((String) i.get("slug")));
            if (items.size() < 50) {
                break;
            }
        }
        return slugs;
    }

    private static int nodeOfPrimaryShard() {
        // "p blog-2" / "r blog-3": one line per copy of the shard.
        String name = LogIndex.getText("/_cat/shards/posts?h=prirep,node").lines().map(String::trim)
                .filter(l -> l.startsWith("p ")).map(l -> l.substring(2).trim()).findFirst().orElseThrow();
        assertThat(name).matches("blog-[0-9]+");
        return Integer.parseInt(name.substring("blog-".length()));
    }

    private Client.Reply readPosts(Client client) {
        return switch (ThreadLocalRandom.current().nextInt(3)) {
            case 0 -> client.get("/api/posts?limit=5");
            case 1 -> client.get("/api/posts/" + slug);
            default -> client.get("/api/comments?post=" + slug + "&limit=5");
        };
    }

    private static String createArticle(Client client, String title, String status) {
        Client.Reply reply = client.send("POST", "/api/posts", author.token(),
                "{\"title\":\"" + title + "\",\"body\":\"Body of " + title + "\",\"tags\":[\"drill\"],\"status\":\"" + status + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("HTTP " + reply);
        }
        return (String) reply.json().get("slug");
    }

    private static String createComment(Account who, String body) {
        Client.Reply reply = Client.newVisitor().send("POST", "/api/comments", who.token(),
                "{\"post\":\"" + slug + "\",\"body\":\"" + body + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("HTTP " + reply);
        }
        return (String) reply.json().get("id");
    }

    private List<Object> allCommentIds() {
        List<Object> ids = new ArrayList<>();
        String cursor = null;
        do {
            Client.Reply page = checker.get("/api/comments?post=" + slug + "&limit=50" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            ids.addAll(WholeFlowIT.ids(page.items()));
            cursor = (String) page.json().get("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static void report(String incident, Load.Outcome outcome) {
        String line = outcome.describe(incident);
        System.out.println("[resilience] " + line);
        Path file = Path.of(System.getProperty("system.artifacts.dir", "target/artifacts"), "resilience.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
