package io.blog.comments.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the comment endpoints. */
public final class CommentRequests {

    /** Slugs as post-war makes them: letters, digits and marks of any script, joined by hyphens. */
    static final String SLUG_RULE = "[\\p{L}\\p{N}\\p{M}-]{1,100}";
    static final String SLUG_MESSAGE = "must be an article slug";

    private CommentRequests() {
    }

    public record NewComment(
            @NotBlank(message = "is required") @Pattern(regexp = SLUG_RULE, message = SLUG_MESSAGE) String post,
            @Size(max = 36, message = "is not a comment id") String parentId,
            @NotBlank(message = "is required") @Size(max = 5_000, message = "must be at most 5000 characters") String body) {
    }

    public record Edit(
            @NotBlank(message = "is required") @Size(max = 5_000, message = "must be at most 5000 characters") String body) {
    }
}
