package io.blog.comments.article;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * post-war's article read, as a MicroProfile Rest Client. It answers a raw response because a 404
 * is an answer here ("no such published article"), not a failure to retry or to count against
 * post-war's health.
 */
@Path("/api/posts")
public interface PostsClient {

    @GET
    @Path("{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    Response article(@PathParam("slug") String slug);

    /** The fields of post-war's article JSON that comments need; the rest is ignored. */
    record ArticleJson(String slug, String status, Author author) {
    }

    record Author(String username) {
    }
}
