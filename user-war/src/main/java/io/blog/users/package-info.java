/** The user service: accounts, roles, sessions and token keys. */
package io.blog.users;
