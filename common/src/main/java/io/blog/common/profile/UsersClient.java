package io.blog.common.profile;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** user-war's batch profile lookup, as a MicroProfile Rest Client. */
@Path("/api/users")
public interface UsersClient {

    @GET
    @Path("profiles")
    @Produces(MediaType.APPLICATION_JSON)
    ProfileList profiles(@QueryParam("usernames") String commaSeparatedUsernames);

    record ProfileList(List<Profile> items) {
    }

    /** A public profile; the bio and join date are shown on an author's page only. */
    record Profile(String username, String displayName, String avatarUrl, String bio, Instant createdAt) {
    }
}
