package io.blog.comments.moderation;

import io.blog.comments.comment.CommentStatus;
import io.blog.comments.moderation.ModerationViews.AuditRecord;
import io.blog.comments.moderation.ModerationViews.ModerationItem;
import io.blog.comments.moderation.ModerationViews.Outcome;
import io.blog.common.paging.CursorPage;
import io.blog.common.paging.Keyset;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Caller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Locale;

/** The moderation queue, moderation actions and their audit. Rules in {@link ModerationService}. */
@Path("moderation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModerationResource {

    @Inject
    ModerationService service;

    @Context
    SecurityContext security;

    @GET
    public CursorPage<ModerationItem> queue(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                                            @QueryParam("limit") Integer limit) {
        return service.queue(parseStatus(status), Keyset.of(cursor, limit), Caller.signedIn(security));
    }

    @POST
    public Outcome act(@Valid @NotNull(message = "a JSON body is required") ModerationRequests.Decision decision) {
        return service.act(decision.ids(), decision.action(), Caller.signedIn(security));
    }

    @GET
    @Path("audit")
    public CursorPage<AuditRecord> audit(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return service.audit(Keyset.of(cursor, limit), Caller.signedIn(security));
    }

    private static CommentStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CommentStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be PENDING or SPAM");
        }
    }
}
