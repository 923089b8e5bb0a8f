package io.blog.posts.revision;

import io.blog.common.problem.ProblemException;
import io.blog.common.security.Caller;
import io.blog.posts.article.Article;
import io.blog.posts.article.ArticleRequests.ArticleInput;
import io.blog.posts.article.ArticleService;
import io.blog.posts.article.ArticleViews.ArticleView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.List;

/** Revision history of an article, for those who may edit it. */
@Path("{slug}/revisions")
@Produces(MediaType.APPLICATION_JSON)
public class RevisionResource {

    @Inject
    ArticleService articles;

    @Inject
    Revisions revisions;

    @Context
    SecurityContext security;

    public record RevisionSummary(int number, String title, List<String> tags, Instant createdAt, String createdBy) {
    }

    public record RevisionDetail(int number, String title, String summary, String body, List<String> tags,
                                 Instant createdAt, String createdBy) {
    }

    public record RevisionList(List<RevisionSummary> items) {
    }

    @GET
    public RevisionList list(@PathParam("slug") String slug) {
        Article article = articles.editable(slug, Caller.signedIn(security));
        return new RevisionList(revisions.list(article.getId()).stream()
                .map(r -> new RevisionSummary(r.getNumber(), r.getTitle(), r.getTags(), r.getCreatedAt(), r.getCreatedBy()))
                .toList());
    }

    @GET
    @Path("{number}")
    public RevisionDetail get(@PathParam("slug") String slug, @PathParam("number") int number) {
        Revision r = revision(slug, number);
        return new RevisionDetail(r.getNumber(), r.getTitle(), r.getSummary(), r.getBodyMarkdown(), r.getTags(),
                r.getCreatedAt(), r.getCreatedBy());
    }

    /** Restoring is a new save with the old title, body and tags; history is never rewritten. */
    @POST
    @Path("{number}/restore")
    public ArticleView restore(@PathParam("slug") String slug, @PathParam("number") int number) {
        Caller caller = Caller.signedIn(security);
        Article article = articles.editable(slug, caller);
        Revision r = revisions.findForWrite(article.getId(), number)
                .orElseThrow(() -> ProblemException.notFound("No revision " + number + " of '" + slug + "'."));
        ArticleInput input = new ArticleInput(r.getTitle(), r.getBodyMarkdown(), r.getTags(), article.getStatus(),
                article.getPublishAt(), article.getCoverImageUrl(), r.getSummary(), article.getVersion());
        return articles.update(slug, input, article.getVersion(), caller);
    }

    private Revision revision(String slug, int number) {
        Article article = articles.editable(slug, Caller.signedIn(security));
        return revisions.find(article.getId(), number)
                .orElseThrow(() -> ProblemException.notFound("No revision " + number + " of '" + slug + "'."));
    }
}
