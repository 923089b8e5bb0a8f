package io.blog.system;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway adds and hides, observed from outside. */
@Order(2)
class GatewayIT {

    private final Client visitor = Client.newVisitor();

    @ParameterizedTest
    @ValueSource(strings = {"/", "/posts/some-article", "/assets/app.js", "/api/posts?limit=1", "/api/users/jwks",
            "/api/posts/no-such-article", "/api/nothing-here", "/health/ready"})
    void securityHeadersOnEveryResponse(String path) {
        Client.Reply reply = visitor.get(path);
        assertThat(reply.header("Content-Security-Policy"))
                .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        // Plain HTTP here: HSTS would be wrong, so it is absent.
        assertThat(reply.header("Strict-Transport-Security")).isNull();
        assertThat(reply.header("Server")).isEqualTo("nginx");
        assertThat(reply.header("X-Powered-By")).isNull();
        assertThat(reply.header("X-Request-Id")).matches("[A-Za-z0-9._:-]{8,128}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/ready", "/health/live", "/metrics", "/metrics?scope=base", "/openapi",
            "/openapi/ui/", "/api/users/../../health/ready"})
    void operatorEndpointsAreNotPublic(String path) {
        Client.Reply reply = visitor.get(path);
        assertThat(reply.status()).as(path).isEqualTo(404);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.body()).doesNotContain("\"checks\"").doesNotContain("# TYPE");
    }

    /**
     * Requests nginx or Liberty cannot read (malformed escapes, encoded control characters, an
     * address past nginx's buffers) still get problem+json: sent over a raw socket, because
     * java.net.URI refuses to carry them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/comments/%zz 400", "/api/posts?q=a% 400", "/api/comments/%00 400", "/api/comments/%7F 400",
            "/api/posts/a%0d%0aSet-Cookie:x 400", "/api/posts?q=%1f 400", "/api/posts/LONG 414", "/api/comments/.. 404",
            "/api/comments/%2e%2e 404",
            "/api/posts/a%3Bb/revisions/ 404", "/api/posts/a%01b/revisions/ 400"})
    void unreadableRequestsGetProblemDetailsToo(String pathAndStatus) throws Exception {
        String path = pathAndStatus.substring(0, pathAndStatus.lastIndexOf(' ')).replace("LONG", "x".repeat(9000));
        int status = Integer.parseInt(pathAndStatus.substring(pathAndStatus.lastIndexOf(' ') + 1));
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(Topology.env("GATEWAY_PORT")))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).as(path).startsWith("HTTP/1.1 " + status + " ")
                    .containsIgnoringCase("Content-Type: application/problem+json")
                    .contains("\"status\":" + status);
        }
    }

    /** An encoded "../" leaves /api for the static files, which take GET only; the refusal is problem+json. */
    @Test
    void aMethodTheStaticFilesDoNotTakeGetsProblemDetails() {
        Client.Reply reply = visitor.send("DELETE", "/api/comments/..%2F..%2Fetc%2Fpasswd", null, null);
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.json()).containsEntry("status", 405L);
    }

    @Test
    void stubStatusOnlyOnTheInternalListener() {
        assertThat(visitor.get("/stub_status").body()).doesNotContain("Active connections");
        assertThat(visitor.send(HttpRequest.newBuilder(URI.create(Topology.internalGateway() + "/stub_status")))
                .body()).startsWith("Active connections:");
    }

    @Test
    void requestIdIsPassedThroughToTheServiceAndItsLog() {
        String id = "systest-" + Accounts.uniqueName("rid");
        // An address of its own: a read another test made just before would come from the edge cache
        // and never reach a service.
        String path = "/api/posts?limit=1&probe=" + id;
        Client.Reply reply = visitor.send(visitor.request(path, null).header("X-Request-Id", id).GET());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Id")).isEqualTo(id);
        Await.until("the request id in a post-war instance's log", Duration.ofSeconds(20),
                () -> Stream.of("posts-1", "posts-2").anyMatch(server -> logContains(server, id)), found -> found);
        // The gateway's own access log: one JSON object per line, with the id and the upstream used.
        String accessLine = Await.until("the request in the gateway's JSON access log", Duration.ofSeconds(10),
                () -> accessLogLine(id), line -> line != null);
        Map<String, Object> entry = parse(accessLine);
        assertThat(entry).containsEntry("requestId", id).containsEntry("method", "GET").containsEntry("status", 200L)
                .containsEntry("uri", path);
        assertThat((String) entry.get("upstream")).matches("127\\.0\\.0\\.1:\\d+");
        // A malformed id (header injection attempt, too long) is replaced, not echoed.
        Client.Reply replaced = visitor.send(visitor.request(path + "-replaced", null)
                .header("X-Request-Id", "bad id with spaces").GET());
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f]{32}");
        // An id the gateway made up reaches the service too (a server-level proxy_set_header once
        // hid the shared ones, so only ids sent by clients arrived).
        String generated = replaced.header("X-Request-Id");
        Await.until("the gateway's own id in a post-war instance's log", Duration.ofSeconds(20),
                () -> Stream.of("posts-1", "posts-2").anyMatch(server -> logContains(server, generated)), found -> found);
    }

    @Test
    void locationHeadersPointAtThePublicAddressWithItsPort() {
        Accounts.Account author = Accounts.register("location");
        Client.Reply created = Client.newVisitor().send("POST", "/api/posts", author.token(),
                "{\"title\":\"Where it lives\",\"body\":\"Body\",\"tags\":[],\"status\":\"PUBLISHED\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(Topology.gateway() + "/api/posts/" + created.json().get("slug"));
        // A Host a client makes up does not end up in the answer.
        Client liar = Client.newVisitor();
        Client.Reply poisoned = liar.send(liar.request("/api/posts", author.token()).header("Content-Type", "application/json")
                .header("X-Forwarded-Host", "evil.example").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Where it lives too\",\"body\":\"Body\",\"tags\":[],\"status\":\"PUBLISHED\"}")));
        assertThat(poisoned.header("Location")).startsWith(Topology.gateway() + "/api/posts/");
    }

    @Test
    void problemJsonCarriesTheSameRequestIdAsTheHeader() {
        Client.Reply reply = visitor.get("/api/nothing-here");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json()).containsEntry("status", 404L).containsEntry("traceId", reply.header("X-Request-Id"));
    }

    @Test
    void methodsAndQueryStringsPassThroughUntouched() {
        Accounts.Account account = Accounts.register("methods");
        Client.Reply patched = visitor.send("PATCH", "/api/users/me", account.token(), "{\"bio\":\"Patched through nginx\"}");
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(visitor.get("/api/users/" + account.username()).json()).containsEntry("bio", "Patched through nginx");
        // Percent-encoded, repeated and Unicode query parameters arrive as sent.
        Client.Reply search = visitor.get("/api/posts/search?q=%E4%B8%AD%E6%96%87&size=3&page=1");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json()).containsEntry("size", 3L).containsEntry("page", 1L);
        Client.Reply tooBig = visitor.get("/api/posts/search?q=x&size=101");
        assertThat(tooBig.status()).as("post-war saw size=101").isEqualTo(400);
        assertThat(visitor.get("/api/posts?cursor=not-a-cursor").body()).contains("cursor");
        assertThat(visitor.send("OPTIONS", "/api/posts", null, null).status()).isIn(200, 204, 405);
    }

    @Test
    void oversizedBodiesAreRefusedWithProblemJson() {
        String huge = "{\"title\":\"big\",\"body\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Client.Reply reply = visitor.send("POST", "/api/posts", null, huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.json()).containsEntry("status", 413L);
    }

    @Test
    void responsesAreCompressedForClientsThatAsk() {
        Client.Reply reply = visitor.send(visitor.request("/assets/app.css", null).header("Accept-Encoding", "gzip").GET());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Encoding")).isEqualTo("gzip");
    }

    private static String accessLogLine(String requestId) {
        Path log = Topology.dir().resolve("gateway/logs/access.json");
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("\"requestId\":\"" + requestId + "\""))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JsonUtil.parseJson(json);
        } catch (JoseException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static boolean logContains(String server, String text) {
        Path log = Topology.serverLogs(server).resolve("http_access.log");
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
