package io.blog.console.replication;

import java.time.Instant;

/**
 * One reading of the pair. {@code lagSeconds} is null when the replica cannot say (a stopped SQL
 * thread); {@code problem} names what could not be read.
 */
public record ReplicationState(Instant at, String primaryGtid, String replicaGtid, String ioThread, String sqlThread,
                               Long lagSeconds, String lastError, String problem) {

    public boolean healthy() {
        return problem == null && "Yes".equals(ioThread) && "Yes".equals(sqlThread);
    }
}
