package io.blog.common.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RequestQueueTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-06T19:30:00.250Z");

    @Test
    void theGatewaysStampGivesTheWaitSoFar() {
        long stamped = NOW.toEpochMilli() - 1_500;
        String stamp = "t=" + stamped / 1000 + "." + String.format("%03d", stamped % 1000);
        assertThat(RequestQueueTime.since(stamp, NOW)).isEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void noStampAGarbledOneOrOneFromTheFutureIsNoWait() {
        assertThat(RequestQueueTime.since(null, NOW)).isZero();
        assertThat(RequestQueueTime.since("1733512345.123", NOW)).isZero();
        assertThat(RequestQueueTime.since("t=soon", NOW)).isZero();
        assertThat(RequestQueueTime.since("t=" + (NOW.getEpochSecond() + 5) + ".000", NOW)).isZero();
    }
}
