/** Metric names used across services, in one place so dashboards and alerts can rely on them. */
package io.blog.common.metrics;
