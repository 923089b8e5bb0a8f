package io.blog.posts.it;

import io.blog.common.testing.Accounts.User;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An article stored by an older renderer (render_version 0, code without colours, as every article
 * saved before highlighting) is rendered again in the background, without moving its version or
 * its last-update time, and anonymous readers get the new HTML.
 */
class RenderUpgradeIT {

    private static final String OLD_HTML = "<pre><code class=\"language-java\">public class Old {}\n</code></pre>\n";

    @Test
    void anArticleFromAnOlderRendererIsRenderedAgain() {
        User author = Api.author("render");
        Map<String, Object> article = Api.create(author, "Rendered again " + Api.unique("r"),
                "```java\npublic class Old {}\n```\n", "PUBLISHED", List.of());
        String id = (String) article.get("id");
        assertThat((String) article.get("bodyHtml")).contains("<span class=\"hl-kw\">public</span>");
        Row before = row(id);
        assertThat(before.renderVersion()).isEqualTo(1);

        update(id);
        assertThat(row(id).html()).isEqualTo(OLD_HTML);

        Api.await(Duration.ofSeconds(20), "the article rendered again", () -> row(id).renderVersion() == 1);
        Row after = row(id);
        assertThat(after.html()).contains("<span class=\"hl-kw\">public</span> <span class=\"hl-kw\">class</span>");
        assertThat(after.version()).as("no new ETag for the same article").isEqualTo(before.version());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        Api.await(Duration.ofSeconds(10), "anonymous readers to get the new HTML",
                () -> String.valueOf(Api.get("/" + article.get("slug"), null).json().get("bodyHtml")).contains("hl-kw"));
    }

    private record Row(String html, int renderVersion, long version, String updatedAt) {
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
    }

    private static Row row(String id) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT body_html, render_version, version, updated_at FROM article WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the row looked like before highlighting existed. */
    private static void update(String id) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("UPDATE article SET body_html = ?, render_version = 0 WHERE id = ?")) {
            s.setString(1, OLD_HTML);
            s.setString(2, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
