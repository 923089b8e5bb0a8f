/** Start-up work: schema migrations, then the first administrator from configuration. */
package io.blog.users.bootstrap;
