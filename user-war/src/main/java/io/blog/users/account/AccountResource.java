package io.blog.users.account;

import io.blog.common.http.EdgeCacheable;
import io.blog.common.http.ClientAddress;
import io.blog.common.paging.Page;
import io.blog.common.paging.PageRequest;
import io.blog.common.security.CurrentUser;
import io.blog.common.security.Roles;
import io.blog.users.account.AccountViews.AccountView;
import io.blog.users.account.AccountViews.ProfileList;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** Registration, public profiles, and the administrators' account list. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    AccountService service;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest httpRequest;

    @Context
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    @POST
    @PermitAll
    public Response register(@Valid @NotNull(message = "a JSON body is required") AccountRequests.Registration request) {
        AccountView created = service.register(request, clientAddress.of(httpRequest));
        return Response.created(uriInfo.getBaseUriBuilder().path(created.username()).build()).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Page<AccountView> list(@QueryParam("q") String query, @QueryParam("page") Integer page,
                                  @QueryParam("size") Integer size) {
        return service.search(query, PageRequest.of(page, size));
    }

    @GET
    @Path("profiles")
    @PermitAll
    @EdgeCacheable
    public Response profiles(@QueryParam("usernames") String usernames) {
        return Response.ok(new ProfileList(service.profiles(usernames))).build();
    }

    @GET
    @Path("{username}")
    @PermitAll
    @EdgeCacheable
    public Response profile(@PathParam("username") String username) {
        return Response.ok(service.profile(username)).build();
    }

    @PUT
    @Path("{username}/roles")
    @RolesAllowed(Roles.ADMIN)
    public AccountView setRoles(@PathParam("username") String username,
                                @Valid @NotNull(message = "a JSON body is required") AccountRequests.RolesUpdate update) {
        return service.setRoles(username, update.roles(), CurrentUser.require(security).getSubject());
    }

    @PUT
    @Path("{username}/status")
    @RolesAllowed(Roles.ADMIN)
    public AccountView setStatus(@PathParam("username") String username,
                                 @Valid @NotNull(message = "a JSON body is required") AccountRequests.StatusUpdate update) {
        return service.setStatus(username, update.status(), CurrentUser.require(security).getSubject());
    }
}
