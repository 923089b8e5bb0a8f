package io.blog.posts.tag;

import io.blog.common.http.EdgeCacheable;
import io.blog.posts.article.ArticleService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    @Inject
    ArticleService articles;

    public record TagCount(String tag, long count) {
    }

    public record TagList(List<TagCount> items) {
    }

    @GET
    @EdgeCacheable
    public Response tags() {
        List<TagCount> items = articles.tagCounts().entrySet().stream()
                .map(e -> new TagCount(e.getKey(), e.getValue())).toList();
        return Response.ok(new TagList(items)).build();
    }
}
