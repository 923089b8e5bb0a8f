/**
 * The performance view: the platform's performance report (scripts/maintenance/performance-report.sh,
 * from Prometheus) over 15 minutes to 7 days, shown in the console and downloadable as HTML, CSV
 * and Markdown.
 */
package io.blog.console.performance;
