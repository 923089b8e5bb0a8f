package io.blog.common.profile;

/** How an article or comment shows its author. Without user-war only the username is known. */
public record AuthorProfile(String username, String displayName, String avatarUrl) {

    public static AuthorProfile unresolved(String username) {
        return new AuthorProfile(username, null, null);
    }
}
