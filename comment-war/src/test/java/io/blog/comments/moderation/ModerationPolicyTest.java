package io.blog.comments.moderation;

import io.blog.comments.comment.CommentRepository;
import io.blog.comments.comment.CommentStatus;
import io.blog.comments.moderation.ModerationPolicy.Verdict;
import io.blog.common.kv.InMemoryKeyValueStore;
import io.blog.common.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ModerationPolicyTest {

    /** Approved-comment counts per author; the only repository method the policy uses. No database. */
    static final class ApprovedCounts extends CommentRepository {
        final Map<String, Long> counts = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public long countApprovedBySiteModerators(String author) {
            asked.add(author);
            return counts.getOrDefault(author, 0L);
        }
    }

    private final ApprovedCounts repo = new ApprovedCounts();

    private ModerationPolicy policy(long trustedAfter) {
        SpamFilter spam = new SpamFilter();
        spam.metrics = new RecordingMetrics().registry;
        spam.maxLinks = 3;
        spam.bannedWords = List.of("viagra", "casino", "free money");
        spam.duplicateWindowSeconds = 600;
        spam.store = new InMemoryKeyValueStore(Clock.systemUTC());
        spam.init();
        ModerationPolicy policy = new ModerationPolicy();
        policy.spam = spam;
        policy.comments = repo;
        policy.trustedAfter = trustedAfter;
        return policy;
    }

    private static Caller user(String name, String... roles) {
        return new Caller(name, Set.of(roles));
    }

    @Test
    void firstCommentWaitsForAModerator() {
        Verdict v = policy(1).judgeNew(user("alice", "READER"), "Nice post");
        assertThat(v).isEqualTo(new Verdict(CommentStatus.PENDING, null));
        assertThat(repo.asked).containsExactly("alice");
    }

    @Test
    void authorWithEnoughApprovedCommentsIsTrusted() {
        ModerationPolicy policy = policy(1);
        repo.counts.put("alice", 1L);
        repo.counts.put("bob", 7L);
        assertThat(policy.judgeNew(user("alice", "READER"), "Nice post").status()).isEqualTo(CommentStatus.APPROVED);
        assertThat(policy.judgeNew(user("bob", "AUTHOR"), "Nice post").status()).isEqualTo(CommentStatus.APPROVED);
    }

    @Test
    void trustThresholdIsInclusive() {
        ModerationPolicy policy = policy(3);
        repo.counts.put("alice", 2L);
        repo.counts.put("bob", 3L);
        assertThat(policy.judgeNew(user("alice", "READER"), "one").status()).isEqualTo(CommentStatus.PENDING);
        assertThat(policy.judgeNew(user("bob", "READER"), "two").status()).isEqualTo(CommentStatus.APPROVED);
    }

    @Test
    void thresholdZeroTrustsEveryone() {
        assertThat(policy(0).judgeNew(user("newbie", "READER"), "hi").status()).isEqualTo(CommentStatus.APPROVED);
    }

    @Test
    void editorsAndAdminsAreApprovedOutrightEvenWithSpammyText() {
        ModerationPolicy policy = policy(5);
        String spammy = "viagra https://a.x https://b.x https://c.x https://d.x";
        assertThat(policy.judgeNew(user("ed", "EDITOR"), spammy)).isEqualTo(new Verdict(CommentStatus.APPROVED, null));
        assertThat(policy.judgeNew(user("root", "ADMIN", "READER"), spammy)).isEqualTo(new Verdict(CommentStatus.APPROVED, null));
        assertThat(policy.judgeNew(user("root", "ADMIN"), spammy).status()).as("no duplicate check either")
                .isEqualTo(CommentStatus.APPROVED);
        assertThat(repo.asked).isEmpty();
    }

    @Test
    void articleAuthorRoleIsNotAModerator() {
        assertThat(policy(1).judgeNew(user("writer", "AUTHOR"), "hello").status()).isEqualTo(CommentStatus.PENDING);
    }

    @Test
    void spamIsHeldWithItsReasonEvenForTrustedUsers() {
        ModerationPolicy policy = policy(1);
        repo.counts.put("alice", 100L);
        assertThat(policy.judgeNew(user("alice", "READER"), "play casino"))
                .isEqualTo(new Verdict(CommentStatus.SPAM, "banned word 'casino'"));
        assertThat(policy.judgeNew(user("alice", "READER"), "https://a.x https://b.x https://c.x https://d.x"))
                .isEqualTo(new Verdict(CommentStatus.SPAM, "4 links (at most 3)"));
        assertThat(repo.asked).isEmpty();
    }

    @Test
    void repeatedTextIsSpam() {
        ModerationPolicy policy = policy(1);
        repo.counts.put("alice", 100L);
        assertThat(policy.judgeNew(user("alice", "READER"), "Same words").status()).isEqualTo(CommentStatus.APPROVED);
        Verdict again = policy.judgeNew(user("alice", "READER"), "same   WORDS");
        assertThat(again.status()).isEqualTo(CommentStatus.SPAM);
        assertThat(again.spamReason()).startsWith("same text posted again");
    }

    @Test
    void editsAreCheckedByContentRulesOnlyAndModeratorsSkipThem() {
        ModerationPolicy policy = policy(1);
        assertThat(policy.judgeEdit(user("alice", "READER"), "clean text")).isEmpty();
        assertThat(policy.judgeEdit(user("alice", "READER"), "clean text")).as("no duplicate check on edit").isEmpty();
        assertThat(policy.judgeEdit(user("alice", "READER"), "buy viagra")).contains("banned word 'viagra'");
        assertThat(policy.judgeEdit(user("ed", "EDITOR"), "buy viagra")).isEmpty();
        assertThat(policy.judgeEdit(user("root", "ADMIN"), "buy viagra")).isEmpty();
        assertThat(repo.asked).isEmpty();
    }

    @Test
    void aRewriteIsSubstantialATypoFixIsNot() {
        String text = "I think the second example in this article misses the case of an empty list.";
        assertThat(ModerationPolicy.substantial(text, text.replace("misses", "miss"))).isFalse();
        assertThat(ModerationPolicy.substantial(text, text + " Thanks!")).isFalse();
        assertThat(ModerationPolicy.substantial(text, text + " More at https://example.com/x")).as("a new link").isTrue();
        assertThat(ModerationPolicy.substantial(text, "Buy cheap watches today, best prices in town, only here")).isTrue();
        assertThat(ModerationPolicy.substantial("see https://a.example", "see https://a.example now")).isFalse();
    }

    @Test
    void anUntrustedAuthorsRewriteOfAnApprovedCommentGoesBackToModeration() {
        ModerationPolicy policy = policy(1);
        String old = "A short and friendly remark about the article.";
        String rewrite = "Completely different text with an advert for something else entirely.";
        assertThat(policy.needsReviewAfterEdit(user("alice", "READER"), CommentStatus.APPROVED, old, rewrite)).isTrue();
        assertThat(policy.needsReviewAfterEdit(user("alice", "READER"), CommentStatus.PENDING, old, rewrite)).as("already waiting").isFalse();
        assertThat(policy.needsReviewAfterEdit(user("ed", "EDITOR"), CommentStatus.APPROVED, old, rewrite)).isFalse();
        repo.counts.put("bob", 1L);
        assertThat(policy.needsReviewAfterEdit(user("bob", "READER"), CommentStatus.APPROVED, old, rewrite)).as("trusted").isFalse();
    }
}
