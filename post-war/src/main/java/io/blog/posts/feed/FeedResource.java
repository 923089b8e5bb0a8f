package io.blog.posts.feed;

import io.blog.common.http.EdgeCacheable;
import io.blog.common.paging.CursorPage;
import io.blog.posts.article.ArticleService;
import io.blog.posts.article.ArticleViews.ArticleSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RSS 2.0, Atom and the sitemap. Links are absolute, built from the configured public base URL
 * (the address readers use), never from the request, which may come through internal hops.
 */
@Path("/")
@EdgeCacheable
public class FeedResource {

    private static final int FEED_ITEMS = 20;
    private static final int SITEMAP_PAGE = 50;
    private static final int SITEMAP_MAX = 5000;

    @Inject
    ArticleService articles;

    @Inject
    FeedWriter writer;

    @Inject
    @ConfigProperty(name = "blog.public.base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    @Context
    Request request;

    @GET
    @Path("feed.rss")
    @Produces("application/rss+xml; charset=UTF-8")
    public Response rss(@QueryParam("tag") String tag, @QueryParam("author") String author) {
        List<ArticleSummary> items = latest(tag, author);
        return conditional(items, writer.rss(channel(tag, author, "/rss.xml", items), entries(items)));
    }

    @GET
    @Path("feed.atom")
    @Produces("application/atom+xml; charset=UTF-8")
    public Response atom(@QueryParam("tag") String tag, @QueryParam("author") String author) {
        List<ArticleSummary> items = latest(tag, author);
        return conditional(items, writer.atom(channel(tag, author, "/atom.xml", items), entries(items)));
    }

    @GET
    @Path("sitemap.xml")
    @Produces("application/xml; charset=UTF-8")
    public Response sitemap() {
        List<FeedWriter.SitemapUrl> urls = new ArrayList<>();
        urls.add(new FeedWriter.SitemapUrl(site() + "/", null));
        List<ArticleSummary> all = new ArrayList<>();
        String cursor = null;
        do {
            CursorPage<ArticleSummary> page = articles.list(null, null, SITEMAP_PAGE, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < SITEMAP_MAX);
        all.forEach(a -> urls.add(new FeedWriter.SitemapUrl(articleUrl(a), a.updatedAt())));
        return conditional(all, writer.sitemap(urls));
    }

    private List<ArticleSummary> latest(String tag, String author) {
        return articles.list(tag, author, FEED_ITEMS, null).items();
    }

    private FeedWriter.FeedChannel channel(String tag, String author, String selfPath, List<ArticleSummary> items) {
        StringBuilder query = new StringBuilder();
        String title = "Blog";
        if (tag != null && !tag.isBlank()) {
            query.append(query.isEmpty() ? "?" : "&").append("tag=").append(encode(tag));
            title += " · #" + tag;
        }
        if (author != null && !author.isBlank()) {
            query.append(query.isEmpty() ? "?" : "&").append("author=").append(encode(author));
            title += " · " + author;
        }
        Instant updated = items.stream().map(ArticleSummary::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        return new FeedWriter.FeedChannel(title, site() + "/", site() + selfPath + query, "Latest articles", updated);
    }

    private List<FeedWriter.FeedEntry> entries(List<ArticleSummary> items) {
        // The entry id is the article id, not its URL: a renamed article stays the same entry for feed readers.
        return items.stream().map(a -> new FeedWriter.FeedEntry(a.id(), a.title(), articleUrl(a), a.summary(),
                a.author().displayName() != null ? a.author().displayName() : a.author().username(),
                a.publishedAt(), a.updatedAt(), a.tags())).toList();
    }

    private String articleUrl(ArticleSummary a) {
        return site() + "/posts/" + encode(a.slug());
    }

    private String site() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private Response conditional(List<ArticleSummary> items, String xml) {
        EntityTag etag = new EntityTag(Integer.toHexString(xml.hashCode()), true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        return (notModified != null ? notModified : Response.ok(xml)).tag(etag).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
