/** Accounts: registration, profiles, the signed-in user's settings and administration of roles and status. */
package io.blog.users.account;
