package io.blog.console.replication;

import java.time.Instant;

/**
 * One reading of the pair. {@code writer} is the node that takes writes ({@code primary}, or
 * {@code replica} after a promotion; null when neither does); {@code lagSeconds} is null when the
 * replica cannot say (a stopped SQL thread); {@code problem} names what could not be read.
 */
public record ReplicationState(Instant at, String writer, String writerGtid, String replicaGtid, String ioThread, String sqlThread,
                               Long lagSeconds, String lastError, String problem) {

    public static final String PRIMARY = "primary";
    public static final String REPLICA = "replica";

    public boolean healthy() {
        return problem == null && "Yes".equals(ioThread) && "Yes".equals(sqlThread);
    }

    /** The node that follows the writer; null while no node takes writes. */
    public String follower() {
        return writer == null ? null : PRIMARY.equals(writer) ? REPLICA : PRIMARY;
    }

    /** After a promotion and before the rejoin: the replica writes and the primary is away. */
    public boolean promoted() {
        return REPLICA.equals(writer);
    }
}
