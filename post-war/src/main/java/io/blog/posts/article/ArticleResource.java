package io.blog.posts.article;

import io.blog.common.http.EdgeCacheable;
import io.blog.common.paging.CursorPage;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Caller;
import io.blog.posts.article.ArticleRequests.ArticleInput;
import io.blog.posts.article.ArticleViews.ArticleSummary;
import io.blog.posts.article.ArticleViews.ArticleView;
import io.blog.posts.article.ArticleViews.Preview;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;

/** Articles: write, read, list. Thin: validation and HTTP semantics here, rules in {@link ArticleService}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ArticleResource {

    @Inject
    ArticleService service;

    private static final int SLUG_ATTEMPTS = 10;

    @Context
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @POST
    public Response create(@Valid @NotNull(message = "a JSON body is required") ArticleInput input) {
        Caller caller = Caller.signedIn(security);
        ArticleView created = createPickingAFreeSlug(input, caller);
        return Response.created(uriInfo.getBaseUriBuilder().path(created.slug()).build())
                .tag(etag(created)).entity(created).build();
    }

    /**
     * Two articles of one title created at the same moment can pick the same free slug; the second
     * insert is refused and its transaction lost, so it is tried again in a new one, which sees the
     * first article and picks the next slug. Each refusal means another article of the title was
     * committed meanwhile, so N creators at once need at most N attempts: the bound allows ten.
     */
    private ArticleView createPickingAFreeSlug(ArticleInput input, Caller caller) {
        for (int attempt = 1; ; attempt++) {
            try {
                return service.create(input, caller);
            } catch (SlugTakenException e) {
                if (attempt == SLUG_ATTEMPTS) {
                    throw ProblemException.conflict("Many articles of this title were created at once; try again.");
                }
            }
        }
    }

    @GET
    @EdgeCacheable
    public Response list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                         @QueryParam("tag") String tag, @QueryParam("author") String author) {
        CursorPage<ArticleSummary> page = service.list(tag, author, limit, cursor);
        EntityTag etag = new EntityTag(Integer.toHexString(fingerprint(page)), true);
        return conditional(etag, page, null);
    }

    @GET
    @Path("titles")
    @EdgeCacheable
    public Response titles(@QueryParam("slugs") String slugs) {
        return Response.ok(service.titles(slugs)).build();
    }

    @GET
    @Path("mine")
    public CursorPage<ArticleSummary> mine(@QueryParam("status") String status, @QueryParam("limit") Integer limit,
                                           @QueryParam("cursor") String cursor) {
        ArticleStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = ArticleStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be DRAFT, SCHEDULED or PUBLISHED");
            }
        }
        return service.mine(Caller.signedIn(security), wanted, limit, cursor);
    }

    @POST
    @Path("preview")
    public Preview preview(@Valid @NotNull(message = "a JSON body is required") ArticleRequests.PreviewInput input) {
        Caller caller = Caller.signedIn(security);
        if (!ArticlePermissions.mayWrite(caller)) {
            throw ProblemException.forbidden("Only authors, editors and administrators can preview articles.");
        }
        return service.preview(input.body(), caller);
    }

    /**
     * One article. An old slug answers 301 to the current one; drafts are 404 for anyone who
     * may not edit them, so their existence does not leak.
     */
    @GET
    @Path("{slug: [^/.]+}")
    @EdgeCacheable
    public Response get(@PathParam("slug") String slug) {
        Caller caller = Caller.of(security);
        return service.find(slug, caller)
                .map(view -> conditional(etag(view), view, view.status() == ArticleStatus.PUBLISHED ? null : privateNoStore()))
                .orElseGet(() -> service.currentSlugFor(slug, caller)
                        .map(current -> Response.status(Response.Status.MOVED_PERMANENTLY)
                                .location(uriInfo.getBaseUriBuilder().path(current).build()).build())
                        .orElseThrow(() -> ProblemException.notFound("No article '" + slug + "'.")));
    }

    /** Previous/next navigation for the article page; only published articles have neighbours. */
    @GET
    @Path("{slug: [^/.]+}/neighbours")
    @EdgeCacheable
    public Response neighbours(@PathParam("slug") String slug) {
        return service.neighbours(slug)
                .map(found -> Response.ok(found).build())
                .orElseThrow(() -> ProblemException.notFound("No published article '" + slug + "'."));
    }

    @PUT
    @Path("{slug: [^/.]+}")
    public Response update(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull(message = "a JSON body is required") ArticleInput input) {
        ArticleView updated = service.update(slug, input, versionFrom(ifMatch), Caller.signedIn(security));
        return Response.ok(updated).tag(etag(updated)).build();
    }

    @DELETE
    @Path("{slug: [^/.]+}")
    public Response delete(@PathParam("slug") String slug) {
        service.delete(slug, Caller.signedIn(security));
        return Response.noContent().build();
    }

    @POST
    @Path("{slug: [^/.]+}/restore")
    public ArticleView restore(@PathParam("slug") String slug) {
        return service.restore(slug, Caller.signedIn(security));
    }

    /**
     * Answers 304 when the caller's copy is current. Signed-in callers may get more (the Markdown
     * source, their drafts): {@link EdgeCacheable} keeps their answers out of shared caches, and
     * {@code cache} (when not null) overrides that for an answer that must never be stored.
     */
    private Response conditional(EntityTag etag, Object body, CacheControl cache) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(body);
        return answer.tag(etag).cacheControl(cache).header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
    }

    /** The ETag is the version: view counts change without changing the article, hence a weak tag. */
    static EntityTag etag(ArticleView view) {
        return new EntityTag(view.id() + "-" + view.version(), true);
    }

    /** If-Match carries an ETag ("id-version", weak or strong) or a bare version number. */
    static Long versionFrom(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        int dash = value.lastIndexOf('-');
        try {
            return Long.parseLong(dash >= 0 ? value.substring(dash + 1) : value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be the article's ETag or version.");
        }
    }

    private static int fingerprint(CursorPage<ArticleSummary> page) {
        int hash = page.nextCursor() == null ? 0 : page.nextCursor().hashCode();
        for (ArticleSummary item : page.items()) {
            hash = 31 * hash + (item.id() + ":" + item.version() + ":" + item.author()).hashCode();
        }
        return hash;
    }

    private static CacheControl privateNoStore() {
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setNoStore(true);
        return cache;
    }
}
