package io.blog.posts.article;

import io.blog.posts.media.MediaId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Request bodies of the article endpoints. */
public final class ArticleRequests {

    /** An outside http(s) address, or the path of an image uploaded here ({@link MediaId}). */
    static final String URL_RULE = "^(https?://\\S+|" + MediaId.PATH_RULE + ")?$";

    private ArticleRequests() {
    }

    /** Create and full update share one shape; {@code version} may replace the If-Match header. */
    public record ArticleInput(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
            @NotNull(message = "is required") @Size(max = 200_000, message = "must be at most 200000 characters") String body,
            @Size(max = 10, message = "at most 10 tags") List<@NotBlank(message = "must not be blank")
                    @Size(max = 50, message = "must be at most 50 characters") String> tags,
            @NotNull(message = "is required: DRAFT, PUBLISHED or SCHEDULED") ArticleStatus status,
            Instant publishAt,
            @Size(max = 500, message = "must be at most 500 characters")
            @Pattern(regexp = URL_RULE, message = "must be an http(s) URL or an uploaded image's path") String coverImageUrl,
            @Size(max = 500, message = "must be at most 500 characters") String summary,
            Long version) {
    }

    public record PreviewInput(@NotNull(message = "is required")
                               @Size(max = 200_000, message = "must be at most 200000 characters") String body) {
    }
}
