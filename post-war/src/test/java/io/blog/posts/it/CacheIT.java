package io.blog.posts.it;

import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis cache serves repeat reads and is invalidated exactly by the writes that change them. */
class CacheIT {

    @Test
    void repeatReadsHitTheCacheAndAnEditInvalidatesItAtOnce() {
        User author = Api.author("cache");
        Map<String, Object> article = Api.create(author, "Cache me " + Api.unique("c"), "first", "PUBLISHED", List.of());
        String slug = (String) article.get("slug");
        Api.get("/" + slug, null);
        double hitsBefore = metric("cache_hits_total", "cache=\"article\"");
        Api.get("/" + slug, null);
        Api.get("/" + slug, null);
        assertThat(metric("cache_hits_total", "cache=\"article\"")).isGreaterThanOrEqualTo(hitsBefore + 2);

        Api.put("/" + slug, Api.article((String) article.get("title"), "second", "PUBLISHED", List.of()), author.token(), "1");

        assertThat((String) Api.get("/" + slug, null).json().get("bodyHtml")).contains("second");
    }

    @Test
    void theCachedFirstPageShowsANewArticleImmediately() {
        User author = Api.author("fresh");
        Api.get("?author=" + author.username(), null);
        Api.get("", null);
        Map<String, Object> created = Api.create(author, "Brand new " + Api.unique("n"), "b", "PUBLISHED", List.of());

        assertThat(Api.get("?author=" + author.username(), null).body()).contains((String) created.get("slug"));
        assertThat(Api.get("", null).items().getFirst()).containsEntry("slug", created.get("slug"));
        Api.delete("/" + created.get("slug"), author.token());
        assertThat(Api.get("", null).body()).doesNotContain((String) created.get("slug"));
    }

    static double metric(String name, String label) {
        String metrics = Api.send("GET", Api.SERVER + "/metrics", null, null, Map.of("Accept", "text/plain")).body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*}\\s+([0-9.eE+-]+)").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
