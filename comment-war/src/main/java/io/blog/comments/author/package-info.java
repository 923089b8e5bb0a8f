/** Commenter display data from user-war, fetched once per page with fault tolerance and cached briefly. */
package io.blog.comments.author;
