/**
 * Display data (name, avatar) of users, looked up from user-war in batches with fault tolerance
 * and cached briefly; usernames are the stable identifiers other services store.
 */
package io.blog.common.profile;
