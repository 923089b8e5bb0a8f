package io.blog.posts.search;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The Elasticsearch nodes, and which of them a request goes to. Each node has a client of its
 * own and the choice is made here, not by the low-level client: that one keeps a node that failed
 * (refused a connection or answered 5xx) out of use for 1 to 30 minutes, longer with each failure.
 * After Elasticsearch had been down it sent everything to the first node that answered again, and
 * when that node then died, no request had anywhere else to go: searches fell back on the database
 * although two nodes answered. Here a node that failed is only tried last, for a few seconds.
 *
 * @param <C> a client bound to one node
 */
final class SearchNodes<C> {

    /** A request through one node's client. */
    interface Call<C, T> {
        T run(C client) throws IOException;
    }

    private final List<C> clients;
    private final long demoteMillis;
    private final LongSupplier clock;
    /** When each node last failed, 0 once it answered again. */
    private final AtomicLongArray failedAt;
    private final AtomicInteger turn = new AtomicInteger();

    SearchNodes(List<C> clients, long demoteMillis, LongSupplier clock) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("no Elasticsearch node");
        }
        this.clients = List.copyOf(clients);
        this.demoteMillis = demoteMillis;
        this.clock = clock;
        this.failedAt = new AtomicLongArray(clients.size());
    }

    List<C> clients() {
        return clients;
    }

    /**
     * For a request that may be sent twice (reads, and versioned bulk writes): each node in turn
     * until one answers. A node killed mid-request resets the connection, and the next one is asked.
     * When none answers, the last failure is thrown with the earlier ones suppressed.
     */
    <T> T onAnyNode(Call<C, T> call) throws IOException {
        IOException failure = null;
        for (int node : order()) {
            try {
                return answered(node, call);
            } catch (IOException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        throw failure;
    }

    /** For a request that must not be repeated: the next node in turn only. */
    <T> T onOneNode(Call<C, T> call) throws IOException {
        return answered(order()[0], call);
    }

    /** Round robin over the nodes, except that those which failed in the last few seconds come last. */
    int[] order() {
        int n = clients.size();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        long now = clock.getAsLong();
        int[] order = new int[n];
        int first = 0;
        int last = n;
        for (int step = 0; step < n; step++) {
            int node = (start + step) % n;
            long failed = failedAt.get(node);
            if (failed != 0 && now - failed < demoteMillis) {
                order[--last] = node;
            } else {
                order[first++] = node;
            }
        }
        // The demoted ones were filled in from the end: put them back in turn order.
        for (int i = first, j = n - 1; i < j; i++, j--) {
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private <T> T answered(int node, Call<C, T> call) throws IOException {
        try {
            T result = call.run(clients.get(node));
            failedAt.set(node, 0);
            return result;
        } catch (IOException e) {
            // Never 0, which means "answered".
            failedAt.set(node, Math.max(1, clock.getAsLong()));
            throw e;
        }
    }
}
