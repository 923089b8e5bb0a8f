package io.blog.comments.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The moderation policy, spam rules, rate limits, the queues, actions and their audit. */
class ModerationIT {

    @Test
    void approvingYourOwnCommentOnYourOwnArticleEarnsNoTrust() {
        User spammer = Api.author("selfvouch");
        String own = Api.publishedArticle(spammer);
        Map<String, Object> mine = Api.commented(spammer, own, null, "a comment on my own article");
        assertThat(mine).containsEntry("status", "PENDING");
        Reply selfApproved = Api.post("/moderation", Map.of("ids", List.of(Api.id(mine)), "action", "APPROVE"), spammer.token());
        assertThat(selfApproved.status()).as("%s", selfApproved).isEqualTo(200);

        // Elsewhere, still a newcomer.
        String elsewhere = Api.publishedArticle(Api.author("victimwriter"));
        assertThat(Api.commented(spammer, elsewhere, null, "now on someone else's article")).containsEntry("status", "PENDING");
        // A substantial rewrite of the self-approved comment goes back to moderation; a typo fix does not.
        Reply typo = Api.patch("/" + Api.id(mine), Map.of("body", "a comment on my own articles"), spammer.token());
        assertThat(typo.json()).containsEntry("status", "APPROVED");
        Reply rewritten = Api.patch("/" + Api.id(mine), Map.of("body", "Cheap watches, visit https://spam.example now"),
                spammer.token());
        assertThat(rewritten.status()).as("%s", rewritten).isEqualTo(200);
        assertThat(rewritten.json()).containsEntry("status", "PENDING");
    }

