/** The blog's web front end driven in headless Chromium through the gateway, plus its Lighthouse audit. */
package io.blog.system.browser;
