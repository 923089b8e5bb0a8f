package io.blog.system;

import io.blog.system.Accounts.Account;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's per-address rate limits, seen by one visitor while another is unaffected. */
@Order(3)
class RateLimitIT {

    private static final String GATEWAY_DETAIL = "Too many requests from this address";

    @Test
    void signInAttemptsAreLimitedPerAddress() {
        Client guesser = Client.newVisitor();
        List<Integer> statuses = new ArrayList<>();
        Client.Reply limited = null;
        for (int i = 0; i < 15 && limited == null; i++) {
            // A different unknown account each time: user-war's own per-account limit never triggers.
            Client.Reply reply = guesser.send("POST", "/api/users/login", null,
                    "{\"login\":\"" + Accounts.uniqueName("nobody") + "\",\"password\":\"wrong-password-123\"}");
            statuses.add(reply.status());
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        // The burst of 10 plus the one token of this minute get through, the next is refused.
        assertThat(statuses).as("statuses %s", statuses).hasSize(12).startsWith(401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401);
        assertGatewayLimit(limited, "6");
        // Another visitor is not affected.
        assertThat(Client.newVisitor().send("POST", "/api/users/login", null,
                "{\"login\":\"nobody-else\",\"password\":\"wrong-password-123\"}").status()).isEqualTo(401);
    }

    @Test
    void theSignInLimitHoldsHoweverThePathIsSpelled() {
        Client guesser = Client.newVisitor();
        String body = "{\"login\":\"" + Accounts.uniqueName("nobody") + "\",\"password\":\"wrong-password-123\"}";
        // A ";matrix" suffix, which JAX-RS would ignore, never reaches a service.
        Client.Reply matrix = guesser.send("POST", "/api/users/login;x", null, body);
        assertThat(matrix.status()).isEqualTo(404);
        assertThat(matrix.header("Content-Type")).isEqualTo("application/problem+json");
        // Trailing slashes (merged or not) are the same route, so the same budget: burst of 10, then 429.
        List<Integer> statuses = new ArrayList<>();
        Client.Reply limited = null;
        for (int i = 0; i < 15 && limited == null; i++) {
            Client.Reply reply = guesser.send("POST", i % 2 == 0 ? "/api/users/login/" : "/api/users/login//", null,
                    "{\"login\":\"" + Accounts.uniqueName("nobody") + "\",\"password\":\"wrong-password-123\"}");
            statuses.add(reply.status());
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        assertThat(statuses).as("statuses %s", statuses).hasSize(12).startsWith(401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401);
        assertGatewayLimit(limited, "6");
    }

    @Test
    void generalApiRequestsAreLimitedPerAddress() throws Exception {
        Client crawler = Client.newVisitor();
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Client.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                replies.add(pool.submit(() -> crawler.get("/api/posts/tags")));
            }
            Client.Reply limited = null;
            for (Future<Client.Reply> reply : replies) {
                statuses.add(reply.get().status());
                if (reply.get().status() == 429) {
                    limited = reply.get();
                }
            }
            assertThat(statuses).as("burst of 40 at 20/s").filteredOn(s -> s == 200).hasSizeGreaterThanOrEqualTo(40);
            assertThat(statuses).filteredOn(s -> s == 429).isNotEmpty();
            assertThat(statuses).allMatch(s -> s == 200 || s == 429);
            assertGatewayLimit(limited, "1");
        }
        assertThat(Client.newVisitor().get("/api/posts/tags").status()).isEqualTo(200);
    }

    @Test
    void commentCreationIsLimitedPerAddress() {
        Account writer = Accounts.register("limited");
        Client.Reply article = Client.newVisitor().send("POST", "/api/posts", writer.token(),
                "{\"title\":\"Rate limited comments\",\"body\":\"Comment away.\",\"tags\":[],\"status\":\"PUBLISHED\"}");
        assertThat(article.status()).isEqualTo(201);
        String slug = (String) article.json().get("slug");
        // Two accounts behind one address: comment-war's own per-user limit (5/min) stays out of reach.
        Account first = Accounts.register("chatty");
        Account second = Accounts.register("chatty");
        Client shared = Client.newVisitor();
        List<Integer> statuses = new ArrayList<>();
        Client.Reply limited = null;
        for (int i = 0; i < 9 && limited == null; i++) {
            Account who = i % 2 == 0 ? first : second;
            Client.Reply reply = shared.send("POST", "/api/comments", who.token(),
                    "{\"post\":\"" + slug + "\",\"body\":\"Comment number " + i + " " + Accounts.uniqueName("c") + "\"}");
            statuses.add(reply.status());
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        // Burst of 5 plus one token: six comments, then the gateway says no.
        assertThat(statuses).as("statuses %s", statuses).containsExactly(201, 201, 201, 201, 201, 201, 429);
        assertGatewayLimit(limited, "10");
        // Reading the thread from that address still works: GETs do not count against comment creation.
        assertThat(shared.get("/api/comments?post=" + slug).status()).isEqualTo(200);
    }

    private static void assertGatewayLimit(Client.Reply reply, String retryAfter) {
        assertThat(reply).as("a 429 from the gateway").isNotNull();
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.header("Retry-After")).isEqualTo(retryAfter);
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.json()).containsEntry("status", 429L).containsEntry("title", "Too Many Requests");
        assertThat((String) reply.json().get("detail")).contains(GATEWAY_DETAIL);
    }
}
