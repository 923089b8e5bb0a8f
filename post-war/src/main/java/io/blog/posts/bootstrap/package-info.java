/** Start-up work: schema migrations, the search index, then the background jobs. */
package io.blog.posts.bootstrap;
