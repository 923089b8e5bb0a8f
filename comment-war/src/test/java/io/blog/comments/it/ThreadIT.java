package io.blog.comments.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Threads: nesting and its cap, pagination by root thread, order, and who sees pending comments. */
class ThreadIT {

    @Test
    @SuppressWarnings("unchecked")
    void repliesNestUpToFiveLevelsAndDeeperRepliesFollowTheCommentTheyAnswer() {
        User writer = Api.author("deepwriter");
        User even = Api.editor("even");
        User odd = Api.editor("odd");
        String post = Api.publishedArticle(writer);
        List<String> chain = new ArrayList<>();
        for (int depth = 0; depth <= 6; depth++) {
            User by = depth % 2 == 0 ? even : odd;
            Map<String, Object> created = Api.commented(by, post, chain.isEmpty() ? null : chain.getLast(), "level " + depth);
            assertThat(created).containsEntry("depth", (long) Math.min(depth, 5));
            assertThat(created.get("rootId")).isEqualTo(chain.isEmpty() ? created.get("id") : chain.getFirst());
            chain.add(Api.id(created));
        }

        Reply page = Api.awaitThread(post, null, r -> Api.ids(Api.flatten(r.items())).containsAll(chain));
        assertThat(Api.ids(page.items())).containsExactly(chain.getFirst());
        Map<String, Object> node = page.items().getFirst();
        for (int depth = 1; depth <= 4; depth++) {
            List<Map<String, Object>> replies = (List<Map<String, Object>>) node.get("replies");
            assertThat(Api.ids(replies)).as("replies at depth %d", depth).containsExactly(chain.get(depth));
            node = replies.getFirst();
            assertThat(node).containsEntry("depth", (long) depth).containsEntry("parentId", chain.get(depth - 1));
        }
        // Level 4 holds level 5 and, flattened after it, level 6 (which answers level 5).
        List<Map<String, Object>> deepest = (List<Map<String, Object>>) node.get("replies");
        assertThat(Api.ids(deepest)).containsExactly(chain.get(5), chain.get(6));
        assertThat(deepest.get(0)).containsEntry("depth", 5L).containsEntry("replyToId", chain.get(4))
                .containsEntry("replyToAuthor", even.username());
        assertThat((List<?>) deepest.get(0).get("replies")).isEmpty();
        assertThat(deepest.get(1)).containsEntry("depth", 5L).containsEntry("parentId", chain.get(5))
                .containsEntry("replyToId", chain.get(5)).containsEntry("replyToAuthor", odd.username());
        assertThat(Api.flatten(page.items())).hasSize(7);
    }

    @Test
    void threadsArePagedByRootWithEveryReplyOnItsRootsPageExactlyOnce() {
        User writer = Api.author("pagewriter");
        User first = Api.editor("pg1");
        User second = Api.editor("pg2");
        String post = Api.publishedArticle(writer);
        String r1 = Api.id(Api.commented(first, post, null, "root 1"));
        String r2 = Api.id(Api.commented(first, post, null, "root 2"));
        String r3 = Api.id(Api.commented(first, post, null, "root 3"));
        String r4 = Api.id(Api.commented(second, post, null, "root 4"));
        String r5 = Api.id(Api.commented(second, post, null, "root 5"));
        // Written after every root: ordering by time alone would push them to the last page.
        String late3 = Api.id(Api.commented(second, post, r3, "late reply to root 3"));
        String late1 = Api.id(Api.commented(first, post, r1, "late reply to root 1"));
        Api.awaitThread(post, null, r -> Api.ids(Api.flatten(r.items())).contains(late1));

        List<List<String>> oldest = pages(post, "oldest");
        assertThat(oldest).containsExactly(List.of(r1, late1, r2), List.of(r3, late3, r4), List.of(r5));
        List<List<String>> newest = pages(post, "newest");
        assertThat(newest).containsExactly(List.of(r5, r4), List.of(r3, late3, r2), List.of(r1, late1));
        List<String> all = newest.stream().flatMap(List::stream).toList();
        assertThat(all).doesNotHaveDuplicates().hasSize(7);

        Reply roots = Api.thread(post, null, "limit=2");
        assertThat(Api.ids(roots.items())).containsExactly(r1, r2);
        CommentIT.assertProblem(Api.thread(post, null, "cursor=not-a-cursor"), 400, "cursor");
        CommentIT.assertProblem(Api.thread(post, null, "limit=0"), 400, "limit");
        CommentIT.assertProblem(Api.thread(post, null, "order=sideways"), 400, "order");
        CommentIT.assertProblem(Api.get("", null), 400, "post");
    }

    /** Every page of the thread with limit 2, each as the ids in display order. */
    private static List<List<String>> pages(String post, String order) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = Api.thread(post, null, "limit=2&order=" + order + (cursor == null ? "" : "&cursor=" + Api.enc(cursor)));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            pages.add(Api.ids(Api.flatten(page.items())));
            cursor = (String) page.json().get("nextCursor");
            assertThat(pages).as("pages so far").hasSizeLessThan(10);
        } while (cursor != null);
        return pages;
    }

    @Test
    void aPendingCommentExistsOnlyForItsAuthorMarkedPending() {
        User writer = Api.author("pendwriter");
        User editor = Api.editor("pended");
        User newcomer = Api.author("pendnew");
        User other = Api.author("pendother");
        String post = Api.publishedArticle(writer);
        String approved = Api.id(Api.commented(editor, post, null, "approved root"));
        Map<String, Object> pendingRoot = Api.commented(newcomer, post, null, "my pending root");
        Map<String, Object> pendingReply = Api.commented(newcomer, post, approved, "my pending reply");
        assertThat(pendingRoot).containsEntry("status", "PENDING").containsEntry("pending", true);
        assertThat(pendingReply).containsEntry("status", "PENDING").containsEntry("pending", true)
                .containsEntry("replyToAuthor", editor.username());
        String marker = Api.id(Api.commented(editor, post, null, "written after the pending ones"));

        Reply own = Api.thread(post, newcomer.token(), "limit=50");
        assertThat(Api.ids(Api.flatten(own.items()))).containsExactly(approved, Api.id(pendingReply), Api.id(pendingRoot), marker);
        assertThat(Api.node(own, Api.id(pendingRoot))).containsEntry("pending", true).containsEntry("status", "PENDING")
                .containsEntry("body", "my pending root");
        assertThat(Api.node(own, Api.id(pendingReply))).containsEntry("pending", true);
        assertThat(Api.node(own, approved)).containsEntry("pending", false);

        for (String token : new String[]{null, other.token(), writer.token()}) {
            Reply seen = Api.awaitThread(post, token, r -> Api.ids(Api.flatten(r.items())).contains(marker));
            assertThat(Api.ids(Api.flatten(seen.items()))).containsExactly(approved, marker);
            assertThat(seen.body()).doesNotContain("my pending", "\"pending\":true");
        }
        Reply counts = Api.get("/counts?posts=" + Api.enc(post), null);
        assertThat(counts.body()).contains("\"" + post + "\":2");
        // A reply is only possible to a comment the replier can see.
        CommentIT.assertProblem(Api.comment(other, post, Api.id(pendingRoot), "can I answer?"), 400, "parentId");
    }
}
