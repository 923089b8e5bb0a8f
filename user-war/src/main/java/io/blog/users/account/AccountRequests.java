package io.blog.users.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the account endpoints, with their validation rules. */
public final class AccountRequests {

    static final String USERNAME_RULE = "[a-z0-9_-]{3,32}";
    static final String EMAIL_RULE = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String URL_RULE = "^(https?://\\S+)?$";

    private AccountRequests() {
    }

    public record Registration(
            @NotNull(message = "is required")
            @Pattern(regexp = USERNAME_RULE, message = "must be 3-32 characters of a-z, 0-9, _ and -")
            String username,
            @NotBlank(message = "is required")
            @Size(max = 254, message = "must be at most 254 characters")
            @Pattern(regexp = EMAIL_RULE, message = "must be a valid email address")
            String email,
            @NotNull(message = "is required")
            String password,
            @Size(max = 100, message = "must be at most 100 characters")
            String displayName) {
    }

    /** Fields left out (null) stay as they are. */
    public record ProfileUpdate(
            @Size(min = 1, max = 100, message = "must be 1-100 characters")
            String displayName,
            @Size(max = 2000, message = "must be at most 2000 characters")
            String bio,
            @Size(max = 500, message = "must be at most 500 characters")
            @Pattern(regexp = URL_RULE, message = "must be an http(s) URL")
            String avatarUrl,
            @Size(max = 254, message = "must be at most 254 characters")
            @Pattern(regexp = EMAIL_RULE, message = "must be a valid email address")
            String email) {
    }

    public record PasswordChange(
            @NotNull(message = "is required") String currentPassword,
            @NotNull(message = "is required") String newPassword) {
    }

    public record RolesUpdate(@NotEmpty(message = "must list at least one role") List<String> roles) {
    }

    public record StatusUpdate(@NotNull(message = "is required") AccountStatus status) {
    }
}
