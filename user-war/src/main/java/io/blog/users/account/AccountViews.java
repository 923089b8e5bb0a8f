package io.blog.users.account;

import java.time.Instant;
import java.util.List;

/** What the API returns about accounts. The password hash never leaves the service. */
public final class AccountViews {

    private AccountViews() {
    }

    /** Visible to everyone: no email, no status. */
    public record PublicProfile(String username, String displayName, String bio, String avatarUrl, Instant createdAt) {
        public static PublicProfile of(Account a) {
            return new PublicProfile(a.getUsername(), a.getDisplayName(), a.getBio(), a.getAvatarUrl(), a.getCreatedAt());
        }
    }

    /** The account as its owner and administrators see it. */
    public record AccountView(String id, String username, String email, String displayName, String bio,
                              String avatarUrl, List<String> roles, String status, Instant createdAt,
                              Instant updatedAt) {
        public static AccountView of(Account a) {
            return new AccountView(a.getId(), a.getUsername(), a.getEmail(), a.getDisplayName(), a.getBio(),
                    a.getAvatarUrl(), a.getRoles().stream().sorted().toList(), a.getStatus().name(),
                    a.getCreatedAt(), a.getUpdatedAt());
        }
    }

    public record ProfileList(List<PublicProfile> items) {
    }
}
