/** JSON-B settings shared by every service, so timestamps and nulls look the same everywhere. */
package io.blog.common.json;
