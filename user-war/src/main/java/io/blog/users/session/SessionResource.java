package io.blog.users.session;

import io.blog.common.http.ClientAddress;
import io.blog.common.security.CurrentUser;
import io.blog.common.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    SessionService sessions;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest httpRequest;

    @Context
    SecurityContext security;

    @POST
    @Path("login")
    @PermitAll
    public Response login(@Valid @NotNull(message = "a JSON body is required") SessionRequests.Login request) {
        return noStore(sessions.login(request, clientAddress.of(httpRequest)));
    }

    @POST
    @Path("refresh")
    @PermitAll
    public Response refresh(@Valid @NotNull(message = "a JSON body is required") SessionRequests.Refresh request) {
        return noStore(sessions.refresh(request.refreshToken()));
    }

    @POST
    @Path("logout")
    @RolesAllowed({Roles.READER, Roles.AUTHOR, Roles.EDITOR, Roles.ADMIN})
    public Response logout(@Valid SessionRequests.Logout request) {
        JsonWebToken token = CurrentUser.require(security);
        sessions.logout(token.getSubject(), CurrentUser.sessionId(token), token.getTokenID(),
                Instant.ofEpochSecond(token.getExpirationTime()), request == null ? null : request.refreshToken());
        return Response.noContent().build();
    }

    private static Response noStore(Object body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).build();
    }
}
