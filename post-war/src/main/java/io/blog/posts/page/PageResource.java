package io.blog.posts.page;

import io.blog.common.http.EdgeCacheable;
import io.blog.common.problem.ProblemException;
import io.blog.posts.page.PageService.ArticleLookup;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The public pages as HTML. The gateway (and the one-command run's front end) sends
 * {@code /}, {@code /posts/*}, {@code /tags/*}, {@code /authors/*} and {@code /search} here, under
 * {@code /pages}. Pages are anonymous, so the gateway may keep them exactly like the API's public
 * reads ({@link EdgeCacheable}). A failure is a page with the right status, never a JSON problem.
 * They are web pages, not API: the OpenAPI document (the JSON API's contract, which the fuzzer and
 * the authorization matrix are checked against) leaves them out; PagesIT covers them.
 */
@Path("pages")
@Produces(PageResource.HTML)
@EdgeCacheable
public class PageResource {

    static final String HTML = "text/html; charset=UTF-8";

    @Inject
    PageService pages;

    @Inject
    PageTemplates templates;

    @Context
    Request request;

    @GET
    @Operation(hidden = true)
    @Path("home")
    public Response home(@QueryParam("lang") String lang, @QueryParam("cursor") String cursor) {
        PageLanguage language = PageLanguage.of(lang);
        return page(language, "/", () -> ok(language, "list.jte", pages.home(language, cursor)));
    }

    @GET
    @Operation(hidden = true)
    @Path("posts/{slug}")
    public Response article(@PathParam("slug") String slug, @QueryParam("lang") String lang) {
        PageLanguage language = PageLanguage.of(lang);
        return page(language, "/posts/" + PageLinks.segment(slug), () -> switch (pages.article(language, slug)) {
            case ArticleLookup.Found found -> ok(language, "article.jte", found.page());
            case ArticleLookup.Moved moved -> Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(moved.location())).build();
            case ArticleLookup.Gone gone -> html(language, Response.Status.GONE, templates.render("status.jte", gone.page()));
            case ArticleLookup.Missing missing -> html(language, Response.Status.NOT_FOUND, templates.render("status.jte", missing.page()));
        });
    }

    @GET
    @Operation(hidden = true)
    @Path("tags/{tag}")
    public Response tag(@PathParam("tag") String tag, @QueryParam("lang") String lang, @QueryParam("cursor") String cursor) {
        PageLanguage language = PageLanguage.of(lang);
        return page(language, "/tags/" + PageLinks.segment(tag), () -> ok(language, "list.jte", pages.tag(language, tag, cursor)));
    }

    @GET
    @Operation(hidden = true)
    @Path("authors/{username}")
    public Response author(@PathParam("username") String username, @QueryParam("lang") String lang,
                           @QueryParam("cursor") String cursor) {
        PageLanguage language = PageLanguage.of(lang);
        String path = "/authors/" + PageLinks.segment(username);
        return page(language, path, () -> pages.author(language, username, cursor)
                .map(found -> ok(language, "list.jte", found))
                .orElseGet(() -> html(language, Response.Status.NOT_FOUND, templates.render("status.jte", pages.notFound(language, path)))));
    }

    @GET
    @Operation(hidden = true)
    @Path("search")
    public Response search(@QueryParam("lang") String lang, @QueryParam("q") String query, @QueryParam("page") Integer page) {
        PageLanguage language = PageLanguage.of(lang);
        return page(language, "/search", () -> ok(language, "search.jte", pages.search(language, query, page)));
    }

    /** Any other address under a page prefix (/posts/ alone, /tags/a/b) is a page that does not exist. */
    @GET
    @Operation(hidden = true)
    @Path("{rest: .*}")
    public Response unknown(@PathParam("rest") String rest, @QueryParam("lang") String lang) {
        PageLanguage language = PageLanguage.of(lang);
        return html(language, Response.Status.NOT_FOUND, templates.render("status.jte", pages.notFound(language, "/" + rest)));
    }

    /** Renders, and turns a refused input (a malformed cursor, an invalid tag) into a status page. */
    private Response page(PageLanguage language, String path, Supplier<Response> render) {
        try {
            return render.get();
        } catch (ProblemException e) {
            if (e.status() >= 500) {
                throw e;
            }
            String kind = e.status() == 404 ? "notFound" : "badRequest";
            return html(language, Response.Status.fromStatusCode(e.status()),
                    templates.render("status.jte", pages.status(language, path, kind)));
        }
    }

    private Response ok(PageLanguage language, String template, Object model) {
        String html = templates.render(template, model);
        // A browser or the gateway revalidating an unchanged page gets a 304 and no body.
        EntityTag etag = new EntityTag(Integer.toHexString(html.hashCode()), true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        return (notModified != null ? notModified : Response.ok(html, HTML)).tag(etag)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag()).build();
    }

    private static Response html(PageLanguage language, Response.Status status, String body) {
        return Response.status(status).type(HTML).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag()).entity(body).build();
    }
}
