/** The users view: search accounts, change roles, disable and enable them, through user-war's admin API. */
package io.blog.console.users;
