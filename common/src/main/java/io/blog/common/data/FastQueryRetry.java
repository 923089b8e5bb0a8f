package io.blog.common.data;

import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink repeats a read that failed on a communication error after sleeping 5 s, twice: a
 * read that met the replica as it went away took 10 s before our own fallback to the primary
 * could run. One immediate retry still covers a pooled connection that died quietly.
 * Set as {@code eclipselink.session.customizer} in every persistence unit.
 */
public class FastQueryRetry implements SessionCustomizer {

    static final int RETRIES = 1;
    static final int DELAY_MILLIS = 0;

    @Override
    public void customize(Session session) {
        session.getLogin().setQueryRetryAttemptCount(RETRIES);
        session.getLogin().setDelayBetweenConnectionAttempts(DELAY_MILLIS);
    }
}
