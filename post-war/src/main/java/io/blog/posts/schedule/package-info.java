/** Background work: publishing scheduled articles, flushing view counts, purging the trash. */
package io.blog.posts.schedule;
