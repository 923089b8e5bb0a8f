/** Comments: writing on published articles, threads with their display rules, counts, edits and deletion. */
package io.blog.comments.comment;
