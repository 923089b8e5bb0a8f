package io.blog.common.kv;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.SafeEncoder;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Redis through Jedis: one server through a connection pool ({@code redis://user:password@host:port/db}),
 * or a Redis Cluster through Jedis' cluster client
 * ({@code redis-cluster://user:password@host:port,host:port,…}: any reachable nodes; the client
 * learns the slots and follows failovers). In a cluster every command must touch one slot: the
 * only multi-key script, {@link #incrementAndMark}, takes keys of one hash tag, and a delete of
 * several keys is one DEL per key in a single pipeline.
 * <p>
 * After a connection failure or timeout the store fails fast for at most a short pause instead of
 * making every caller wait for its own timeout: a hung Redis would otherwise add a timeout per
 * Redis call to every request, and services calling each other would time out in a cascade.
 * During the pause one background PING at a time (at most every {@value #PROBE_INTERVAL_MS} ms)
 * asks Redis; its answer ends the pause at once, so Redis is used again as soon as it answers,
 * however many failures (background jobs included) happened during the outage.
 * <p>
 * A connection failure also empties the pool of idle connections: they were opened to the same
 * server, and after a Redis restart every one of them is dead. Left in the pool, each would fail
 * one later call after Redis is back and re-arm the pause. The pool's evictor PINGs idle
 * connections, so one dropped while nobody used it (a server-side timeout, a firewall) is
 * replaced before a caller meets it.
 */
public class RedisKeyValueStore implements KeyValueStore, AutoCloseable {

    /** One round trip for what would otherwise be three commands, and atomic. */
    /** DECR on an absent key would create one without expiry: only an existing counter is touched. */
    private static final String DECREMENT_IF_PRESENT = """
            local value = tonumber(redis.call('GET', KEYS[1]) or '0')
            if value > 0 then return redis.call('DECR', KEYS[1]) end
            return 0
            """;

    // A counter and its expiry in one script, not a pipeline: a cluster client sends a script
    // through its command path, which follows MOVED and refreshes its slot map after a failover,
    // while a pipeline keeps going to the node its stale map names. SET NX PX creates the counter
    // with its expiry in one step, so a crash can never leave a counter that lives forever; INCR
    // keeps the TTL.
    private static final String INCREMENT_WITHIN_WINDOW = """
            redis.call('SET', KEYS[1], '0', 'NX', 'PX', ARGV[1])
            local value = redis.call('INCR', KEYS[1])
            return {value, redis.call('PTTL', KEYS[1])}
            """;

    private static final String PEEK = """
            local value = redis.call('GET', KEYS[1])
            if not value then return {} end
            return {tonumber(value), redis.call('PTTL', KEYS[1])}
            """;

    private static final String INCREMENT_AND_MARK = """
            local value = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            local floor = tonumber(ARGV[2])
            if value < floor then value = floor end
            value = value + 1
            redis.call('HSET', KEYS[1], ARGV[1], value)
            redis.call('SADD', KEYS[2], ARGV[1])
            return value
            """;

    static final long PROBE_INTERVAL_MS = 100;

    private static final String CLUSTER_SCHEME = "redis-cluster";

    private final UnifiedJedis jedis;
    private final String description;
    private final long pauseAfterFailureMillis;
    private final Executor probes;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long unavailableUntil;
    private volatile long nextProbeAt;

    /** A store whose probes run on a thread of their own (tests and tools outside a server). */
    public RedisKeyValueStore(URI uri, Duration timeout, Duration pauseAfterFailure) {
        this(uri.toString(), timeout, pauseAfterFailure, command -> Thread.ofVirtual().name("redis-probe").start(command));
    }

    /** {@code url}: {@code redis://…} for one server, {@code redis-cluster://…} for a cluster. */
    public RedisKeyValueStore(String url, Duration timeout, Duration pauseAfterFailure, Executor probes) {
        this.pauseAfterFailureMillis = pauseAfterFailure.toMillis();
        this.probes = probes;
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(32);
        pool.setMaxWait(timeout);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(5));
        pool.setNumTestsPerEvictionRun(-1);
        pool.setMinEvictableIdleDuration(Duration.ofMinutes(5));
        if (url.startsWith(CLUSTER_SCHEME + "://")) {
            ClusterUrl cluster = ClusterUrl.parse(url);
            DefaultJedisClientConfig client = DefaultJedisClientConfig.builder().user(cluster.user()).password(cluster.password())
                    .timeoutMillis((int) timeout.toMillis()).build();
            // A failed call is tried on the slot's new owner (MOVED, or a refreshed slot map after
            // a failover) for at most one timeout more, not the client's default of seconds.
            this.jedis = new JedisCluster(cluster.nodes(), client, 3, timeout.multipliedBy(2), pool);
            this.description = "redis cluster " + String.join(",", cluster.nodes().stream().map(HostAndPort::toString).toList());
        } else {
            URI uri = URI.create(url);
            this.jedis = new JedisPooled(pool, uri, (int) timeout.toMillis());
            this.description = "redis " + uri.getHost() + ":" + uri.getPort();
        }
    }

    /** {@code redis-cluster://[user[:password]@]host:port[,host:port…][/]}; URI cannot hold several hosts. */
    record ClusterUrl(Set<HostAndPort> nodes, String user, String password) {

        static ClusterUrl parse(String url) {
            String rest = url.substring((CLUSTER_SCHEME + "://").length());
            String user = null;
            String password = null;
            // The last '@' ends the user info: a password may hold '@' or '/', a host list neither.
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                rest = rest.substring(at + 1);
                int colon = userInfo.indexOf(':');
                user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
                password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
                if (user.isEmpty()) {
                    user = null;
                }
            }
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                rest = rest.substring(0, slash);
            }
            Set<HostAndPort> nodes = new LinkedHashSet<>();
            for (String node : rest.split(",")) {
                if (!node.isBlank()) {
                    nodes.add(HostAndPort.from(node.strip()));
                }
            }
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("a redis-cluster URL names no node: " + url.replaceAll("//[^@/]*@", "//***@"));
            }
            return new ClusterUrl(nodes, user, password);
        }

        /** Percent-escapes only, as in any URI's user info: a '+' stays a '+' (URLDecoder would make it a space). */
        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Optional<String> get(String key) {
        return call(() -> Optional.ofNullable(jedis.get(key)));
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        call(() -> jedis.set(key, value, SetParams.setParams().px(Math.max(1, ttl.toMillis()))));
    }

    @Override
    public boolean setIfAbsent(String key, String value, Duration ttl) {
        return call(() -> "OK".equals(jedis.set(key, value, SetParams.setParams().nx().px(Math.max(1, ttl.toMillis())))));
    }

    @Override
    public boolean exists(String key) {
        return call(() -> jedis.exists(key));
    }

    @Override
    public void delete(String... keys) {
        if (keys.length == 1) {
            call(() -> jedis.del(keys[0]));
        } else if (keys.length > 1 && jedis instanceof JedisCluster) {
            // Keys of several slots cannot share a DEL in a cluster; one DEL per key, each through
            // the command path that follows the slots' owners (a pipeline would not, see above).
            call(() -> {
                Arrays.stream(keys).forEach(jedis::del);
                return null;
            });
        } else if (keys.length > 1) {
            call(() -> jedis.del(keys));
        }
    }

    @Override
    public long incrementAndMark(String key, String field, long floor, String markSet) {
        KeyValueStore.requireOneSlot(key, markSet);
        return call(() -> (Long) jedis.eval(INCREMENT_AND_MARK, List.of(key, markSet), List.of(field, Long.toString(floor))));
    }

    @Override
    public long hashValue(String key, String field) {
        return call(() -> {
            String value = jedis.hget(key, field);
            return value == null ? 0L : Long.parseLong(value);
        });
    }

    @Override
    public Map<String, Long> hashValues(String key, Collection<String> fields) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        List<String> names = List.copyOf(fields);
        return call(() -> {
            List<String> raw = jedis.hmget(key, names.toArray(String[]::new));
            Map<String, Long> values = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), raw.get(i) == null ? 0L : Long.parseLong(raw.get(i)));
            }
            return values;
        });
    }

    @Override
    public void setAdd(String key, Collection<String> members) {
        if (!members.isEmpty()) {
            call(() -> jedis.sadd(key, members.toArray(String[]::new)));
        }
    }

    @Override
    public Set<String> setPop(String key, int count) {
        return call(() -> {
            Set<String> popped = jedis.spop(key, count);
            return popped == null ? Set.of() : popped;
        });
    }

    @Override
    public Counter increment(String key, Duration window) {
        return call(() -> counter(jedis.eval(INCREMENT_WITHIN_WINDOW, List.of(key), List.of(Long.toString(window.toMillis())))));
    }

    @Override
    public void decrementIfPresent(String key) {
        call(() -> jedis.eval(DECREMENT_IF_PRESENT, List.of(key), List.of()));
    }

    @Override
    public Counter peek(String key) {
        return call(() -> counter(jedis.eval(PEEK, List.of(key), List.of())));
    }

    /** Always asks Redis, also during the fail-fast pause; an answer ends the pause at once. */
    @Override
    public boolean ping() {
        try {
            boolean up = "PONG".equals(jedis instanceof JedisCluster ? clusterPing() : jedis.ping());
            if (up) {
                unavailableUntil = 0;
            }
            return up;
        } catch (JedisConnectionException e) {
            failed();
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * PING to one node that answers. The cluster client's own ping() broadcasts to every primary it
     * has ever known, a failed-over one too, and fails while any of them does not answer: a store
     * that serves every slot would be reported down, and its fail-fast pause would never end early.
     */
    private String clusterPing() {
        return SafeEncoder.encode((byte[]) jedis.sendCommand(Protocol.Command.PING));
    }

    @Override
    public boolean failingFast() {
        return System.currentTimeMillis() < unavailableUntil;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        jedis.close();
    }

    /** A script's {value, pttl}, or an empty reply for a counter that does not exist. */
    private static Counter counter(Object reply) {
        List<?> fields = (List<?>) reply;
        return fields.isEmpty() ? new Counter(0, Duration.ZERO)
                : new Counter((Long) fields.get(0), Duration.ofMillis(Math.max(0, (Long) fields.get(1))));
    }

    private <T> T call(Supplier<T> command) {
        if (failingFast()) {
            probeSoon();
            throw new KeyValueStoreException("Redis is treated as unavailable after a recent failure", null);
        }
        try {
            return command.get();
        } catch (JedisConnectionException e) {
            failed();
            throw new KeyValueStoreException("Redis unreachable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new KeyValueStoreException("Redis call failed: " + e.getMessage(), e);
        }
    }

    private void failed() {
        unavailableUntil = System.currentTimeMillis() + pauseAfterFailureMillis;
        if (jedis instanceof JedisPooled single) {
            single.getPool().clear();
        }
    }

    /** One PING in the background at a time; its answer ends the pause (see {@link #ping()}). */
    private void probeSoon() {
        long now = System.currentTimeMillis();
        if (now < nextProbeAt || !probing.compareAndSet(false, true)) {
            return;
        }
        nextProbeAt = now + PROBE_INTERVAL_MS;
        try {
            probes.execute(() -> {
                try {
                    ping();
                } finally {
                    probing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            probing.set(false);
        }
    }
}
