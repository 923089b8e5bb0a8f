/** The audit trail: who signed in and who changed what from the console, with the outcome. */
package io.blog.console.audit;
