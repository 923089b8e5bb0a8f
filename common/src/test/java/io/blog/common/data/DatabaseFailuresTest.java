package io.blog.common.data;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTest {

    @Test
    void aRefusedSocketDeepInThePersistenceStackIsAConnectionFailure() {
        // What EclipseLink wrapped around the MariaDB driver's error when the replica was stopped.
        SQLException refused = new SQLNonTransientException("Socket fail to connect to 127.0.0.1:13327. Connection refused", "08000");
        assertThat(DatabaseFailures.isConnectionFailure(
                new PersistenceException("Exception [EclipseLink-4002]", new RuntimeException(refused)))).isTrue();
        assertThat(DatabaseFailures.isConnectionFailure(
                new PersistenceException(new SQLNonTransientConnectionException("closed")))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseFailures.isConnectionFailure(
                new PersistenceException(new SQLIntegrityConstraintViolationException("duplicate", "23000")))).isFalse();
        assertThat(DatabaseFailures.isConnectionFailure(
                new PersistenceException(new SQLException("syntax", "42000")))).isFalse();
        assertThat(DatabaseFailures.isConnectionFailure(new IllegalStateException("no cause"))).isFalse();
    }

    @Test
    void aWriteOnAReadOnlyServerIsReadOnlyNotAConnectionFailure() {
        // What the MariaDB driver raised for an INSERT on the replica before its promotion.
        SQLException readOnly = new SQLException("The MariaDB server is running with the --read-only option so it cannot execute this statement",
                "HY000", 1290);
        PersistenceException wrapped = new PersistenceException("Exception [EclipseLink-4002]", new RuntimeException(readOnly));
        assertThat(DatabaseFailures.isReadOnly(wrapped)).isTrue();
        assertThat(DatabaseFailures.isConnectionFailure(wrapped)).isFalse();
        assertThat(DatabaseFailures.isUnavailable(wrapped)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new PersistenceException(new SQLException("duplicate", "23000", 1062)))).isFalse();
    }

    @Test
    void onlyAConstraintIsAConflict() {
        assertThat(DatabaseFailures.isConstraintViolation(new PersistenceException(
                new RuntimeException(new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062))))).isTrue();
        assertThat(DatabaseFailures.isConstraintViolation(new PersistenceException(new SQLException("Duplicate entry", "23000", 1062))))
                .isTrue();
        // A read-only server's refusal once answered "the username is taken" (409) instead of 503.
        assertThat(DatabaseFailures.isConstraintViolation(new PersistenceException(
                new SQLException("running with the --read-only option", "HY000", 1290)))).isFalse();
        assertThat(DatabaseFailures.isConstraintViolation(new PersistenceException(
                new SQLNonTransientConnectionException("closed")))).isFalse();
    }

    @Test
    void aConstraintIsKnownByTheNameMariaDbGivesIt() {
        // What the driver raised when two articles of one title were inserted at the same moment.
        PersistenceException duplicateSlug = new PersistenceException("Exception [EclipseLink-4002]", new RuntimeException(
                new SQLIntegrityConstraintViolationException("(conn=55) Duplicate entry 'notes-5' for key 'uq_article_slug'", "23000", 1062)));
        assertThat(DatabaseFailures.isConstraintViolation(duplicateSlug, "uq_article_slug")).isTrue();
        assertThat(DatabaseFailures.isConstraintViolation(duplicateSlug, "uq_article")).isFalse();
        assertThat(DatabaseFailures.isConstraintViolation(new PersistenceException(
                new SQLException("Duplicate entry 'x' for key 'PRIMARY'", "23000", 1062)), "uq_article_slug")).isFalse();
        assertThat(DatabaseFailures.isConstraintViolation(new PersistenceException(
                new SQLException("'uq_article_slug' mentioned by a read-only refusal", "HY000", 1290)), "uq_article_slug")).isFalse();
    }

    @Test
    void aCauseThatIsItsOwnCauseEndsTheWalk() {
        Throwable loop = new RuntimeException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(DatabaseFailures.isConnectionFailure(loop)).isFalse();
        assertThat(DatabaseFailures.isConstraintViolation(loop, "x")).isFalse();
    }
}
