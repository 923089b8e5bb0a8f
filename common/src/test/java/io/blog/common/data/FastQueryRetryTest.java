package io.blog.common.data;

import org.eclipse.persistence.internal.sessions.DatabaseSessionImpl;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FastQueryRetryTest {

    @Test
    void oneImmediateRetryInsteadOfTwoAfterFiveSeconds() {
        DatabaseLogin login = new DatabaseLogin();
        assertThat(login.getDelayBetweenConnectionAttempts()).as("EclipseLink's default").isEqualTo(5000);
        DatabaseSessionImpl session = new DatabaseSessionImpl(login);

        new FastQueryRetry().customize(session);

        assertThat(session.getLogin().getQueryRetryAttemptCount()).isEqualTo(1);
        assertThat(session.getLogin().getDelayBetweenConnectionAttempts()).isZero();
    }
}
