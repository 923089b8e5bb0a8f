package io.blog.posts.page;

import io.blog.common.paging.CursorPage;
import io.blog.common.profile.AuthorProfile;
import io.blog.common.profile.AuthorProfiles;
import io.blog.common.profile.UsersClient;
import io.blog.common.security.Caller;
import io.blog.posts.article.ArticleService;
import io.blog.posts.article.ArticleViews.ArticleSummary;
import io.blog.posts.article.ArticleViews.ArticleView;
import io.blog.posts.media.CoverImage;
import io.blog.posts.page.PageModels.Alternate;
import io.blog.posts.page.PageModels.ArticleMeta;
import io.blog.posts.page.PageModels.ArticlePage;
import io.blog.posts.page.PageModels.Author;
import io.blog.posts.page.PageModels.Head;
import io.blog.posts.page.PageModels.ListPage;
import io.blog.posts.page.PageModels.Page;
import io.blog.posts.page.PageModels.SearchPage;
import io.blog.posts.page.PageModels.ShareLink;
import io.blog.posts.page.PageModels.StatusPage;
import io.blog.posts.page.StructuredData.Crumb;
import io.blog.posts.search.SearchResults;
import io.blog.posts.search.SearchService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up what each public page shows, as an anonymous reader sees it, and describes it for
 * crawlers. Pages never depend on who asks: they are the same for everyone, so the gateway may
 * keep them; a signed-in reader's own view (drafts, edit buttons) is drawn by the front end.
 */
@ApplicationScoped
public class PageService {

    static final int LIST_SIZE = 10;
    static final int SEARCH_SIZE = 10;
    private static final int POPULAR_TAGS = 20;
    private static final String DEFAULT_IMAGE = "/favicon.svg";

    @Inject
    ArticleService articles;

    @Inject
    SearchService search;

    @Inject
    AuthorProfiles users;

