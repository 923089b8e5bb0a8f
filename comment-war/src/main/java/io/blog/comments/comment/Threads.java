package io.blog.comments.comment;

import io.blog.common.profile.AuthorProfile;
import io.blog.comments.comment.CommentViews.CommentNode;
import io.blog.common.security.Caller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds what a viewer sees of a page of threads from its roots and all their replies.
 * <ul>
 *   <li>A comment the viewer may not see appears only if something below it is visible, as a
 *   placeholder, so the thread keeps its shape; otherwise it is left out entirely.</li>
 *   <li>Nesting stops at {@link CommentViews#MAX_DISPLAY_DEPTH}: deeper replies follow the comment
 *   they answer in the same list, each naming it in {@code replyToId}/{@code replyToAuthor}.</li>
 *   <li>Replies are in the order they were written.</li>
 * </ul>
 */
final class Threads {

    private final Caller viewer;
    private final Map<String, AuthorProfile> profiles;
    private final Map<String, Comment> byId = new HashMap<>();
    private final Map<String, List<Comment>> children;

    private Threads(List<Comment> roots, List<Comment> replies, Caller viewer, Map<String, AuthorProfile> profiles) {
        this.viewer = viewer;
        this.profiles = profiles;
        roots.forEach(c -> byId.put(c.getId(), c));
        replies.forEach(c -> byId.put(c.getId(), c));
        // Replies arrive oldest first; grouping keeps that order within each parent.
        this.children = replies.stream().collect(Collectors.groupingBy(Comment::getParentId));
    }

    /** The usernames whose profiles a page shows: authors of the comments the viewer may see. */
    static Set<String> visibleAuthors(Collection<Comment> comments, Caller viewer) {
        return comments.stream().filter(c -> CommentPermissions.maySee(viewer, c)).map(Comment::getAuthor).collect(Collectors.toSet());
    }

    static List<CommentNode> build(List<Comment> roots, List<Comment> replies, Caller viewer,
                                   Map<String, AuthorProfile> profiles) {
        Threads threads = new Threads(roots, replies, viewer, profiles);
        List<CommentNode> shown = new ArrayList<>();
        roots.forEach(root -> shown.addAll(threads.render(root)));
        return shown;
    }

    /**
     * What {@code comment} adds to its parent's list of replies: nothing, itself with its replies
     * nested, or, at the deepest level, itself followed by everything below it.
     */
    private List<CommentNode> render(Comment comment) {
        List<CommentNode> below = new ArrayList<>();
        for (Comment child : children.getOrDefault(comment.getId(), List.of())) {
            below.addAll(render(child));
        }
        boolean shown = CommentPermissions.maySee(viewer, comment) || !below.isEmpty();
        Comment parent = comment.getParentId() == null ? null : byId.get(comment.getParentId());
        if (comment.getDepth() < CommentViews.MAX_DISPLAY_DEPTH) {
            return shown ? List.of(CommentViews.node(comment, parent, viewer, profiles, below)) : List.of();
        }
        List<CommentNode> flattened = new ArrayList<>();
        if (shown) {
            flattened.add(CommentViews.node(comment, parent, viewer, profiles, List.of()));
        }
        flattened.addAll(below);
        return flattened;
    }
}
