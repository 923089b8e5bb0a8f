package io.blog.users.it;

import io.blog.common.testing.Accounts;
import io.blog.common.testing.TestHttp;
import io.blog.common.testing.TestHttp.Reply;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** user-war's API for its integration tests, against the real server the Liberty plugin started. */
final class Api {

    static final String SERVER = System.getProperty("it.base.url", "http://127.0.0.1:9181");
    static final String BASE = SERVER + "/api/users";
    static final String PASSWORD = Accounts.PASSWORD;

    static {
        // The server reports started before its security runtime accepts tokens; wait until a real token works.
        String username = uniqueName("probe");
        TestHttp.awaitStarted(Duration.ofSeconds(90), "user-war to accept tokens", () -> {
            Reply registered = register(username, username + "@example.test", PASSWORD);
            if (registered.status() != 201 && registered.status() != 409) {
                return false;
            }
            Reply login = login(username, PASSWORD, null);
            return login.status() == 200 && get("/me", (String) login.json().get("accessToken")).status() == 200;
        });
    }

    private Api() {
    }

    record Session(String username, String email, String password, String accessToken, String refreshToken, String id) {
    }

    static String uniqueIp() {
        return TestHttp.uniqueIp();
    }

    static String uniqueName(String prefix) {
        return TestHttp.unique(prefix).toLowerCase();
    }

    static Reply call(String method, String url, Object body, String token, String clientIp) {
        return call(method, url, body, token, clientIp, "application/json");
    }

    /** A plain GET as a scraper or browser would send it. */
    static Reply fetch(String url, String accept) {
        return call("GET", url, null, null, null, accept);
    }

    /** {@code clientIp} null: a fresh client address, so this call shares no rate-limit bucket. */
    static Reply call(String method, String url, Object body, String token, String clientIp, String accept) {
        Map<String, String> headers = new HashMap<>();
        if (accept != null) {
            headers.put("Accept", accept);
        }
        if (clientIp != null) {
            headers.put("X-Forwarded-For", clientIp);
        }
        return TestHttp.send(method, url, body, token, headers);
    }

    static Reply get(String path, String token) {
        return call("GET", BASE + path, null, token, null);
    }

    static Reply post(String path, Object body, String token) {
        return call("POST", BASE + path, body, token, null);
    }

    static Reply register(String username, String email, String password) {
        return post("", Map.of("username", username, "email", email, "password", password), null);
    }

    static Reply login(String login, String password, String clientIp) {
        return call("POST", BASE + "/login", Map.of("login", login, "password", password), null, clientIp);
    }

    /** Registers a fresh account and signs it in. */
    static Session newSession(String prefix) {
        String username = uniqueName(prefix);
        String email = username + "@example.test";
        Reply registered = register(username, email, PASSWORD);
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered);
        }
        return signIn(username, email, PASSWORD);
    }

    static Session signIn(String username, String email, String password) {
        Reply login = login(username, password, null);
        if (login.status() != 200) {
            throw new AssertionError("login failed: " + login);
        }
        Map<String, Object> body = login.json();
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        return new Session(username, email, password, (String) body.get("accessToken"), (String) body.get("refreshToken"),
                (String) user.get("id"));
    }

    static Session admin() {
        return signIn(Accounts.ADMIN, Accounts.ADMIN + "@example.test", Accounts.ADMIN_PASSWORD);
    }
}
