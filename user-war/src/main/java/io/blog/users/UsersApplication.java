package io.blog.users;

import io.blog.common.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** user-war: accounts, roles, sign-in and the JWT keys every service trusts. Context root /api/users. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "blog")
@DeclareRoles({Roles.READER, Roles.AUTHOR, Roles.EDITOR, Roles.ADMIN})
public class UsersApplication extends Application {
}
