package io.blog.system.api;

import io.blog.system.Accounts;
import io.blog.system.Client;
import io.blog.system.Topology;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests generated from the services' OpenAPI documents (swagger-parser's model, a seeded
 * generator), sent through the gateway and straight to a service instance, without a token, with
 * the fuzzer's own valid tokens (a reader's, an author's) and with forged and spoiled ones. Every
 * answer is below 500, every error is problem+json whose status is the answer's, and the data that
 * existed before (a sentinel author's articles and revisions, comments awaiting moderation and
 * approved, accounts) is exactly as it was afterwards.
 * <p>
 * Requests per service: the system property fuzz.requests (the build's property of that name: short
 * in CI; scripts/test/fuzz-api.sh runs the full 10,000). fuzz.seed repeats a run.
 */
class FuzzIT {

    enum TokenKind {
        NONE, READER, AUTHOR, GARBAGE, EXPIRED, UNSIGNED_ADMIN, TAMPERED_ADMIN, TRUNCATED
    }

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 1000);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final Map<TokenKind, String> TOKENS = new EnumMap<>(TokenKind.class);
    private static final Map<TokenKind, String> USERNAMES = new EnumMap<>(TokenKind.class);
    private static final List<Client> VISITORS = new ArrayList<>();
    private static final Map<String, Map<Integer, Integer>> STATUSES = new TreeMap<>();
    private static final AtomicInteger RUNTIME_REFUSALS = new AtomicInteger();
    private static final AtomicInteger DOT_SEGMENT_DEFECTS = new AtomicInteger();

    private static Sentinels sentinels;
    private static Map<String, List<OpenApiDocuments.ApiOperation>> operations;

    @BeforeAll
    static void setUp() {
        sentinels = Sentinels.create();
        operations = new TreeMap<>();
        OpenApiDocuments.operations().values().forEach(op -> operations.computeIfAbsent(op.service(), s -> new ArrayList<>()).add(op));

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

    @AfterAll
    static void dataThatExistedIsUnchanged() {
        System.out.println("fuzz: " + REQUESTS + " requests per service, seed " + SEED + ", statuses seen " + STATUSES
                + ", of them refused by Liberty's URI canonicalization (direct only): " + RUNTIME_REFUSALS
                + ", Liberty's dot-segment 500 (direct only): " + DOT_SEGMENT_DEFECTS);
        sentinels.assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "posts", "comments"})
    void everyRequestIsAnsweredWithoutAServerErrorAndErrorsAreProblemDetails(String service) {
        long seed = SEED ^ service.hashCode();
        RequestGenerator generator = new RequestGenerator(sentinels.knownValues(), seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> targets = new ArrayList<>();
        Topology.ports(service).forEach(port -> targets.add("http://127.0.0.1:" + port));
        TokenKind[] kinds = TokenKind.values();
        Map<Integer, Integer> statuses = STATUSES.computeIfAbsent(service, s -> new TreeMap<>());
        for (int i = 0; i < REQUESTS; i++) {
            // Half through the gateway, half straight to one of the instances.
            String target = random.nextBoolean() ? Topology.gateway() : targets.get(random.nextInt(targets.size()));
            TokenKind token = kinds[random.nextInt(kinds.length)];
            RequestGenerator.Generated request = generator.next(operations.get(service));
            String sent = "request " + i + " of seed " + seed + " (-Dfuzz.seed=" + SEED + "): " + request + " → " + target + " with token " + token;
            Client.Reply reply = send(VISITORS.get(i % VISITORS.size()), target, token, request);
            statuses.merge(reply.status(), 1, Integer::sum);

            if (libertyDotSegmentDefect(target, request, reply)) {
                continue;
            }
            assertThat(reply.status()).as("%s answered %s", sent, reply).isLessThan(500);
            if (reply.status() >= 400 && !refusedByTheRuntime(target, reply)) {
                assertThat(reply.header("Content-Type")).as("%s answered %s", sent, reply).startsWith("application/problem+json");
                assertThat(problemStatus(reply)).as("the problem's status: %s answered %s", sent, reply).isEqualTo(reply.status());
            }
            // A valid token the request itself ended (logout): sign in again, so it stays a valid token.
            if (reply.status() == 204 && request.path().startsWith("/api/users/logout") && USERNAMES.containsKey(token)) {
                TOKENS.put(token, Callers.signIn(USERNAMES.get(token)).accessToken());
            }
        }
    }

    private static Client.Reply send(Client visitor, String target, TokenKind token, RequestGenerator.Generated request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        String value = TOKENS.get(token);
        if (value != null) {
            builder.header("Authorization", "Bearer " + value);
        }
        return visitor.send(builder);
    }

    /**
     * An address that the Servlet 6 path canonicalization refuses (an encoded control character, a
     * segment that starts with an encoded ';', …) is answered by Liberty's web container before any
     * application sees it, with a 400 and a body of its own (CWWWC0005I) that no error page can
     * replace. The gateway refuses such addresses itself, with problem+json (GatewayIT); only a
     * caller on the internal network, talking to an instance directly, meets this answer.
     */
    /**
     * Open Liberty 26.0.0.5's web container fails with StringIndexOutOfBoundsException (a 500 and its
     * own HTML, SRVE0232E, before any application runs) on a path whose dot segment climbs out of the
     * context root, such as /api/comments/.. or /api/comments/..%2F..%2Fetc — a runtime defect our code cannot reach. The gateway
     * normalises such paths (404 problem+json, GatewayIT); only a caller talking to an instance
     * directly on the internal network meets it. Counted and reported, not hidden.
     */
    private static boolean libertyDotSegmentDefect(String target, RequestGenerator.Generated request, Client.Reply reply) {
        boolean defect = !target.equals(Topology.gateway()) && reply.status() == 500 && reply.body().contains("SRVE0232E")
                && reply.body().contains("out of bounds") && request.path().matches("(?i).*/(\\.\\.|%2e%2e|\\.%2e|%2e\\.)(/|%2f|\\?|$).*");
        if (defect) {
            DOT_SEGMENT_DEFECTS.incrementAndGet();
        }
        return defect;
    }

    private static boolean refusedByTheRuntime(String target, Client.Reply reply) {
        boolean refused = !target.equals(Topology.gateway()) && reply.status() == 400 && reply.body().contains("CWWWC0005I");
        if (refused) {
            RUNTIME_REFUSALS.incrementAndGet();
        }
        return refused;
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
