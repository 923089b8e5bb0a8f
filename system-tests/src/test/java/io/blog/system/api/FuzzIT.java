package io.blog.system.api;

import io.blog.system.Accounts;
import io.blog.system.Client;
import io.blog.system.Topology;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests generated from the services' OpenAPI documents (jqwik over swagger-parser's model), sent
 * through the gateway and straight to a service instance, without a token, with the fuzzer's own
 * valid tokens (a reader's, an author's) and with forged and spoiled ones. Every answer is below 500,
 * every error is problem+json whose status is the answer's, and the data that existed before (a
 * sentinel author's articles and revisions, comments awaiting moderation and approved, accounts)
 * is exactly as it was afterwards.
 *
 * Requests per service: the JUnit configuration parameter jqwik.tries.default (the build's
 * fuzz.tries property: short in CI; scripts/test/fuzz-api.sh runs the full 10,000).
 */
class FuzzIT {

    enum TokenKind {
        NONE, READER, AUTHOR, GARBAGE, EXPIRED, UNSIGNED_ADMIN, TAMPERED_ADMIN, TRUNCATED
    }

    record Sent(String target, TokenKind token, RequestGenerator.Generated request) {
        @Override
        public String toString() {
            return request + " → " + target + " with token " + token;
        }
    }

    private static Sentinels sentinels;
    private static Map<String, List<OpenApiDocuments.ApiOperation>> operations;
    private static RequestGenerator generator;
    private static final Map<TokenKind, String> TOKENS = new EnumMap<>(TokenKind.class);
    private static final Map<TokenKind, String> USERNAMES = new EnumMap<>(TokenKind.class);
    private static final List<Client> VISITORS = new ArrayList<>();
    private static final AtomicInteger NEXT_VISITOR = new AtomicInteger();
    private static final Map<String, Map<Integer, LongAdder>> STATUSES = new ConcurrentHashMap<>();

    @BeforeContainer
    static void setUp() {
        sentinels = Sentinels.create();
        operations = new TreeMap<>();
        OpenApiDocuments.operations().values().forEach(op -> operations.computeIfAbsent(op.service(), s -> new ArrayList<>()).add(op));
        generator = new RequestGenerator(sentinels.knownValues());

        Accounts.Account reader = Accounts.withRoles("fzreader", List.of("READER"));
        Accounts.Account author = Accounts.register("fzauthor");
        USERNAMES.put(TokenKind.READER, reader.username());
        USERNAMES.put(TokenKind.AUTHOR, author.username());
        TOKENS.put(TokenKind.READER, reader.token());
        TOKENS.put(TokenKind.AUTHOR, author.token());
        TOKENS.put(TokenKind.GARBAGE, "not-a-token");
        TOKENS.put(TokenKind.EXPIRED, Callers.expiredCopyOf(author.token()));
        TOKENS.put(TokenKind.UNSIGNED_ADMIN, forged(author.token(), true));
        TOKENS.put(TokenKind.TAMPERED_ADMIN, forged(author.token(), false));
        TOKENS.put(TokenKind.TRUNCATED, author.token().substring(0, author.token().length() - 20));
        // A pool of visitors: each its own loopback address, so the gateway's per-address limits
        // answer some requests, not all.
        for (int i = 0; i < 64; i++) {
            VISITORS.add(Client.newVisitor());
        }
    }

    @AfterContainer
    static void dataThatExistedIsUnchanged() {
        System.out.println("fuzz: statuses seen per service " + new TreeMap<>(STATUSES));
        sentinels.assertUnchanged();
    }

    @Property
    void usersAnswersEveryRequestWithoutAServerErrorAndWithProblemDetails(@ForAll("users") Sent sent) {
        check("users", sent);
    }

    @Property
    void postsAnswersEveryRequestWithoutAServerErrorAndWithProblemDetails(@ForAll("posts") Sent sent) {
        check("posts", sent);
    }

    @Property
    void commentsAnswersEveryRequestWithoutAServerErrorAndWithProblemDetails(@ForAll("comments") Sent sent) {
        check("comments", sent);
    }

    @Provide
    Arbitrary<Sent> users() {
        return sent("users");
    }

    @Provide
    Arbitrary<Sent> posts() {
        return sent("posts");
    }

    @Provide
    Arbitrary<Sent> comments() {
        return sent("comments");
    }

    private static Arbitrary<Sent> sent(String service) {
        List<String> targets = new ArrayList<>(List.of(Topology.gateway()));
        Topology.ports(service).forEach(port -> targets.add("http://127.0.0.1:" + port));
        Arbitrary<String> target = Arbitraries.oneOf(Arbitraries.just(Topology.gateway()), Arbitraries.of(targets));
        return Combinators.combine(target, Arbitraries.of(TokenKind.class), generator.requests(operations.get(service)))
                .as(Sent::new);
    }

    private static void check(String service, Sent sent) {
        Client visitor = VISITORS.get(Math.floorMod(NEXT_VISITOR.getAndIncrement(), VISITORS.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sent.target() + sent.request().path()))
                .timeout(Duration.ofSeconds(30))
                .method(sent.request().method(), sent.request().body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(sent.request().body(), StandardCharsets.UTF_8));
        if (sent.request().contentType() != null) {
            request.header("Content-Type", sent.request().contentType());
        }
        String token = TOKENS.get(sent.token());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Client.Reply reply = visitor.send(request);
        STATUSES.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
        Statistics.collect(reply.status());

        assertThat(reply.status()).as("%s answered %s", sent, reply).isLessThan(500);
        if (refusedByTheRuntime(sent, reply)) {
            Statistics.label("runtime").collect("CWWWC0005I");
            return;
        }
        if (reply.status() >= 400) {
            assertThat(reply.header("Content-Type")).as("%s answered %s", sent, reply).startsWith("application/problem+json");
            assertThat(problemStatus(reply)).as("the problem's status: %s answered %s", sent, reply).isEqualTo(reply.status());
        }
        // A valid token the request itself ended (logout): sign in again, so it stays a valid token.
        if (reply.status() == 204 && sent.request().path().startsWith("/api/users/logout") && USERNAMES.containsKey(sent.token())) {
            TOKENS.put(sent.token(), Callers.signIn(USERNAMES.get(sent.token())).accessToken());
        }
    }

    /**
     * An address with an encoded control character (%00-%1F, %7F) is refused by Liberty's web
     * container before any application sees it, with a 400 and a body of its own (CWWWC0005I) that
     * no error page can replace. The gateway refuses such addresses itself, with problem+json; only
     * a caller on the internal network, talking to an instance directly, meets this answer.
     */
    private static boolean refusedByTheRuntime(Sent sent, Client.Reply reply) {
        return !sent.target().equals(Topology.gateway()) && reply.status() == 400 && reply.body().contains("CWWWC0005I")
                && sent.request().path().matches("(?i).*%(0[0-9a-f]|1[0-9a-f]|7f).*");
    }

    private static Object problemStatus(Client.Reply reply) {
        try {
            Object status = JsonUtil.parseJson(reply.body()).get("status");
            return status instanceof Number n ? n.intValue() : status;
        } catch (JoseException e) {
            throw new AssertionError("not JSON: " + reply, e);
        }
    }

    /** The author's token with ADMIN in its groups: unsigned (alg none), or with the author's own signature kept. */
    private static String forged(String token, boolean unsigned) {
        String[] parts = token.split("\\.");
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"groups\":\\[[^]]*]", "\"groups\":[\"ADMIN\"]");
        String encodedPayload = encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        if (unsigned) {
            return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + encodedPayload + ".";
        }
        return parts[0] + "." + encodedPayload + "." + parts[2];
    }
}
