/**
 * System tests: whole user flows, gateway behaviour and failure drills against the production
 * topology, only through the public gateway.
 */
package io.blog.system;
