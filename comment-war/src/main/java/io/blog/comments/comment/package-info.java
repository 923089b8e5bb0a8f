/** Comments: writing on published articles, threads with their display rules, who may see and moderate ({@code CommentPermissions}), counts, edits and deletion. */
package io.blog.comments.comment;
