package io.blog.common.security;

import java.util.List;

/** The platform's roles, as they appear in the JWT {@code groups} claim and in {@code @RolesAllowed}. */
public final class Roles {

    public static final String READER = "READER";
    public static final String AUTHOR = "AUTHOR";
    public static final String EDITOR = "EDITOR";
    public static final String ADMIN = "ADMIN";

    public static final List<String> ALL = List.of(READER, AUTHOR, EDITOR, ADMIN);

    private Roles() {
    }

    public static boolean isKnown(String role) {
        return ALL.contains(role);
    }
}
