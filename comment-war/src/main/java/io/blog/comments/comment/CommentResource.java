package io.blog.comments.comment;

import io.blog.common.http.EdgeCacheable;
import io.blog.comments.comment.CommentRequests.Edit;
import io.blog.comments.comment.CommentRequests.NewComment;
import io.blog.comments.comment.CommentViews.CommentNode;
import io.blog.comments.comment.CommentViews.Counts;
import io.blog.common.http.ClientAddress;
import io.blog.common.paging.CursorPage;
import io.blog.common.paging.Keyset;
import io.blog.common.security.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Comments: write, edit, delete, read threads. Thin: validation and HTTP semantics here, rules in {@link CommentService}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommentResource {

    @Inject
    CommentService service;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest httpRequest;

    @Context
    SecurityContext security;

    @POST
    public Response create(@Valid @NotNull(message = "a JSON body is required") NewComment input) {
        CommentNode created = service.create(input, Caller.signedIn(security), clientAddress.of(httpRequest));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @EdgeCacheable
    public CursorPage<CommentNode> threads(@QueryParam("post") String post, @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") Integer limit, @QueryParam("order") String order) {
        return service.threads(post, order, Keyset.of(cursor, limit), Caller.of(security));
    }

    @GET
    @Path("counts")
    @EdgeCacheable
    public Counts counts(@QueryParam("posts") String posts) {
        return service.counts(posts);
    }

    @GET
    @Path("by-user/{username}")
    @EdgeCacheable
    public CursorPage<CommentNode> byUser(@PathParam("username") String username, @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") Integer limit) {
        return service.byUser(username, Keyset.of(cursor, limit), Caller.of(security));
    }

    @PATCH
    @Path("{id}")
    public CommentNode edit(@PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") Edit input) {
        return service.edit(id, input.body(), Caller.signedIn(security));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service.delete(id, Caller.signedIn(security));
        return Response.noContent().build();
    }
}
