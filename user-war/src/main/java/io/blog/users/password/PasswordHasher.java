package io.blog.users.password;

import io.blog.common.http.RequestQueueTime;
import io.blog.common.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id through Spring Security's maintained encoder (Bouncy Castle underneath). The defaults
 * are OWASP's minimum (19 MiB, 2 iterations, parallelism 1). Hashes are PHC strings that carry
 * their parameters, so raising them later upgrades each hash at its owner's next sign-in.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    @ConfigProperty(name = "blog.password.argon2.memory-kib", defaultValue = "19456")
    int memoryKib;

    @Inject
    @ConfigProperty(name = "blog.password.argon2.iterations", defaultValue = "2")
    int iterations;

    @Inject
    @ConfigProperty(name = "blog.password.max-concurrent-hashes", defaultValue = "0")
    int maxConcurrentHashes;

    /**
     * How long a request may have waited, from the gateway on, before it gets a hashing slot;
     * past that it is turned away. A burst of sign-ins and registrations larger than the cores
     * can hash would otherwise queue until the gateway's timeout, each waiter holding a
     * connection; a quick 503 with Retry-After lets the client come back when the burst has passed
     * (measured in the load test: at 2.5 % of 1,100 visitors registering, waits ran into the
     * gateway's 30 s timeout). Most of such a wait is spent before this code runs, queued for one
     * of the server's few worker threads (all busy hashing), so the time already spent since the
     * gateway forwarded the request counts too. The default, 10 s, lets an ordinary burst through
     * (120 registrations at once all completed within 10.3 s here) and sheds well before the
     * gateway's 30 s timeout; 2 s turned away 116 of those 120.
     */
    @Inject
    @ConfigProperty(name = "blog.password.max-wait-ms", defaultValue = "10000")
    long maxWaitMillis;

    @Inject
    RequestQueueTime queueTime;

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private Argon2PasswordEncoder encoder;
    private String decoyHash;
    Semaphore permits;

    @PostConstruct
    void init() {
        encoder = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
        permits = new Semaphore(concurrency(maxConcurrentHashes, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(), memoryKib), true);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        decoyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    /**
     * How many hashes may run at once. Each Argon2 run holds {@code memoryKib} of heap and a full
     * core: more at once than cores only adds memory pressure, and together they must leave half
     * the heap to everything else whatever the core count (a 64-core host must not run 128 of
     * them in a 384 MiB heap). Extra requests queue. A configured number (> 0) is capped the same way.
     */
    static int concurrency(int configured, int cores, long maxHeapBytes, int memoryKib) {
        int wanted = configured > 0 ? configured : 2 * cores;
        long fitting = maxHeapBytes / 2 / (memoryKib * 1024L);
        return (int) Math.max(1, Math.min(wanted, fitting));
    }

    public String hash(String password) {
        return bounded(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        return bounded(() -> encoder.matches(password, hash));
    }

    /** Spends the same time as a real check, so "no such account" and "wrong password" look alike. */
    public void matchDecoy(String password) {
        bounded(() -> encoder.matches(password, decoyHash));
    }

    private <T> T bounded(Supplier<T> work) {
        try {
            long left = waitLeft(maxWaitMillis, queueTime.soFar());
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** What is left of the wait budget once the request has already waited {@code queued}. */
    static long waitLeft(long maxWaitMillis, Duration queued) {
        return maxWaitMillis - queued.toMillis();
    }

    private static ProblemException busy() {
        return ProblemException.serviceUnavailable("More sign-ins and registrations are being checked than this server can take "
                + "at once; try again in a few seconds.", RETRY_AFTER);
    }

    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
