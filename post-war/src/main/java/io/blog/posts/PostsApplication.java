package io.blog.posts;

import io.blog.common.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** post-war: articles, tags, feeds and search. Context root /api/posts. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "blog")
@DeclareRoles({Roles.READER, Roles.AUTHOR, Roles.EDITOR, Roles.ADMIN})
public class PostsApplication extends Application {
}
