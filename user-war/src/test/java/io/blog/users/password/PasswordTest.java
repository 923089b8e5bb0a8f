package io.blog.users.password;

import io.blog.common.http.RequestQueueTime;
import io.blog.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordTest {

    @Test
    void argon2idHashesCarryTheirParametersAndVerify() {
        PasswordHasher hasher = hasher(19456, 2);
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery")).isNotEqualTo(hash);
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void concurrentHashesFitHalfTheHeapWhateverTheCoreCount() {
        long heap384 = 384L * 1024 * 1024;
        assertThat(PasswordHasher.concurrency(0, 2, heap384, 19456)).isEqualTo(4);
        // 64 cores would mean 128 × 19 MiB = 2.4 GiB: capped at what half of 384 MiB holds.
        assertThat(PasswordHasher.concurrency(0, 64, heap384, 19456)).isEqualTo(10);
        assertThat(PasswordHasher.concurrency(500, 2, heap384, 19456)).isEqualTo(10);
        assertThat(PasswordHasher.concurrency(0, 8, 64L * 1024 * 1024, 65536)).as("never none").isEqualTo(1);
    }

    @Test
    void aHashThatCannotGetASlotInTimeIsA503WithRetryAfter() throws Exception {
        PasswordHasher hasher = hasher(8192, 1);
        hasher.maxWaitMillis = 100;
        hasher.permits.acquire(2);
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> hasher.hash("correct horse battery")).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(2));
            assertThatThrownBy(() -> hasher.matchDecoy("x")).isInstanceOf(ProblemException.class);
        } finally {
            hasher.permits.release(2);
        }
        assertThat(hasher.matches("correct horse battery", hasher.hash("correct horse battery"))).isTrue();
    }

    @Test
    void theTimeARequestAlreadyQueuedCountsAgainstTheWait() {
        assertThat(PasswordHasher.waitLeft(2000, Duration.ZERO)).isEqualTo(2000);
        assertThat(PasswordHasher.waitLeft(2000, Duration.ofMillis(1500))).isEqualTo(500);
        assertThat(PasswordHasher.waitLeft(2000, Duration.ofSeconds(3))).isNegative();
    }

    @Test
    void strongerParametersAskForARehash() {
        String weak = hasher(8192, 1).hash("correct horse battery");
        PasswordHasher current = hasher(19456, 2);

        assertThat(current.matches("correct horse battery", weak)).isTrue();
        assertThat(current.needsRehash(weak)).isTrue();
    }

    @Test
    void policyRejectsShortCommonAndUsernameBasedPasswords() {
        PasswordPolicy policy = new PasswordPolicy();
        policy.load();

        policy.check("password", "a-perfectly-fine-one", "alice");
        assertThatThrownBy(() -> policy.check("password", "short", "alice"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("password"));
        assertThatThrownBy(() -> policy.check("password", "QWERTYUIOP", "alice")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> policy.check("newPassword", "xx-alice-xx-1", "alice"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("newPassword"));
        assertThat(policy.isCommon("password123")).isTrue();
    }

    private static PasswordHasher hasher(int memory, int iterations) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.memoryKib = memory;
        hasher.iterations = iterations;
        hasher.maxConcurrentHashes = 2;
        hasher.maxWaitMillis = 2000;
        // Outside a server there is no request: nothing was queued before the hasher was asked.
        hasher.queueTime = new RequestQueueTime() {
            @Override
            public Duration soFar() {
                return Duration.ZERO;
            }
        };
        hasher.init();
        return hasher;
    }
}
