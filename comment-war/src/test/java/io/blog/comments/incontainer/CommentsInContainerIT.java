package io.blog.comments.incontainer;

import io.blog.common.security.Caller;
import io.blog.common.testing.InContainerWars;

import io.blog.comments.article.ArticleDirectory;
import io.blog.comments.comment.CommentRepository;
import io.blog.comments.comment.CommentService;
import io.blog.comments.comment.CommentStatus;
import io.blog.comments.comment.CommentViews.CommentNode;
import io.blog.comments.moderation.ModerationPolicy;
import io.blog.common.paging.CursorPage;
import io.blog.common.paging.Keyset;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Roles;
import jakarta.enterprise.inject.spi.CDI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** comment-war's beans in the real test server, against MariaDB and Redis. */
@ExtendWith(ArquillianExtension.class)
class CommentsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return InContainerWars.packagedWith("target/comment-war.war", "comments-incontainer.war", CommentsInContainerIT.class);
    }

    private static <T> T bean(Class<T> type) {
        return CDI.current().select(type).get();
    }

    @Test
    void thePolicyApprovesModeratorsHoldsNewcomersAndCatchesSpamAndRepeats() {
        ModerationPolicy policy = bean(ModerationPolicy.class);
        String newcomer = "ic-" + UUID.randomUUID().toString().substring(0, 8);
        Caller editor = new Caller("ic-editor", Set.of(Roles.EDITOR));
        Caller user = new Caller(newcomer, Set.of(Roles.AUTHOR));

        assertThat(policy.judgeNew(editor, "casino casino").status()).isEqualTo(CommentStatus.APPROVED);
        assertThat(policy.judgeNew(user, "a thoughtful remark").status()).isEqualTo(CommentStatus.PENDING);
        ModerationPolicy.Verdict repeat = policy.judgeNew(user, "A   THOUGHTFUL remark");
        assertThat(repeat.status()).isEqualTo(CommentStatus.SPAM);
        assertThat(repeat.spamReason()).contains("same text");
        assertThat(policy.judgeNew(user, "visit the casino").spamReason()).isEqualTo("banned word 'casino'");
        assertThat(policy.judgeEdit(user, "https://a https://b https://c https://d")).get().asString().contains("4 links");
        assertThat(policy.judgeEdit(editor, "https://a https://b https://c https://d")).isEmpty();
    }

    @Test
    void keysetsRejectForeignCursorsAndLimits() {
        assertThat(Keyset.of(null, null)).isEqualTo(new Keyset(null, null, Keyset.DEFAULT_LIMIT));
        assertThatThrownBy(() -> Keyset.of(null, 0)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Keyset.of(null, Keyset.MAX_LIMIT + 1)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Keyset.of("bm90LWEtY3Vyc29y", 10)).isInstanceOf(ProblemException.class);
    }

    @Test
    void anArticleWithoutCommentsHasAnEmptyLastPageAndTheGaugeCounts() {
        CursorPage<CommentNode> page = bean(CommentService.class)
                .threads("ic-nothing-here-" + UUID.randomUUID().toString().substring(0, 8), "newest", Keyset.of(null, 5), Caller.ANONYMOUS);
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
        assertThat(bean(CommentRepository.class).countPending()).isGreaterThanOrEqualTo(0);
        assertThat(bean(CommentRepository.class).findById(UUID.randomUUID().toString())).isEmpty();
    }

    /**
     * In this run comment-war's post-war address is the HTTP tests' proxy, which is not running:
     * the article check must fail with a 503 problem, fast, rather than hang or pretend.
     */
    @Test
    void theArticleCheckFailsFastAsUnavailableWhenPostWarIsUnreachable() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> bean(ArticleDirectory.class).published("any-article"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
}