    @Test
    void aPendingCommentTakesNoRepliesFromThoseWhoCannotSeeIt() {
        User writer = Api.author("pendwriter");
        User newcomer = Api.author("pendnew");
        String post = Api.publishedArticle(writer);
        Map<String, Object> pending = Api.commented(newcomer, post, null, "waiting for a moderator");
        assertThat(pending).containsEntry("status", "PENDING");

        // The article's author cannot see it yet: a clear 409, not "must be a comment on the same article".
        Reply byAuthor = Api.comment(writer, post, Api.id(pending), "thanks!");
        assertThat(byAuthor.status()).as("%s", byAuthor).isEqualTo(409);
        assertThat(byAuthor.header("Content-Type")).startsWith("application/problem+json");
        assertThat((String) byAuthor.json().get("detail")).contains("awaiting moderation", "approve it first");
        assertThat(Api.comment(Api.editor("pended"), post, Api.id(pending), "noted").status()).isEqualTo(409);
        // To anyone else it does not exist; its own author may follow it up.
        Reply stranger = Api.comment(Api.author("pendstranger"), post, Api.id(pending), "hello?");
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.body()).doesNotContain("moderation");
        assertThat(Api.comment(newcomer, post, Api.id(pending), "a follow-up of mine").status()).isEqualTo(201);
        // Once approved, the article's author answers it.
        assertThat(Api.post("/moderation", Map.of("ids", List.of(Api.id(pending)), "action", "APPROVE"), writer.token()).status())
                .isEqualTo(200);
        assertThat(Api.comment(writer, post, Api.id(pending), "thanks!").status()).isEqualTo(201);
    }

    @Test
    void newUsersWaitEditorsAndAdministratorsDoNotAndOneApprovalEarnsTrust() {
        User writer = Api.author("polwriter");
        User newcomer = Api.author("polnew");
        User editor = Api.editor("poled");
        String post = Api.publishedArticle(writer);

        Map<String, Object> first = Api.commented(newcomer, post, null, "my very first comment");
        Map<String, Object> second = Api.commented(newcomer, post, null, "still untrusted");
        assertThat(first).containsEntry("status", "PENDING");
        assertThat(second).containsEntry("status", "PENDING");
        assertThat(Api.commented(editor, post, null, "from an editor")).containsEntry("status", "APPROVED");
        assertThat(Api.commented(Api.admin(), post, null, "from the administrator " + Api.unique("a")))
                .containsEntry("status", "APPROVED");

        Reply approved = Api.post("/moderation", Map.of("ids", List.of(Api.id(first)), "action", "APPROVE"), editor.token());
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        Api.awaitVisible(post, null, Api.id(first));

        assertThat(Api.commented(newcomer, post, null, "now trusted")).containsEntry("status", "APPROVED");
        // Trust does not skip the spam rules.
        assertThat(Api.commented(newcomer, post, null, "cheap viagra here")).containsEntry("status", "SPAM");
    }

    @Test
    void spamRulesHoldLinkHeavyBannedAndDuplicateTextWithAReason() {
        User writer = Api.author("spamwriter");
        String post = Api.publishedArticle(writer);
        User linker = Api.author("linker");
        User banned = Api.author("banned");
        User repeater = Api.author("repeater");

        Map<String, Object> links = Api.commented(linker, post, null,
                "see https://a.test and http://b.test and www.c.test and mailto:d@e.test");
        Map<String, Object> threeLinks = Api.commented(linker, post, null, "just https://a.test https://b.test https://c.test");
        Map<String, Object> word = Api.commented(banned, post, null, "Win FREE   Money today");
        Map<String, Object> innocent = Api.commented(banned, post, null, "casinos in old novels");
        Map<String, Object> original = Api.commented(repeater, post, null, "Great   article, thanks!");
        Map<String, Object> duplicate = Api.commented(repeater, post, null, "great article, THANKS!");

        assertThat(links).containsEntry("status", "SPAM");
        assertThat(threeLinks).containsEntry("status", "PENDING");
        assertThat(word).containsEntry("status", "SPAM");
        assertThat(innocent).containsEntry("status", "PENDING");
        assertThat(original).containsEntry("status", "PENDING");
        assertThat(duplicate).containsEntry("status", "SPAM");

        List<Map<String, Object>> spamQueue = awaitQueue(Api.admin(), "SPAM", Api.id(links), Api.id(word), Api.id(duplicate));
        assertThat(reasonOf(spamQueue, links)).contains("4 links");
        assertThat(reasonOf(spamQueue, word)).contains("banned word 'free money'");
        assertThat(reasonOf(spamQueue, duplicate)).contains("same text");
        assertThat(Api.ids(spamQueue)).doesNotContain(Api.id(innocent), Api.id(original), Api.id(threeLinks));
        // Spam is shown to nobody, not even its author.
        assertThat(Api.thread(post, linker.token(), "limit=50").body()).doesNotContain(Api.id(links))
                .contains(Api.id(threeLinks));
    }

    private static String reasonOf(List<Map<String, Object>> queue, Map<String, Object> comment) {
        return queue.stream().filter(i -> Api.id(comment).equals(i.get("id"))).findFirst()
                .map(i -> (String) i.get("spamReason"))
                .orElseThrow(() -> new AssertionError("not in the spam queue: " + comment));
    }

    @Test
    void aBurstOfCommentsIsRateLimitedWithRetryAfter() {
        User writer = Api.author("burstwriter");
        User eager = Api.author("eager");
        String post = Api.publishedArticle(writer);
        for (int i = 1; i <= 5; i++) {
            assertThat(Api.comment(eager, post, null, "burst number " + i).status()).isEqualTo(201);
        }
        Reply limited = Api.comment(eager, post, null, "burst number 6");

        CommentIT.assertProblem(limited, 429, null);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(Api.countInDatabase("author = ?", eager.username())).isEqualTo(5);
        // Someone else is not affected.
        assertThat(Api.comment(Api.author("calm"), post, null, "my turn").status()).isEqualTo(201);
    }

    @Test
    void editorsSeeEveryQueueArticleAuthorsOnlyTheirOwnArticles() {
        User writer = Api.author("qwriter");
        User otherWriter = Api.author("qother");
        User editor = Api.editor("qed");
        String mine = Api.publishedArticle(writer);
        String theirs = Api.publishedArticle(otherWriter);
        String onMine = Api.id(Api.commented(Api.author("qa"), mine, null, "pending on mine"));
        String onTheirs = Api.id(Api.commented(Api.author("qb"), theirs, null, "pending on theirs"));

        List<Map<String, Object>> all = awaitQueue(editor, "PENDING", onMine, onTheirs);
        assertThat(Api.ids(all)).contains(onMine, onTheirs);
        Map<String, Object> item = all.stream().filter(i -> onMine.equals(i.get("id"))).findFirst().orElseThrow();
        assertThat(item).containsEntry("post", mine).containsEntry("postAuthor", writer.username())
                .containsEntry("status", "PENDING").containsEntry("body", "pending on mine");
        assertThat(Api.ids(awaitQueue(Api.admin(), null, onMine, onTheirs))).contains(onMine, onTheirs);

        List<Map<String, Object>> writers = awaitQueue(writer, "PENDING", onMine);
        assertThat(Api.ids(writers)).containsExactly(onMine);
        assertThat(Api.ids(awaitQueue(otherWriter, "PENDING", onTheirs))).containsExactly(onTheirs);
        assertThat(Api.ids(queue(Api.author("nobody"), "PENDING"))).isEmpty();

        CommentIT.assertProblem(Api.get("/moderation", null), 401, null);
        CommentIT.assertProblem(Api.get("/moderation?status=APPROVED", editor.token()), 400, "status");
    }

    @Test
    void moderationActionsChangeTheCommentAndAreAudited() {
        User writer = Api.author("actwriter");
        User editor = Api.editor("acted");
        User outsider = Api.author("outsider");
        User admin = Api.admin();
        String post = Api.publishedArticle(writer);
        String toApprove = Api.id(Api.commented(Api.author("ma"), post, null, "approve me"));
        String toReject = Api.id(Api.commented(Api.author("mb"), post, null, "reject me"));
        String toSpam = Api.id(Api.commented(Api.author("mc"), post, null, "spam me"));
        String toDelete = Api.id(Api.commented(Api.editor("md"), post, null, "delete me"));

        // Neither an unrelated user nor anyone for a mix including a comment they do not moderate.
        Reply outsiderTry = Api.post("/moderation", Map.of("ids", List.of(toApprove), "action", "APPROVE"), outsider.token());
        // Not the outsider's to moderate: refused like an unknown comment, and nothing changes.
        CommentIT.assertProblem(outsiderTry, 404, null);
        CommentIT.assertProblem(Api.get("/moderation/audit", outsider.token()), 403, null);
        CommentIT.assertProblem(Api.get("/moderation/audit", writer.token()), 403, null);
        CommentIT.assertProblem(Api.post("/moderation", Map.of("ids", List.of(toApprove), "action", "APPROVE"), null), 401, null);
        CommentIT.assertProblem(Api.post("/moderation", Map.of("ids", List.of(), "action", "APPROVE"), editor.token()), 400, "ids");
        CommentIT.assertProblem(Api.post("/moderation", "{\"ids\":[\"" + toApprove + "\"],\"action\":\"BLESS\"}", editor.token()), 400, null);
        Reply partly = Api.post("/moderation", Map.of("ids", List.of(toApprove, UUID.randomUUID().toString()),
                "action", "APPROVE"), editor.token());
        assertThat(partly.status()).isEqualTo(404);
        assertThat(Api.countInDatabase("status = 'PENDING' AND id = ?", toApprove)).as("nothing changed").isEqualTo(1);

        Reply approve = Api.post("/moderation", Map.of("ids", List.of(toApprove), "action", "APPROVE"), editor.token());
        Reply reject = Api.post("/moderation", Map.of("ids", List.of(toReject), "action", "REJECT"), writer.token());
        Reply spam = Api.post("/moderation", Map.of("ids", List.of(toSpam), "action", "SPAM"), writer.token());
        Reply delete = Api.post("/moderation", Map.of("ids", List.of(toDelete), "action", "DELETE"), admin.token());
        for (Reply reply : List.of(approve, reject, spam, delete)) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        }
        assertThat(approve.items().getFirst()).containsEntry("commentId", toApprove).containsEntry("actor", editor.username())
                .containsEntry("action", "APPROVE").containsEntry("fromStatus", "PENDING").containsEntry("toStatus", "APPROVED");

        List<Map<String, Object>> audit = Api.get("/moderation/audit?limit=50", editor.token()).items();
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("commentId", toApprove).containsEntry("post", post)
                .containsEntry("actor", editor.username()).containsEntry("action", "APPROVE")
                .containsEntry("fromStatus", "PENDING").containsEntry("toStatus", "APPROVED"));
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("commentId", toReject)
                .containsEntry("actor", writer.username()).containsEntry("action", "REJECT").containsEntry("toStatus", "REJECTED"));
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("commentId", toSpam)
                .containsEntry("actor", writer.username()).containsEntry("action", "SPAM").containsEntry("toStatus", "SPAM"));
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("commentId", toDelete)
                .containsEntry("actor", "rootadmin").containsEntry("action", "DELETE").containsEntry("fromStatus", "APPROVED"));
        assertThat(audit).noneSatisfy(a -> assertThat(a.get("actor")).isEqualTo(outsider.username()));

        Reply shown = Api.awaitThread(post, null, r -> r.body().contains(toApprove) && !r.body().contains(toDelete));
        assertThat(Api.ids(Api.flatten(shown.items()))).containsExactly(toApprove);
        assertThat(reasonsInSpamQueue(toSpam)).contains("moderator");
        // A deleted comment cannot be moderated again.
        assertThat(Api.post("/moderation", Map.of("ids", List.of(toDelete), "action", "APPROVE"), admin.token()).status())
                .isEqualTo(404);
    }

    private static String reasonsInSpamQueue(String id) {
        return awaitQueue(Api.admin(), "SPAM", id).stream().filter(i -> id.equals(i.get("id"))).findFirst()
                .map(i -> (String) i.get("spamReason")).orElseThrow();
    }

    /** The whole queue once it holds every one of {@code ids} (moderators read from the replica). */
    static List<Map<String, Object>> awaitQueue(User user, String status, String... ids) {
        List<List<Map<String, Object>>> last = new ArrayList<>();
        Api.await(Duration.ofSeconds(15), "moderation queue " + status + " to hold " + List.of(ids), () -> {
            last.clear();
            last.add(queue(user, status));
            return Api.ids(last.getFirst()).containsAll(List.of(ids));
        });
        return last.getFirst();
    }

    /** Every page of a moderation queue as {@code user} sees it. */
    static List<Map<String, Object>> queue(User user, String status) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            String query = "?limit=50" + (status == null ? "" : "&status=" + status)
                    + (cursor == null ? "" : "&cursor=" + Api.enc(cursor));
            Reply page = Api.get("/moderation" + query, user.token());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            items.addAll(page.items());
            cursor = (String) page.json().get("nextCursor");
            assertThat(System.nanoTime()).as("queue paging finishes").isLessThan(deadline);
        } while (cursor != null);
        return items;
    }
}
