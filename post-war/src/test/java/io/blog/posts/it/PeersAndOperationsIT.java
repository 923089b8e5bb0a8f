package io.blog.posts.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PeersAndOperationsIT {

    @Test
    void articlesAreServedWithTheUsernameAloneWhileUserWarIsDown() {
        User author = Api.author("lonely");
        String tag = Api.unique("down").toLowerCase();
        String slug = (String) Api.create(author, "Still readable " + tag, "b", "PUBLISHED", List.of(tag)).get("slug");
        Api.USERS_PROXY.up(false);
        try {
            Reply list = Api.get("?tag=" + tag, null);
            Reply signedIn = Api.get("/" + slug, Api.author("reader2").token());

            assertThat(list.status()).isEqualTo(200);
            assertThat(signedIn.status()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            Map<String, Object> shownAuthor = (Map<String, Object>) signedIn.json().get("author");
            assertThat(shownAuthor).containsEntry("username", author.username());
        } finally {
            Api.USERS_PROXY.up(true);
        }
    }

    @Test
    void healthIncludesSearchAndMetricsNameTheContentEvents() {
        User author = Api.author("metrics");
        Api.create(author, "Counted " + Api.unique("m"), "b", "PUBLISHED", List.of());
        Api.get("/search?q=counted", null);

        String ready = Api.send("GET", Api.SERVER + "/health/ready", null, null, Map.of()).body();
        String metrics = Api.send("GET", Api.SERVER + "/metrics", null, null, Map.of("Accept", "text/plain")).body();

        assertThat(ready).contains("\"search\"", "\"database\"", "\"redis\"");
        assertThat(metrics).contains("posts_created_total", "posts_published_total", "posts_outbox_backlog",
                "posts_outbox_oldest_age_seconds", "posts_search_duration", "cache_misses_total");
    }

    @Test
    void openApiDescribesThePostEndpoints() {
        String openapi = Api.send("GET", Api.SERVER + "/openapi?format=JSON", null, null, Map.of()).body();
        assertThat(openapi).contains("/api/posts", "/search\"", "/feed.rss\"", "/{slug}/revisions\"", "/preview\"");
    }
}
