package io.blog.users.account;

public enum AccountStatus {
    ACTIVE, DISABLED
}
