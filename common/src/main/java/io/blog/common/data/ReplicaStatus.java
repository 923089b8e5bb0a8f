package io.blog.common.data;

import java.time.Instant;

/** The replica's last observed state; {@code lagSeconds} is null when replication is not running. */
public record ReplicaStatus(boolean reachable, boolean replicating, Long lagSeconds, boolean usable,
                            String problem, Instant checkedAt) {
}
