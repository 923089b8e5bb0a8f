package io.blog.console.replication;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationStateTest {

    private static ReplicationState reading(String writer, String io, String problem) {
        return new ReplicationState(Instant.now(), writer, "0-1-5", "0-1-5", io, "Yes", 0L, "", problem);
    }

    @Test
    void theFollowerIsTheNodeThatDoesNotWrite() {
        assertThat(reading("primary", "Yes", null).follower()).isEqualTo("replica");
        assertThat(reading("replica", "Yes", null).follower()).isEqualTo("primary");
        assertThat(reading(null, null, "no node takes writes").follower()).isNull();
    }

    @Test
    void theHintFollowsTheRoles() {
        assertThat(ReplicationView.hintFor(reading("primary", "Yes", null))).contains("nothing to do");
        assertThat(ReplicationView.hintFor(reading("primary", "Connecting", null))).contains("does not follow");
        assertThat(ReplicationView.hintFor(reading(null, null, "no node takes writes"))).contains("promote the replica");
        ReplicationState promoted = reading("replica", null, "primary: connection refused");
        assertThat(promoted.promoted()).isTrue();
        assertThat(ReplicationView.hintFor(promoted)).contains("rejoin it");
    }
}
