package io.blog.system;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-command run's server (blog-dev: every WAR and the front end in one Liberty on embedded
 * databases), started by src/test/scripts/dev-run.sh exactly as `./mvnw -Prun` configures it:
 * it announces itself with the URL once everything answers, and a newcomer finds a living blog.
 */
@Order(0)
class OneCommandRunIT {

    private static final String BASE = System.getProperty("system.dev.url", "http://127.0.0.1:18080");
    private static final Path LOG = Path.of(System.getProperty("system.dev.log", "/tmp/blog-system-tests/wlp/usr/servers/blog-dev/logs/console.log"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String readyLine;

    @BeforeAll
    static void waitForTheReadyLine() {
        readyLine = Await.until("blog-dev prints its ready line", Duration.ofMinutes(4), OneCommandRunIT::readyLineInLog,
                line -> line != null);
    }

    @Test
    void theReadyLineNamesTheUrlAndTheSampleContent() {
        assertThat(readyLine).contains("Blog ready at http://localhost:" + URI.create(BASE).getPort() + "/")
                .contains("Sample content: 3 authors, 6 articles, 6 comments").contains("sign in as alice");
    }

    @Test
    void sampleArticlesCommentsAndAuthorsAreThere() {
        List<Map<String, Object>> articles = get("/api/posts?limit=50").items();
        assertThat(articles).hasSize(6);
        assertThat(articles).extracting(a -> a.get("title")).contains("中文全文搜索入门", "How we moderate comments");
        assertThat(get("/api/posts/tags").body()).contains("databases").contains("搜索");
        String discussed = articles.stream().filter(a -> ((String) a.get("title")).startsWith("Keyset pagination"))
                .map(a -> (String) a.get("slug")).findFirst().orElseThrow();
        Map<String, Object> thread = get("/api/comments?post=" + discussed).items().getFirst();
        assertThat(thread.get("status")).isEqualTo("APPROVED");
        assertThat((List<?>) thread.get("replies")).hasSize(1);
        assertThat(get("/api/users/maria").json()).containsEntry("displayName", "Maria Rossi");
        // The sample accounts really sign in with the passwords the ready line and README give.
        Client.Reply login = send("POST", "/api/users/login", "{\"login\":\"alice\",\"password\":\"correct horse battery staple\"}");
        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void theFrontEndAndTheFeedsAreServedByTheSameServer() {
        Client.Reply home = get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type")).startsWith("text/html");
        assertThat(home.body()).contains("<script type=\"module\"");
        assertThat(Jsoup.parse(home.body()).select("[data-testid=article-card]")).as("the server-rendered home page").isNotEmpty();
        // Public pages are rendered by post-war here too, whatever characters their address holds.
        for (Map<String, Object> article : get("/api/posts?limit=50").items()) {
            String slug = (String) article.get("slug");
            Client.Reply page = get("/posts/" + URLEncoder.encode(slug, StandardCharsets.UTF_8));
            assertThat(page.status()).as(slug).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).selectFirst("h1").text()).isEqualTo(article.get("title"));
        }
        // Any other client-side route on reload gets the front end's page, not a 404.
        Client.Reply screen = get("/me/articles");
        assertThat(screen.status()).isEqualTo(200);
        assertThat(screen.body()).contains("<script type=\"module\"").doesNotContain("data-server-rendered");
        assertThat(get("/rss.xml").body()).contains("<rss").contains(BASE.replace("127.0.0.1", "localhost") + "/posts/");
        assertThat(get("/sitemap.xml").body()).contains("/posts/");
        assertThat(get("/health/ready").status()).isEqualTo(200);
    }

    /** Bad addresses and parameters get the same problem+json answers here as through the gateway, not Liberty's text page or JAX-RS' 404. */
    @Test
    void theOperationsConsoleIsThereToo() {
        Client.Reply console = get("/console/login");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains("Blog operations console").containsIgnoringCase("vaadin");
    }

    @Test
    void badRequestsGetProblemBodies() {
        Client.Reply unknownApi = get("/api/nothing-here");
        assertThat(unknownApi.status()).isEqualTo(404);
        assertThat(unknownApi.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownApi.json()).containsEntry("status", 404L);

        Client.Reply wrongType = get("/api/posts?limit=abc");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"field\":\"limit\"");
        assertThat(get("/api/comments?post=x&limit=abc").status()).isEqualTo(400);
    }

    private static String readyLineInLog() {
        try {
            if (!Files.exists(LOG)) {
                return null;
            }
            return Files.readAllLines(LOG).stream().filter(l -> l.contains("Blog ready at")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Client.Reply get(String path) {
        return send("GET", path, null);
    }

    private static Client.Reply send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Client.Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
