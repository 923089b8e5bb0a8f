package io.blog.posts.search;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchNodesTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SearchNodes<String> nodes = new SearchNodes<>(List.of("a", "b", "c"), 5_000, now::get);
    private final List<String> asked = new ArrayList<>();

    @Test
    void takesTheNodesInTurn() {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(nodes.clients().get(nodes.order()[0]));
        }
        assertThat(first).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void aRequestADeadNodeDropsGoesOnToTheNextNode() throws IOException {
        String answer = nodes.onAnyNode(node -> ask(node, Set.of("a")));
        assertThat(answer).isEqualTo("b answered");
        assertThat(asked).containsExactly("a", "b");
    }

    @Test
    void aNodeThatFailedIsAskedLastForAWhileThenInTurnAgain() throws IOException {
        nodes.onAnyNode(node -> ask(node, Set.of("a")));
        asked.clear();
        // Turns 1 and 2 start at b and c; turn 3 would start at a, which comes last while its failure is recent.
        nodes.onAnyNode(node -> ask(node, Set.of()));
        nodes.onAnyNode(node -> ask(node, Set.of()));
        assertThat(asked).containsExactly("b", "c");
        assertThat(orderOfTurn()).containsExactly("b", "c", "a");

        now.addAndGet(5_000);
        assertThat(orderOfTurn()).as("turn 4").containsExactly("b", "c", "a");
        assertThat(orderOfTurn()).as("turn 5: a back in its place").containsExactly("c", "a", "b");
    }

    @Test
    void everyNodeIsAskedOnceAndTheFailuresAreKept() throws IOException {
        // The case that made search fall back on the database: every other node recently failed,
        // and the one still in use dies. The others are asked all the same, before giving up.
        assertThatThrownBy(() -> nodes.onAnyNode(node -> ask(node, Set.of("a", "b", "c"))))
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1))
                .satisfies(e -> assertThat(e.getSuppressed()[0].getSuppressed()).hasSize(1));
        assertThat(asked).containsExactly("a", "b", "c");
        asked.clear();
        String answer = nodes.onAnyNode(node -> ask(node, Set.of("b", "c")));
        assertThat(answer).isEqualTo("a answered");
    }

    @Test
    void aRequestThatMustNotBeRepeatedIsSentOnce() {
        assertThatThrownBy(() -> nodes.onOneNode(node -> ask(node, Set.of("a")))).isInstanceOf(ConnectException.class);
        assertThat(asked).containsExactly("a");
    }

    @Test
    void anErrorAnswerIsAnAnswer() throws IOException {
        assertThatThrownBy(() -> nodes.onAnyNode(node -> {
            asked.add(node);
            throw new IllegalStateException("index_not_found_exception");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(asked).containsExactly("a");
        asked.clear();
        nodes.onAnyNode(node -> ask(node, Set.of()));
        nodes.onAnyNode(node -> ask(node, Set.of()));
        nodes.onAnyNode(node -> ask(node, Set.of()));
        assertThat(asked).containsExactly("b", "c", "a");
    }

    private String ask(String node, Set<String> dead) throws IOException {
        asked.add(node);
        if (dead.contains(node)) {
            throw new ConnectException("Connection refused: " + node);
        }
        return node + " answered";
    }

    /** The order the next request would take; consumes one turn. */
    private List<String> orderOfTurn() {
        List<String> order = new ArrayList<>();
        for (int node : nodes.order()) {
            order.add(nodes.clients().get(node));
        }
        return order;
    }
}
