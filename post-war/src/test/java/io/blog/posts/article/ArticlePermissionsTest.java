package io.blog.posts.article;

import io.blog.common.security.Caller;
import io.blog.common.security.Roles;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ArticlePermissionsTest {

    private static final Caller ANN = new Caller("ann", Set.of(Roles.AUTHOR));
    private static final Caller BOB = new Caller("bob", Set.of(Roles.AUTHOR));
    private static final Caller EDITOR = new Caller("ed", Set.of(Roles.EDITOR));
    private static final Caller READER = new Caller("rita", Set.of(Roles.READER));

    private static Article draftBy(String author) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Article article = new Article("a-draft", author, new Article.Content("A draft", "", "text", "<p>text</p>", 1, Set.of(), null), now);
        article.draft(now);
        return article;
    }

    @Test
    void authorsEditorsAndAdministratorsWriteReadersDoNot() {
        assertThat(ArticlePermissions.mayWrite(ANN)).isTrue();
        assertThat(ArticlePermissions.mayWrite(EDITOR)).isTrue();
        assertThat(ArticlePermissions.mayWrite(new Caller("root", Set.of(Roles.ADMIN)))).isTrue();
        assertThat(ArticlePermissions.mayWrite(READER)).isFalse();
        assertThat(ArticlePermissions.mayWrite(Caller.ANONYMOUS)).isFalse();
    }

    @Test
    void aDraftIsEditedAndSeenByItsAuthorAndEditorsOnly() {
        Article draft = draftBy("ann");
        assertThat(ArticlePermissions.mayEdit(ANN, draft)).isTrue();
        assertThat(ArticlePermissions.mayEdit(EDITOR, draft)).isTrue();
        assertThat(ArticlePermissions.mayEdit(BOB, draft)).isFalse();
        assertThat(ArticlePermissions.maySee(ANN, draft)).isTrue();
        assertThat(ArticlePermissions.maySee(BOB, draft)).isFalse();
        assertThat(ArticlePermissions.maySee(Caller.ANONYMOUS, draft)).isFalse();
    }

    @Test
    void aPublishedArticleIsSeenByEveryone() {
        Article article = draftBy("ann");
        article.publish(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(ArticlePermissions.maySee(Caller.ANONYMOUS, article)).isTrue();
        assertThat(ArticlePermissions.mayEdit(Caller.ANONYMOUS, article)).isFalse();
    }
}
