/** Plumbing shared by the REST clients that call user-war and post-war. */
package io.blog.comments.http;
