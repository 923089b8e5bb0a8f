/**
 * The alerts view: what fires now (Alertmanager) and what fired during the last day and has
 * resolved (Prometheus' ALERTS series), each with its runbook entry.
 */
package io.blog.console.alerts;
