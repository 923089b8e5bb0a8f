package io.blog.posts.article;

/**
 * The slug picked for a new article was taken between the check and the insert, by an article of
 * the same title created at the same moment: the database's unique key refused the second insert.
 * The transaction is lost; a new one picks the next free slug.
 */
class SlugTakenException extends RuntimeException {

    SlugTakenException(String slug, Throwable cause) {
        super("slug " + slug + " was taken by a concurrent insert", cause);
    }
}
