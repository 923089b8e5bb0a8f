package io.blog.comments.moderation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the moderation endpoints. */
public final class ModerationRequests {

    private ModerationRequests() {
    }

    public record Decision(
            @NotEmpty(message = "name at least one comment")
            @Size(max = 100, message = "at most 100 comments at once") List<@NotBlank(message = "must not be blank") String> ids,
            @NotNull(message = "is required: APPROVE, REJECT, SPAM or DELETE") ModerationAction action) {
    }
}
