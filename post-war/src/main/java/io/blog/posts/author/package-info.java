/** Author display data from user-war, fetched in batches with fault tolerance and cached briefly. */
package io.blog.posts.author;