    @Inject
    @ConfigProperty(name = "blog.public.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    /** The article page, or why there is none. */
    public sealed interface ArticleLookup {
        record Found(ArticlePage page) implements ArticleLookup { }
        record Moved(String location) implements ArticleLookup { }
        record Gone(StatusPage page) implements ArticleLookup { }
        record Missing(StatusPage page) implements ArticleLookup { }
    }

    public ArticleLookup article(PageLanguage lang, String slug) {
        PageLinks links = PageLinks.of(baseUrl, lang);
        Optional<ArticleView> found = articles.find(slug, Caller.ANONYMOUS);
        if (found.isEmpty()) {
            Optional<String> moved = articles.currentSlugFor(slug, Caller.ANONYMOUS);
            if (moved.isPresent()) {
                return new ArticleLookup.Moved(links.absolute(links.post(moved.get())));
            }
            return articles.wasDeleted(slug)
                    ? new ArticleLookup.Gone(status(lang, "/posts/" + PageLinks.segment(slug), "gone"))
                    : new ArticleLookup.Missing(notFound(lang, "/posts/" + PageLinks.segment(slug)));
        }
        ArticleView a = found.get();
        Author author = author(a.author(), profile(a.author().username()));
        String path = "/posts/" + PageLinks.segment(a.slug());
        String canonical = links.absolute(links.post(a.slug()));
        String authorUrl = links.absolute(links.author(author.username()));
        CoverImage cover = CoverImage.of(a.coverImageUrl());
        String image = cover != null ? links.absolute(cover.largest()) : null;
        List<String> jsonLd = List.of(
                StructuredData.blogPosting(canonical, a.title(), a.summary(), image, a.publishedAt(), a.updatedAt(),
                        author.name(), authorUrl, a.tags(), links.absolute(links.home()), lang.tag()),
                StructuredData.breadcrumbs(crumbs(lang, links, a.tags().isEmpty() ? null : a.tags().getFirst(),
                        new Crumb(a.title(), canonical))));
        Head head = new Head(a.title(), a.summary(), canonical, "article", image != null ? image : links.absolute(DEFAULT_IMAGE),
                alternates(path, null), jsonLd, true,
                new ArticleMeta(a.publishedAt(), a.updatedAt(), authorUrl, a.tags()));
        // Wide code blocks scroll sideways; keyboard users must be able to focus them to scroll.
        String body = a.bodyHtml().replace("<pre>", "<pre tabindex=\"0\">");
        return new ArticleLookup.Found(new ArticlePage(page(lang, links, head, path, null), a, cover, body, author,
                articles.neighbours(a.slug()).orElse(null), share(lang, canonical, a.title())));
    }

    public ListPage home(PageLanguage lang, String cursor) {
        PageLinks links = PageLinks.of(baseUrl, lang);
        CursorPage<ArticleSummary> list = articles.list(null, null, LIST_SIZE, cursor);
        String description = lang.t("site.description");
        String title = cursor == null ? StructuredData.SITE_NAME : lang.t("home.title") + " · " + StructuredData.SITE_NAME;
        String query = cursorQuery(cursor);
        Head head = new Head(title, description, links.absolute(links.withLang("/", query)), "website",
                links.absolute(DEFAULT_IMAGE), alternates("/", query),
                List.of(StructuredData.webSite(links.absolute("/"), description, lang.tag())), true, null);
        List<String> popular = cursor == null ? popularTags() : List.of();
        return new ListPage(page(lang, links, head, "/", query), lang.t("home.title"), null, null, null, list.items(),
                older(links, "/", list), cursor == null ? null : links.home(), popular);
    }

    public ListPage tag(PageLanguage lang, String tag, String cursor) {
        PageLinks links = PageLinks.of(baseUrl, lang);
        CursorPage<ArticleSummary> list = articles.list(tag, null, LIST_SIZE, cursor);
        String path = "/tags/" + PageLinks.segment(tag);
        String query = cursorQuery(cursor);
        String canonical = links.absolute(links.withLang(path, query));
        String description = lang.t("tag.description", "tag", tag);
        Head head = new Head("#" + tag, description, canonical, "website", links.absolute(DEFAULT_IMAGE),
                alternates(path, query), List.of(StructuredData.collection("CollectionPage", canonical, "#" + tag, description),
                StructuredData.breadcrumbs(crumbs(lang, links, null, new Crumb("#" + tag, canonical)))),
                !list.items().isEmpty(), null);
        return new ListPage(page(lang, links, head, path, query), lang.t("tag.title", "tag", tag),
                "/rss.xml?tag=" + PageLinks.segment(tag), lang.t("tag.feed"), null, list.items(),
                older(links, path, list), cursor == null ? null : links.tag(tag), List.of());
    }

    /** An author's page; empty when nobody of that name exists or has published. */
    public Optional<ListPage> author(PageLanguage lang, String username, String cursor) {
        PageLinks links = PageLinks.of(baseUrl, lang);
        Optional<UsersClient.Profile> profile = profile(username);
        CursorPage<ArticleSummary> list = articles.list(null, username, LIST_SIZE, cursor);
        if (profile.isEmpty() && list.items().isEmpty()) {
            return Optional.empty();
        }
        Author author = author(list.items().isEmpty() ? AuthorProfile.unresolved(username) : list.items().getFirst().author(),
                profile);
        String path = "/authors/" + PageLinks.segment(author.username());
        String query = cursorQuery(cursor);
        String canonical = links.absolute(links.withLang(path, query));
        String description = author.bio() != null && !author.bio().isBlank() ? author.bio()
                : lang.t("author.description", "name", author.name());
        Head head = new Head(author.name(), description, canonical, "profile",
                author.avatarUrl() != null ? links.absolute(author.avatarUrl()) : links.absolute(DEFAULT_IMAGE),
                alternates(path, query), List.of(StructuredData.collection("ProfilePage", canonical, author.name(), description),
                StructuredData.breadcrumbs(crumbs(lang, links, null, new Crumb(author.name(), canonical)))), true, null);
        return Optional.of(new ListPage(page(lang, links, head, path, query), author.name(),
                "/rss.xml?author=" + PageLinks.segment(author.username()), null, author, list.items(),
                older(links, path, list), cursor == null ? null : links.author(author.username()), List.of()));
    }

    /** The search page: the form, and the first results when there is a query. Never indexed. */
    public SearchPage search(PageLanguage lang, String query, Integer pageNumber) {
        PageLinks links = PageLinks.of(baseUrl, lang);
        String q = query == null ? "" : query.strip();
        SearchResults results = q.isEmpty() ? null : search.search(q, null, null, pageNumber, SEARCH_SIZE);
        String title = q.isEmpty() ? lang.t("search.title") : lang.t("search.titleFor", "q", q);
        String encoded = q.isEmpty() ? null : "q=" + PageLinks.segment(q);
        Head head = new Head(title, lang.t("site.description"), links.absolute(links.withLang("/search", encoded)), "website",
                links.absolute(DEFAULT_IMAGE), alternates("/search", encoded), List.of(), false, null);
        String count = null;
        String more = null;
        if (results != null) {
            count = results.totalExact() ? lang.count("search.count", results.total())
                    : lang.t("search.countAtLeast", "n", results.total());
            if ((long) (results.page() + 1) * results.size() < results.total()) {
                more = links.withLang("/search", encoded + "&page=" + (results.page() + 1));
            }
        }
        return new SearchPage(page(lang, links, head, "/search", encoded), q, results, count, more);
    }

    public StatusPage notFound(PageLanguage lang, String path) {
        return status(lang, path, "notFound");
    }

    public StatusPage status(PageLanguage lang, String path, String kind) {
        PageLinks links = PageLinks.of(baseUrl, lang);
        Head head = new Head(lang.t(kind + ".title"), lang.t(kind + ".text"), links.absolute(links.withLang(path, null)),
                "website", links.absolute(DEFAULT_IMAGE), List.of(), List.of(), false, null);
        return new StatusPage(page(lang, links, head, path, null), lang.t(kind + ".title"), lang.t(kind + ".text"));
    }

    private Page page(PageLanguage lang, PageLinks links, Head head, String path, String query) {
        return new Page(lang, links, head, PageLinks.of(links.base(), lang.other()).withLang(path, query));
    }

    /** Every page exists in both languages of the interface; x-default is the English one. */
    private List<Alternate> alternates(String path, String query) {
        PageLinks en = PageLinks.of(baseUrl, PageLanguage.EN);
        PageLinks zh = PageLinks.of(baseUrl, PageLanguage.ZH_CN);
        String english = en.absolute(en.withLang(path, query));
        return List.of(new Alternate(PageLanguage.EN.tag(), english),
                new Alternate(PageLanguage.ZH_CN.tag(), zh.absolute(zh.withLang(path, query))),
                new Alternate("x-default", english));
    }

    private static List<Crumb> crumbs(PageLanguage lang, PageLinks links, String tag, Crumb last) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(lang.t("nav.home"), links.absolute(links.home())));
        if (tag != null) {
            crumbs.add(new Crumb("#" + tag, links.absolute(links.tag(tag))));
        }
        crumbs.add(last);
        return crumbs;
    }

    private static List<ShareLink> share(PageLanguage lang, String url, String title) {
        String u = PageLinks.segment(url);
        String t = PageLinks.segment(title);
        return List.of(
                new ShareLink("X", "https://x.com/intent/post?url=" + u + "&text=" + t),
                new ShareLink("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + u),
                new ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u),
                new ShareLink("Weibo", "https://service.weibo.com/share/share.php?url=" + u + "&title=" + t),
                new ShareLink(lang.t("article.shareEmail"), "mailto:?subject=" + t + "&body=" + u));
    }

    private static String older(PageLinks links, String path, CursorPage<ArticleSummary> list) {
        return list.nextCursor() == null ? null : links.withLang(path, cursorQuery(list.nextCursor()));
    }

    private static String cursorQuery(String cursor) {
        return cursor == null || cursor.isBlank() ? null : "cursor=" + PageLinks.segment(cursor);
    }

    private List<String> popularTags() {
        return articles.tagCounts().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(POPULAR_TAGS).map(Map.Entry::getKey).toList();
    }

    private Optional<UsersClient.Profile> profile(String username) {
        return users.profile(username);
    }

    private static Author author(AuthorProfile known, Optional<UsersClient.Profile> profile) {
        String username = known.username();
        String display = profile.map(UsersClient.Profile::displayName).orElse(known.displayName());
        return new Author(username, display != null && !display.isBlank() ? display : username,
                profile.map(UsersClient.Profile::avatarUrl).orElse(known.avatarUrl()),
                profile.map(UsersClient.Profile::bio).orElse(null),
                profile.map(UsersClient.Profile::createdAt).orElse(null));
    }
}
