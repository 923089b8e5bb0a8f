package io.blog.frontend.devrun;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Loads sample-content.json through the public API: accounts (roles set by the administrator),
 * published articles, and comment threads, each comment approved by the administrator as a
 * moderator would. Does nothing when the blog already has articles, so a restart never duplicates.
 */
class SampleContentLoader {

    private static final Logger LOG = Logger.getLogger(SampleContentLoader.class.getName());

    record Summary(int authors, int articles, int comments, String signIn) {
    }

    private final ApiClient api;
    private final String adminUsername;
    private final String adminPassword;

    SampleContentLoader(ApiClient api, String adminUsername, String adminPassword) {
        this.api = api;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    /** Returns null when there already was content. */
    Summary loadIfEmpty() throws IOException, InterruptedException {
        JsonArray existing = api.get("/api/posts?limit=1", null).expect(200, "GET /api/posts").json().getJsonArray("items");
        if (existing != null && !existing.isEmpty()) {
            LOG.info("The blog already has articles; no sample content loaded.");
            return null;
        }
        JsonObject sample = read();
        String admin = login(adminUsername, adminPassword);

        Map<String, String> tokens = new HashMap<>();
        for (JsonObject user : sample.getJsonArray("users").getValuesAs(JsonObject.class)) {
            String username = user.getString("username");
            ApiClient.Reply registered = api.send("POST", "/api/users", null, Json.createObjectBuilder()
                    .add("username", username).add("email", user.getString("email"))
                    .add("password", user.getString("password")).add("displayName", user.getString("displayName")).build());
            // 409: an earlier start got this far and stopped before the articles; go on from here.
            if (registered.status() != 409) {
                registered.expect(201, "registering " + username);
            }
            if (user.containsKey("roles")) {
                api.send("PUT", "/api/users/" + username + "/roles", admin,
                        Json.createObjectBuilder().add("roles", user.getJsonArray("roles")).build())
                        .expect(200, "roles of " + username);
            }
            String token = login(username, user.getString("password"));
            api.send("PATCH", "/api/users/me", token, Json.createObjectBuilder().add("bio", user.getString("bio")).build())
                    .expect(200, "profile of " + username);
            tokens.put(username, token);
        }

        List<String> slugs = new ArrayList<>();
        for (JsonObject article : sample.getJsonArray("articles").getValuesAs(JsonObject.class)) {
            JsonObject created = api.send("POST", "/api/posts", tokens.get(article.getString("author")), Json.createObjectBuilder()
                    .add("title", article.getString("title"))
                    .add("body", String.join("\n", article.getJsonArray("body").getValuesAs(JsonString::getString)))
                    .add("tags", article.getJsonArray("tags"))
                    .add("status", "PUBLISHED").build())
                    .expect(201, "article " + article.getString("title")).json();
            slugs.add(created.getString("slug"));
        }

        int comments = 0;
        for (JsonObject thread : sample.getJsonArray("comments").getValuesAs(JsonObject.class)) {
            String slug = slugs.get(thread.getInt("article"));
            String parentId = null;
            for (JsonObject comment : thread.getJsonArray("thread").getValuesAs(JsonObject.class)) {
                var body = Json.createObjectBuilder().add("post", slug).add("body", comment.getString("body"));
                if (parentId != null) {
                    body.add("parentId", parentId);
                }
                parentId = api.send("POST", "/api/comments", tokens.get(comment.getString("author")), body.build())
                        .expect(201, "comment on " + slug).json().getString("id");
                comments++;
                // A reply needs a visible parent, and first comments wait for a moderator.
                approvePending(admin);
            }
        }
        JsonObject first = sample.getJsonArray("users").getJsonObject(0);
        return new Summary(tokens.size(), slugs.size(), comments,
                first.getString("username") + " / " + first.getString("password"));
    }

    private void approvePending(String admin) throws IOException, InterruptedException {
        JsonArray pending = api.get("/api/comments/moderation?status=PENDING", admin)
                .expect(200, "moderation queue").json().getJsonArray("items");
        if (pending == null || pending.isEmpty()) {
            return;
        }
        var ids = Json.createArrayBuilder();
        pending.getValuesAs(JsonObject.class).forEach(c -> ids.add(c.getString("id")));
        api.send("POST", "/api/comments/moderation", admin,
                Json.createObjectBuilder().add("ids", ids).add("action", "APPROVE").build())
                .expect(200, "approving sample comments");
    }

    private String login(String username, String password) throws IOException, InterruptedException {
        return api.send("POST", "/api/users/login", null,
                        Json.createObjectBuilder().add("login", username).add("password", password).build())
                .expect(200, "signing in " + username).json().getString("accessToken");
    }

    private static JsonObject read() throws IOException {
        try (InputStream in = SampleContentLoader.class.getResourceAsStream("/sample-content.json");
             var reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }
}
