/** View counts: counted in Redis per view, written to the database in periodic batches. */
package io.blog.posts.view;
