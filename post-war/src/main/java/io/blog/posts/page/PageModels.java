package io.blog.posts.page;

import io.blog.common.json.Timestamps;
import io.blog.common.profile.AuthorProfile;
import io.blog.posts.article.ArticleViews.ArticleSummary;
import io.blog.posts.article.ArticleViews.ArticleView;
import io.blog.posts.article.ArticleViews.Neighbours;
import io.blog.posts.markdown.HtmlText;
import io.blog.posts.media.CoverImage;
import io.blog.posts.search.SearchResults;

import java.time.Instant;
import java.util.List;

/** What the templates in src/main/jte are given: plain records, everything already looked up. */
public final class PageModels {

    private PageModels() {
    }

    /** How a list shows an author: the display name, else the username. */
    public static String name(AuthorProfile author) {
        return author.displayName() != null && !author.displayName().isBlank() ? author.displayName() : author.username();
    }

    public static String iso(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }

    /**
     * A search highlight as HTML: the fragment is escaped whole, then only the index's own bare
     * {@code <mark>} tags are let through again (the front end's dom.js does the same).
     */
    public static String highlighted(String fragment) {
        return HtmlText.escape(fragment).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>");
    }

    /** The {@code <head>} of a page: what crawlers and link previews read. */
    public record Head(String title, String description, String canonical, String ogType, String image,
                       List<Alternate> alternates, List<String> jsonLd, boolean indexable, ArticleMeta article) {
    }

    /** The same page in another language ({@code hreflang}). */
    public record Alternate(String hreflang, String href) {
    }

    /** Open Graph's article properties. */
    public record ArticleMeta(Instant publishedTime, Instant modifiedTime, String authorUrl, List<String> tags) {
    }

    /** Every page: its language, links in that language, its head. */
    public record Page(PageLanguage lang, PageLinks links, Head head, String otherLanguageHref) {
    }

    public record Author(String username, String name, String avatarUrl, String bio, Instant joined) {
    }

    public record ShareLink(String label, String href) {
    }

    /** {@code body} is the article's sanitized HTML, its code blocks made keyboard-scrollable. */
    public record ArticlePage(Page page, ArticleView article, CoverImage cover, String body, Author author,
                              Neighbours neighbours, List<ShareLink> share) {
    }

    /** Home, a tag or an author: a heading, an optional profile, one page of articles. */
    public record ListPage(Page page, String heading, String feedHref, String feedLabel, Author profile,
                           List<ArticleSummary> items, String olderHref, String newestHref, List<String> popularTags) {
    }

    public record SearchPage(Page page, String query, SearchResults results, String countText, String moreHref) {
    }

    /** 400, 404 or 410, as a page a reader can go on from. */
    public record StatusPage(Page page, String heading, String text) {
    }
}
