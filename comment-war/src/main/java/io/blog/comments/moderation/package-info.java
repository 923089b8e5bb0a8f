/** Moderation: the starting state of a comment, spam heuristics, the queues, actions and their audit log. */
package io.blog.comments.moderation;
