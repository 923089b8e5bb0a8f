/** Tags with the number of published articles carrying them. */
package io.blog.posts.tag;
