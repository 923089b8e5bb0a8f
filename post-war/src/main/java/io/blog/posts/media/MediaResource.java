package io.blog.posts.media;

import io.blog.common.problem.ProblemException;
import io.blog.common.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

/**
 * Images: authors upload one as the request body ({@code POST /api/posts/media}, Content-Type
 * image/jpeg, image/png or image/gif) and anyone fetches its variants at
 * {@code /api/posts/media/{id}/{width}}.
 */
@Path("media")
public class MediaResource {

    @Inject
    MediaService service;

    @Context
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @POST
    @Consumes({"image/jpeg", "image/png", "image/gif"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(InputStream body) {
        MediaService.Upload upload = service.upload(body, Caller.signedIn(security));
        Response.ResponseBuilder answer = upload.created()
                ? Response.created(uriInfo.getBaseUriBuilder().path("media").path(upload.media().id()).build())
                : Response.ok();
        return answer.entity(upload.media()).build();
    }

    /**
     * One width of an image. Its bytes never change under an address (the address holds their
     * hash), so browsers and the gateway may keep it for a year without asking again.
     */
    @GET
    @Path("{id}/{width: [0-9]{1,5}}")
    public Response variant(@PathParam("id") String id, @PathParam("width") int width) {
        MediaVariant variant = service.variant(id, width)
                .orElseThrow(() -> ProblemException.notFound("No image '" + id + "' " + width + " pixels wide."));
        EntityTag etag = new EntityTag(id + "-" + width);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder answer = notModified != null ? notModified
                : Response.ok(variant.getBytes(), variant.getContentType());
        return answer.tag(etag).header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable").build();
    }
}
