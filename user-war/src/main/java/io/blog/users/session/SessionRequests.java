package io.blog.users.session;

import io.blog.users.account.AccountViews.AccountView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the session endpoints. */
public final class SessionRequests {

    private SessionRequests() {
    }

    public record Login(
            @NotBlank(message = "is required") @Size(max = 254, message = "must be at most 254 characters") String login,
            @NotBlank(message = "is required") @Size(max = 256, message = "must be at most 256 characters") String password) {
    }

    public record Refresh(@NotBlank(message = "is required") @Size(max = 200) String refreshToken) {
    }

    public record Logout(@Size(max = 200) String refreshToken) {
    }

    public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn,
                            AccountView user) {
    }
}
