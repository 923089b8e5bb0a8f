/**
 * The replication view: the primary's and the replica's GTID positions, the replica's threads,
 * lag and last error, read through the read-only monitoring account, with the lag of the last
 * hour as a chart.
 */
package io.blog.console.replication;
