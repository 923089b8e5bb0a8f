package io.blog.users.account;

import io.blog.common.security.CurrentUser;
import io.blog.common.security.Roles;
import io.blog.users.account.AccountViews.AccountView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user's own account. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.READER, Roles.AUTHOR, Roles.EDITOR, Roles.ADMIN})
public class MeResource {

    @Inject
    AccountService service;

    @Context
    SecurityContext security;

    @GET
    public AccountView me() {
        return service.me(CurrentUser.require(security).getSubject());
    }

    @PATCH
    public AccountView update(@Valid @NotNull(message = "a JSON body is required") AccountRequests.ProfileUpdate update) {
        return service.updateProfile(CurrentUser.require(security).getSubject(), update);
    }

    @PUT
    @Path("password")
    public Response changePassword(@Valid @NotNull(message = "a JSON body is required") AccountRequests.PasswordChange change) {
        JsonWebToken token = CurrentUser.require(security);
        service.changePassword(token.getSubject(), CurrentUser.sessionId(token), change);
        return Response.noContent().build();
    }
}
