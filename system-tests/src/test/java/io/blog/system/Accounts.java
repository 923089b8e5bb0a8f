package io.blog.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts for the tests, made through the public API like any visitor's. */
public final class Accounts {

    public static final String PASSWORD = "System-Test-Passphrase-7";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public record Account(String username, String token) {
    }

    private Accounts() {
    }

    public static String uniqueName(String prefix) {
        return prefix + RUN + SEQUENCE.incrementAndGet();
    }

    /**
     * A new author signed in, each from a visitor address of its own: registered (a READER, the
     * production default), then made an AUTHOR by the administrator, as an operator grants writing.
     */
    public static Account register(String prefix) {
        return withRoles(prefix, List.of("AUTHOR"));
    }

    /** A new account as registration leaves it (READER in production), not yet signed in. */
    public static String registerReader(Client client, String prefix) {
        String username = uniqueName(prefix);
        Client.Reply registered = client.send("POST", "/api/users", null,
                "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.test\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(registered.status()).as("register %s: %s", username, registered).isEqualTo(201);
        return username;
    }

    public static Account admin() {
        Client client = Client.newVisitor();
        String username = Topology.env("BLOG_ADMIN_USERNAME");
        return new Account(username, login(client, username, Topology.env("BLOG_ADMIN_PASSWORD")));
    }

    /** A new account given the roles by the administrator, then signed in so its token carries them. */
    public static Account withRoles(String prefix, List<String> roles) {
        Client client = Client.newVisitor();
        String username = registerReader(client, prefix);
        Client.Reply set = client.send("PUT", "/api/users/" + username + "/roles", admin().token(),
                "{\"roles\":[\"" + String.join("\",\"", roles) + "\"]}");
        assertThat(set.status()).as("roles: %s", set).isEqualTo(200);
        return new Account(username, login(client, username, PASSWORD));
    }

    public static String login(Client client, String username, String password) {
        Client.Reply login = client.send("POST", "/api/users/login", null,
                "{\"login\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(login.status()).as("login %s: %s", username, login).isEqualTo(200);
        Map<String, Object> json = login.json();
        return (String) json.get("accessToken");
    }
}
