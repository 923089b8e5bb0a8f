package io.blog.system;

import io.blog.system.Accounts.Account;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's edge cache (containers/gateway/edge-cache.conf, EdgeCachePolicy in common): anonymous
 * public reads come from it, requests with credentials never do, a change reaches anonymous readers
 * within the bound the services announce (s-maxage + stale-while-revalidate), and view counts stay
 * exact although the article is served without reaching a service.
 */
class EdgeCacheIT {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
    private static final Pattern SECONDS = Pattern.compile("(s-maxage|stale-while-revalidate)=(\\d+)");

    private final Client anonymous = Client.newVisitor();

    @Test
    void anonymousReadsComeFromTheCacheAndReadsWithCredentialsNever() {
        Account author = Accounts.register("edge");
        Client writer = Client.newVisitor();
        String slug = publish(writer, author, "Cached " + Accounts.uniqueName("c"));

        Client.Reply first = anonymous.get("/api/posts/" + slug);
        Client.Reply second = anonymous.get("/api/posts/" + slug);
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.header("X-Cache")).as("the second anonymous read").isEqualTo("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Cache-Control")).contains("public", "s-maxage=", "max-age=0");
        assertThat(second.header("Content-Security-Policy")).as("the gateway's headers on a cached answer").contains("default-src 'self'");
        assertThat(second.header("X-Request-Id")).isNotEqualTo(first.header("X-Request-Id"));

        Client.Reply signedIn = writer.get("/api/posts/" + slug, author.token());
        assertThat(signedIn.header("X-Cache")).isEqualTo("BYPASS");
        assertThat(signedIn.header("Cache-Control")).contains("private");
        assertThat(signedIn.json()).containsKey("bodyMarkdown");
        assertThat(anonymous.get("/api/posts/" + slug).json()).as("the editor's fields never reach the shared copy")
                .doesNotContainKey("bodyMarkdown");

        // A draft is never stored: its 404 is not cached, and its author's reads bypass the cache.
        Client.Reply draft = writer.send("POST", "/api/posts", author.token(),
                "{\"title\":\"Draft " + Accounts.uniqueName("d") + "\",\"body\":\"secret\",\"status\":\"DRAFT\"}");
        String draftSlug = (String) draft.json().get("slug");
        for (int i = 0; i < 2; i++) {
            Client.Reply hidden = anonymous.get("/api/posts/" + draftSlug);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.header("X-Cache")).isNotEqualTo("HIT");
        }
        assertThat(writer.get("/api/posts/" + draftSlug, author.token()).header("Cache-Control")).contains("no-store");
    }

    @Test
    void aChangeReachesAnonymousReadersWithinTheAnnouncedBoundAndItsWriterAtOnce() {
        Account author = Accounts.register("fresh");
        Client writer = Client.newVisitor();
        String title = "Fresh " + Accounts.uniqueName("t");
        String slug = publish(writer, author, title);
        Client.Reply warm = anonymous.get("/api/posts/" + slug);
        anonymous.get("/api/posts/" + slug);
        Duration bound = boundOf(warm);
        String list = "/api/posts?author=" + author.username();
        anonymous.get(list);

        long version = ((Number) warm.json().get("version")).longValue();
        Client.Reply edited = writer.send(writer.request("/api/posts/" + slug, author.token())
                .header("Content-Type", "application/json").header("If-Match", String.valueOf(version))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"body\":\"Edited " + title + "\",\"status\":\"PUBLISHED\"}")));
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        long changed = System.nanoTime();
        assertThat((String) writer.get("/api/posts/" + slug, author.token()).json().get("bodyHtml")).as("the writer sees the write at once")
                .contains("Edited " + title);
        Duration articleLag = timeUntil(() -> (String) anonymous.get("/api/posts/" + slug).json().get("bodyHtml"),
                html -> html.contains("Edited " + title), changed);

        String second = publish(writer, author, "Second " + Accounts.uniqueName("t"));
        long published = System.nanoTime();
        Duration listLag = timeUntil(() -> anonymous.get(list).items(), items -> items.stream().anyMatch(i -> second.equals(i.get("slug"))),
                published);

        // One second on top: the refresh the gateway starts is one more request to an instance.
        Duration allowed = bound.plusSeconds(1);
        System.out.printf("edge cache: edit visible after %d ms, new article listed after %d ms (announced %s)%n",
                articleLag.toMillis(), listLag.toMillis(), bound);
        assertThat(articleLag).as("an edited article, announced bound %s", bound).isLessThanOrEqualTo(allowed);
        assertThat(listLag).as("a new article in a list").isLessThanOrEqualTo(allowed);
    }

    @Test
    void anApprovedCommentReachesAnonymousReadersWithinTheBound() {
        Account author = Accounts.register("host");
        Client writer = Client.newVisitor();
        String slug = publish(writer, author, "Discussed " + Accounts.uniqueName("t"));
        Account reader = Accounts.withRoles("commenter", List.of("READER"));
        Client readerClient = Client.newVisitor();
        Client.Reply comment = readerClient.send("POST", "/api/comments", reader.token(),
                "{\"post\":\"" + slug + "\",\"body\":\"A first comment, waiting.\"}");
        assertThat(comment.json()).containsEntry("status", "PENDING");
        String id = (String) comment.json().get("id");
        String thread = "/api/comments?post=" + slug;
        Client.Reply before = anonymous.get(thread);
        assertThat(before.items()).isEmpty();
        assertThat(anonymous.get(thread).header("X-Cache")).isEqualTo("HIT");
        assertThat(readerClient.get(thread, reader.token()).items()).as("its writer sees it, pending")
                .anyMatch(c -> id.equals(c.get("id")));

        Account editor = Accounts.withRoles("moderator", List.of("EDITOR"));
        assertThat(Client.newVisitor().send("POST", "/api/comments/moderation", editor.token(),
                "{\"ids\":[\"" + id + "\"],\"action\":\"APPROVE\"}").status()).isEqualTo(200);
        long approved = System.nanoTime();
        Duration lag = timeUntil(() -> anonymous.get(thread).items(), items -> items.stream().anyMatch(c -> id.equals(c.get("id"))), approved);
        assertThat(lag).isLessThanOrEqualTo(boundOf(before).plusSeconds(1));
    }

    @Test
    void viewCountsStayExactWhileTheArticleComesFromTheCache() {
        Account author = Accounts.register("views");
        String slug = publish(Client.newVisitor(), author, "Viewed " + Accounts.uniqueName("v"));
        List<Client> readers = List.of(Client.newVisitor(), Client.newVisitor(), Client.newVisitor());
        int hits = 0;
        for (Client reader : readers) {
            Client.Reply page = reader.get("/api/posts/" + slug);
            hits += "HIT".equals(page.header("X-Cache")) ? 1 : 0;
            Map<String, Object> counted = beacon(reader, slug).json();
            assertThat(counted).containsEntry("counted", true);
        }
        assertThat(hits).as("articles the gateway served without post-war").isPositive();
        // Reloads by the same readers are not new views.
        for (Client reader : readers) {
            assertThat(beacon(reader, slug).json()).containsEntry("counted", false).containsEntry("viewCount", 3L);
        }
        assertThat(Client.newVisitor().get("/api/posts/" + slug, author.token()).json()).containsEntry("viewCount", 3L);
    }

    private static Client.Reply beacon(Client reader, String slug) {
        return reader.send(reader.request("/api/posts/" + slug + "/views", null).header("User-Agent", BROWSER)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String publish(Client client, Account author, String title) {
        Client.Reply created = client.send("POST", "/api/posts", author.token(),
                "{\"title\":\"" + title + "\",\"body\":\"b\",\"status\":\"PUBLISHED\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return (String) created.json().get("slug");
    }

    /** What the service announced: a shared copy is fresh for s-maxage, then served stale for at most stale-while-revalidate. */
    private static Duration boundOf(Client.Reply reply) {
        Matcher m = SECONDS.matcher(reply.header("Cache-Control"));
        long seconds = 0;
        int found = 0;
        while (m.find()) {
            seconds += Long.parseLong(m.group(2));
            found++;
        }
        assertThat(found).as("s-maxage and stale-while-revalidate in %s", reply.header("Cache-Control")).isEqualTo(2);
        return Duration.ofSeconds(seconds);
    }

    private static <T> Duration timeUntil(Supplier<T> read, Predicate<T> done, long since) {
        Await.until("the change to reach anonymous readers", Duration.ofSeconds(30), read, done);
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
