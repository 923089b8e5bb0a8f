/**
 * The replication view: which node writes, the GTID positions, the replica's threads, lag and
 * last error, read through the read-only monitoring account, with the lag of the last hour as a
 * chart; promotion and rejoin run the operator's scripts (promote-replica.sh, rejoin-replica.sh).
 */
package io.blog.console.replication;
