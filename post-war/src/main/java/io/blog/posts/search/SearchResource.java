package io.blog.posts.search;

import io.blog.common.http.EdgeCacheable;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;

    @Inject
    ReindexJobs reindex;

    @jakarta.ws.rs.core.Context
    UriInfo uriInfo;

    @GET
    @EdgeCacheable
    public SearchResults search(@QueryParam("q") String q, @QueryParam("tag") String tag,
                                @QueryParam("author") String author, @QueryParam("page") Integer page,
                                @QueryParam("size") Integer size) {
        return search.search(q, tag, author, page, size);
    }

    @POST
    @Path("reindex")
    @RolesAllowed(Roles.ADMIN)
    public Response startReindex() {
        ReindexJobs.Job job = reindex.start();
        return Response.accepted(job).location(uriInfo.getAbsolutePathBuilder().path(job.id()).build()).build();
    }

    @GET
    @Path("reindex/{id}")
    @RolesAllowed(Roles.ADMIN)
    public ReindexJobs.Job reindexJob(@PathParam("id") String id) {
        return reindex.find(id).orElseThrow(() -> ProblemException.notFound("No reindex job " + id + "."));
    }
}
