/**
 * The health view: every instance of every service (its health checks and their data), the
 * gateway, Prometheus and Alertmanager, sampled every few seconds by one monitor for all
 * operators, with an hour of history, pushed to open views.
 */
package io.blog.console.health;
