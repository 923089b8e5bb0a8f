package io.blog.common.testing;

import java.util.List;
import java.util.Map;

/** Accounts on the test server's user-war: registered through the API, signed in for real tokens. */
public final class Accounts {

    public static final String PASSWORD = "Integration-Test-Pass-42";
    /** The administrator every test server bootstraps (BLOG_ADMIN_* in the service poms). */
    public static final String ADMIN = "rootadmin";
    public static final String ADMIN_PASSWORD = "it-admin-Pa55phrase";

    private final String usersUrl;

    /** @param usersUrl user-war's API root, e.g. {@code http://127.0.0.1:9182/api/users} */
    public Accounts(String usersUrl) {
        this.usersUrl = usersUrl;
    }

    public record User(String username, String token) {
    }

    /** A new account with the default role (AUTHOR), signed in. */
    public User author(String prefix) {
        String name = TestHttp.unique(prefix).toLowerCase();
        TestHttp.Reply registered = TestHttp.send("POST", usersUrl, Map.of("username", name, "email", name + "@example.test",
                "password", PASSWORD, "displayName", "Display " + name), null, Map.of());
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered);
        }
        return signIn(name, PASSWORD);
    }

    public User signIn(String login, String password) {
        TestHttp.Reply reply = TestHttp.send("POST", usersUrl + "/login", Map.of("login", login, "password", password), null, Map.of());
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return new User(login, (String) reply.json().get("accessToken"));
    }

    public User admin() {
        return signIn(ADMIN, ADMIN_PASSWORD);
    }

    /** A new account given exactly these roles by the administrator, signed in again so the token carries them. */
    public User withRoles(String prefix, String... roles) {
        User user = author(prefix);
        TestHttp.Reply changed = TestHttp.send("PUT", usersUrl + "/" + user.username() + "/roles",
                Map.of("roles", List.of(roles)), admin().token(), Map.of());
        if (changed.status() != 200) {
            throw new AssertionError("role change failed: " + changed);
        }
        return signIn(user.username(), PASSWORD);
    }
}
