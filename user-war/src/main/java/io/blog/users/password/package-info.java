/** Password hashing (Argon2id with OWASP parameters) and the password policy. */
package io.blog.users.password;
