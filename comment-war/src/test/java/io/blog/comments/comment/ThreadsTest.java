package io.blog.comments.comment;

import io.blog.common.profile.AuthorProfile;
import io.blog.comments.comment.CommentViews.CommentNode;
import io.blog.common.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadsTest {

    private static final Caller ANON = Caller.ANONYMOUS;
    private static final Caller ALICE = new Caller("alice", Set.of("READER"));
    private static final Caller EDITOR = new Caller("ed", Set.of("EDITOR"));

    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");

    private Comment root(String author, CommentStatus status) {
        return comment(null, author, status);
    }

    private Comment reply(Comment parent, String author, CommentStatus status) {
        return comment(parent, author, status);
    }

    private Comment comment(Comment parent, String author, CommentStatus status) {
        clock = clock.plusSeconds(1);
        return new Comment("my-post", "postowner", parent, author,
                new Comment.Body("text by " + author, "<p>text by " + author + "</p>"), status, null, clock);
    }

    private static List<CommentNode> build(List<Comment> roots, List<Comment> replies, Caller viewer) {
        return Threads.build(roots, replies, viewer, Map.of());
    }

    private static List<String> ids(List<CommentNode> nodes) {
        return nodes.stream().map(CommentNode::id).toList();
    }

    @Test
    void repliesNestUnderTheirParentsInTheOrderWritten() {
        Comment r1 = root("bob", CommentStatus.APPROVED);
        Comment r2 = root("carol", CommentStatus.APPROVED);
        Comment a = reply(r1, "carol", CommentStatus.APPROVED);
        Comment b = reply(r1, "dave", CommentStatus.APPROVED);
        Comment a1 = reply(a, "bob", CommentStatus.APPROVED);
        Comment c = reply(r1, "erin", CommentStatus.APPROVED);

        List<CommentNode> shown = build(List.of(r1, r2), List.of(a, b, a1, c), ANON);

        assertThat(ids(shown)).containsExactly(r1.getId(), r2.getId());
        CommentNode n1 = shown.getFirst();
        assertThat(n1.depth()).isZero();
        assertThat(n1.parentId()).isNull();
        assertThat(n1.replyToId()).isNull();
        assertThat(n1.replyToAuthor()).isNull();
        assertThat(ids(n1.replies())).containsExactly(a.getId(), b.getId(), c.getId());
        CommentNode na = n1.replies().getFirst();
        assertThat(na.depth()).isEqualTo(1);
        assertThat(na.parentId()).isEqualTo(r1.getId());
        assertThat(na.rootId()).isEqualTo(r1.getId());
        assertThat(na.replyToId()).isEqualTo(r1.getId());
        assertThat(na.replyToAuthor()).isEqualTo("bob");
        assertThat(ids(na.replies())).containsExactly(a1.getId());
        assertThat(na.replies().getFirst().depth()).isEqualTo(2);
        assertThat(na.replies().getFirst().replyToAuthor()).isEqualTo("carol");
        assertThat(na.replies().getFirst().rootId()).isEqualTo(r1.getId());
        assertThat(shown.get(1).replies()).isEmpty();
    }

    @Test
    void fullNodeCarriesHtmlStatusAndResolvedOrUnresolvedProfile() {
        Comment r = root("bob", CommentStatus.APPROVED);
        Comment a = reply(r, "carol", CommentStatus.APPROVED);
        AuthorProfile bob = new AuthorProfile("bob", "Bob B.", "https://img/bob.png");

        CommentNode node = Threads.build(List.of(r), List.of(a), ANON, Map.of("bob", bob)).getFirst();

        assertThat(node.author()).isEqualTo(bob);
        assertThat(node.bodyHtml()).isEqualTo("<p>text by bob</p>");
        assertThat(node.body()).as("markdown only for its author").isNull();
        assertThat(node.status()).isEqualTo("APPROVED");
        assertThat(node.pending()).isFalse();
        assertThat(node.deleted()).isFalse();
        assertThat(node.post()).isEqualTo("my-post");
        assertThat(node.replies().getFirst().author()).isEqualTo(AuthorProfile.unresolved("carol"));
    }

    @Test
    void authorSeesOwnMarkdown() {
        Comment r = root("alice", CommentStatus.APPROVED);
        CommentNode node = build(List.of(r), List.of(), ALICE).getFirst();
        assertThat(node.body()).isEqualTo("text by alice");
    }

    /** Builds a single chain root -> depth 1 -> ... -> depth {@code deepest}; element i has depth i. */
    private List<Comment> chain(int deepest) {
        List<Comment> chain = new ArrayList<>();
        chain.add(root("u0", CommentStatus.APPROVED));
        for (int d = 1; d <= deepest; d++) {
            chain.add(reply(chain.getLast(), "u" + d, CommentStatus.APPROVED));
        }
        return chain;
    }

    @Test
    void nestingStopsAtDepthFiveAndDeeperRepliesFollowTheCommentTheyAnswer() {
        List<Comment> chain = chain(8);
        assertThat(chain.getLast().getDepth()).isEqualTo(8);

        List<CommentNode> shown = build(List.of(chain.getFirst()), chain.subList(1, chain.size()), ANON);

        CommentNode node = shown.getFirst();
        for (int d = 1; d <= 4; d++) {
            assertThat(node.replies()).hasSize(1);
            node = node.replies().getFirst();
            assertThat(node.depth()).isEqualTo(d);
            assertThat(node.id()).isEqualTo(chain.get(d).getId());
        }
        // depth 4 holds depth 5 and everything below it, flat, each at display depth 5
        assertThat(ids(node.replies())).containsExactly(
                chain.get(5).getId(), chain.get(6).getId(), chain.get(7).getId(), chain.get(8).getId());
        for (int i = 0; i < 4; i++) {
            CommentNode flat = node.replies().get(i);
            Comment original = chain.get(5 + i);
            Comment answered = chain.get(4 + i);
            assertThat(flat.depth()).isEqualTo(CommentViews.MAX_DISPLAY_DEPTH);
            assertThat(flat.replies()).isEmpty();
            assertThat(flat.replyToId()).isEqualTo(answered.getId());
            assertThat(flat.parentId()).isEqualTo(answered.getId());
            assertThat(flat.replyToAuthor()).isEqualTo(answered.getAuthor());
            assertThat(flat.rootId()).isEqualTo(original.getRootId()).isEqualTo(chain.getFirst().getId());
        }
    }

    @Test
    void exactlyDepthFiveIsShownNestedWithoutReplies() {
        List<Comment> chain = chain(5);
        CommentNode node = build(List.of(chain.getFirst()), chain.subList(1, chain.size()), ANON).getFirst();
        for (int d = 1; d <= 5; d++) {
            node = node.replies().getFirst();
        }
        assertThat(node.id()).isEqualTo(chain.get(5).getId());
        assertThat(node.depth()).isEqualTo(5);
        assertThat(node.replies()).isEmpty();
    }

    @Test
    void flattenedBranchesStayDepthFirstInWritingOrder() {
        List<Comment> chain = chain(5);
        Comment five = chain.get(5);
        Comment a = reply(five, "a", CommentStatus.APPROVED);
        Comment b = reply(five, "b", CommentStatus.APPROVED);
        Comment a1 = reply(a, "a1", CommentStatus.APPROVED);
        List<Comment> replies = new ArrayList<>(chain.subList(1, chain.size()));
        replies.addAll(List.of(a, b, a1));

        CommentNode four = build(List.of(chain.getFirst()), replies, ANON).getFirst()
                .replies().getFirst().replies().getFirst().replies().getFirst().replies().getFirst();

        assertThat(four.depth()).isEqualTo(4);
        assertThat(ids(four.replies())).containsExactly(five.getId(), a.getId(), a1.getId(), b.getId());
        assertThat(four.replies()).allSatisfy(n -> assertThat(n.depth()).isEqualTo(5));
        assertThat(four.replies().get(2).replyToAuthor()).isEqualTo("a");
        assertThat(four.replies().get(3).replyToId()).isEqualTo(five.getId());
    }

    @Test
    void deletedCommentWithVisibleRepliesBecomesPlaceholder() {
        Comment r = root("bob", CommentStatus.APPROVED);
        Comment a = reply(r, "carol", CommentStatus.APPROVED);
        Comment a1 = reply(a, "dave", CommentStatus.APPROVED);
        a.delete(clock);

        CommentNode root = build(List.of(r), List.of(a, a1), ANON).getFirst();
        CommentNode placeholder = root.replies().getFirst();

        assertThat(placeholder.id()).isEqualTo(a.getId());
        assertThat(placeholder.deleted()).isTrue();
        assertThat(placeholder.author()).isNull();
        assertThat(placeholder.bodyHtml()).isNull();
        assertThat(placeholder.body()).isNull();
        assertThat(placeholder.status()).isNull();
        assertThat(placeholder.pending()).isFalse();
        assertThat(placeholder.depth()).isEqualTo(1);
        assertThat(placeholder.replyToAuthor()).isEqualTo("bob");
        assertThat(ids(placeholder.replies())).containsExactly(a1.getId());
        // the reply to a placeholder does not name the hidden author
        assertThat(placeholder.replies().getFirst().replyToId()).isEqualTo(a.getId());
        assertThat(placeholder.replies().getFirst().replyToAuthor()).isNull();
    }

    @Test
    void deletedOrHiddenCommentsWithoutVisibleRepliesAreLeftOut() {
        Comment r = root("bob", CommentStatus.APPROVED);
        Comment deleted = reply(r, "carol", CommentStatus.APPROVED);
        Comment rejected = reply(r, "dave", CommentStatus.REJECTED);
        Comment spam = reply(r, "erin", CommentStatus.SPAM);
        Comment kept = reply(r, "frank", CommentStatus.APPROVED);
        Comment hiddenChildOfDeleted = reply(deleted, "gina", CommentStatus.REJECTED);
        deleted.delete(clock);

        CommentNode root = build(List.of(r), List.of(deleted, rejected, spam, kept, hiddenChildOfDeleted), ANON)
                .getFirst();

        assertThat(ids(root.replies())).containsExactly(kept.getId());
    }

    @Test
    void hiddenRootWithVisibleReplyIsAPlaceholderAndHiddenRootWithoutIsDropped() {
        Comment rejectedRoot = root("bob", CommentStatus.REJECTED);
        Comment visible = reply(rejectedRoot, "carol", CommentStatus.APPROVED);
        Comment spamRoot = root("dave", CommentStatus.SPAM);
        Comment deletedRoot = root("erin", CommentStatus.APPROVED);
        deletedRoot.delete(clock);

        List<CommentNode> shown = build(List.of(rejectedRoot, spamRoot, deletedRoot), List.of(visible), ANON);

        assertThat(ids(shown)).containsExactly(rejectedRoot.getId());
        assertThat(shown.getFirst().deleted()).isTrue();
        assertThat(shown.getFirst().author()).isNull();
        assertThat(shown.getFirst().replies().getFirst().replyToAuthor()).isNull();
        assertThat(shown.getFirst().replies().getFirst().deleted()).isFalse();
    }

    @Test
    void placeholdersChainUpToADeepVisibleReplyAndFlattenAtTheCap() {
        List<Comment> chain = chain(7);
        // everything but the last hidden
        for (int d = 0; d < 7; d++) {
            chain.get(d).moderate(CommentStatus.REJECTED, null);
        }
        List<CommentNode> shown = build(List.of(chain.getFirst()), chain.subList(1, chain.size()), ANON);

        CommentNode node = shown.getFirst();
        assertThat(node.deleted()).isTrue();
        for (int d = 1; d <= 4; d++) {
            node = node.replies().getFirst();
            assertThat(node.deleted()).isTrue();
        }
        assertThat(ids(node.replies())).containsExactly(chain.get(5).getId(), chain.get(6).getId(), chain.get(7).getId());
        assertThat(node.replies().get(0).deleted()).isTrue();
        assertThat(node.replies().get(1).deleted()).isTrue();
        assertThat(node.replies().get(2).deleted()).isFalse();
        assertThat(node.replies().get(2).replyToId()).isEqualTo(chain.get(6).getId());
        assertThat(node.replies()).allSatisfy(n -> assertThat(n.depth()).isEqualTo(5));
    }

    @Test
    void hiddenCommentsBeyondTheCapWithoutVisibleRepliesAreLeftOut() {
        List<Comment> chain = chain(7);
        chain.get(6).moderate(CommentStatus.REJECTED, null);
        chain.get(7).moderate(CommentStatus.SPAM, "spam");
        CommentNode four = build(List.of(chain.getFirst()), chain.subList(1, chain.size()), ANON).getFirst()
                .replies().getFirst().replies().getFirst().replies().getFirst().replies().getFirst();
        assertThat(ids(four.replies())).containsExactly(chain.get(5).getId());
    }

    @Test
    void pendingCommentsAreVisibleOnlyToTheirAuthor() {
        Comment r = root("bob", CommentStatus.APPROVED);
        Comment mine = reply(r, "alice", CommentStatus.PENDING);
        Comment others = reply(r, "carol", CommentStatus.PENDING);

        CommentNode forAlice = build(List.of(r), List.of(mine, others), ALICE).getFirst();
        assertThat(ids(forAlice.replies())).containsExactly(mine.getId());
        CommentNode own = forAlice.replies().getFirst();
        assertThat(own.pending()).isTrue();
        assertThat(own.status()).isEqualTo("PENDING");
        assertThat(own.deleted()).isFalse();
        assertThat(own.body()).isEqualTo("text by alice");

        assertThat(build(List.of(r), List.of(mine, others), ANON).getFirst().replies()).isEmpty();
        assertThat(build(List.of(r), List.of(mine, others), EDITOR).getFirst().replies())
                .as("pending comments are not shown in threads even to moderators").isEmpty();
    }

    @Test
    void pendingParentOfAVisibleReplyIsAPlaceholderForOthersButFullForItsAuthor() {
        Comment r = root("alice", CommentStatus.PENDING);
        Comment a = reply(r, "bob", CommentStatus.APPROVED);

        CommentNode forAnon = build(List.of(r), List.of(a), ANON).getFirst();
        assertThat(forAnon.deleted()).isTrue();
        assertThat(forAnon.replies().getFirst().replyToAuthor()).isNull();

        CommentNode forAlice = build(List.of(r), List.of(a), ALICE).getFirst();
        assertThat(forAlice.deleted()).isFalse();
        assertThat(forAlice.pending()).isTrue();
        assertThat(forAlice.replies().getFirst().replyToAuthor()).isEqualTo("alice");
    }

    @Test
    void deletedPendingCommentIsNotShownEvenToItsAuthor() {
        Comment r = root("alice", CommentStatus.PENDING);
        r.delete(clock);
        assertThat(build(List.of(r), List.of(), ALICE)).isEmpty();
    }

    @Test
    void visibleAuthorsAreOnlyThoseTheViewerMaySee() {
        Comment r = root("bob", CommentStatus.APPROVED);
        Comment pendingMine = reply(r, "alice", CommentStatus.PENDING);
        Comment pendingOther = reply(r, "carol", CommentStatus.PENDING);
        Comment deleted = reply(r, "dave", CommentStatus.APPROVED);
        deleted.delete(clock);
        Comment spam = reply(r, "erin", CommentStatus.SPAM);
        List<Comment> all = List.of(r, pendingMine, pendingOther, deleted, spam);

        assertThat(Threads.visibleAuthors(all, ALICE)).containsExactlyInAnyOrder("bob", "alice");
        assertThat(Threads.visibleAuthors(all, ANON)).containsExactly("bob");
    }

    @Test
    void editedFlagFollowsEdit() {
        Comment r = root("bob", CommentStatus.APPROVED);
        Instant at = clock.plusSeconds(60);
        r.edit(new Comment.Body("new", "<p>new</p>"), at);
        CommentNode node = build(List.of(r), List.of(), ANON).getFirst();
        assertThat(node.edited()).isTrue();
        assertThat(node.editedAt()).isEqualTo(at);
        assertThat(node.bodyHtml()).isEqualTo("<p>new</p>");
    }
}
