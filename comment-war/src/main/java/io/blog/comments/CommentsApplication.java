package io.blog.comments;

import io.blog.common.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** comment-war: threads, moderation and its audit. Context root /api/comments. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "blog")
@DeclareRoles({Roles.READER, Roles.AUTHOR, Roles.EDITOR, Roles.ADMIN})
public class CommentsApplication extends Application {
}
