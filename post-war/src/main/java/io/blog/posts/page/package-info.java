/**
 * Server-rendered public pages — home, article, tag, author and search — as finished HTML with
 * their own title, description, canonical address, Open Graph and Twitter tags and JSON-LD, so
 * crawlers and link previews that run no script read the real content. The front end's script
 * takes over in the browser. Templates are jte, compiled to Java at build time (src/main/jte).
 */
package io.blog.posts.page;
