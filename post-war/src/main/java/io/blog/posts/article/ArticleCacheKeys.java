package io.blog.posts.article;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Names of the cached entries an article change can affect, so eviction is exact (no key scans). */
final class ArticleCacheKeys {

    static final String ARTICLE_CACHE = "article";
    static final String LIST_CACHE = "list";
    static final String TAGS_KEY = "posts:tags";
    private static final String ANY = "*";

    private ArticleCacheKeys() {
    }

    static String article(String slug) {
        return "posts:article:" + slug;
    }

    static String firstPage(String tag, String author) {
        return "posts:list:" + (tag == null ? ANY : tag) + ":" + (author == null ? ANY : author);
    }

    /** Every key whose content may differ after a change to an article with these slugs, tags and author. */
    static String[] affectedBy(Collection<String> slugs, Collection<String> tags, String author) {
        Set<String> keys = new LinkedHashSet<>();
        slugs.forEach(s -> keys.add(article(s)));
        keys.add(firstPage(null, null));
        keys.add(firstPage(null, author));
        for (String tag : tags) {
            keys.add(firstPage(tag, null));
            keys.add(firstPage(tag, author));
        }
        keys.add(TAGS_KEY);
        return keys.toArray(String[]::new);
    }
}
