/** Start-up work: schema migrations. */
package io.blog.comments.bootstrap;
