package io.blog.common.data;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;

import static org.assertj.core.api.Assertions.assertThat;

class ReadsWithFallbackInterceptorTest {

    @Test
    void aRefusedSocketDeepInThePersistenceStackIsAConnectionFailure() {
        // What EclipseLink wrapped around the MariaDB driver's error when the replica was stopped.
        SQLException refused = new SQLNonTransientException("Socket fail to connect to 127.0.0.1:13327. Connection refused", "08000");
        assertThat(ReadsWithFallbackInterceptor.isConnectionFailure(
                new PersistenceException("Exception [EclipseLink-4002]", new RuntimeException(refused)))).isTrue();
        assertThat(ReadsWithFallbackInterceptor.isConnectionFailure(
                new PersistenceException(new SQLNonTransientConnectionException("closed")))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(ReadsWithFallbackInterceptor.isConnectionFailure(
                new PersistenceException(new SQLIntegrityConstraintViolationException("duplicate", "23000")))).isFalse();
        assertThat(ReadsWithFallbackInterceptor.isConnectionFailure(
                new PersistenceException(new SQLException("syntax", "42000")))).isFalse();
        assertThat(ReadsWithFallbackInterceptor.isConnectionFailure(new IllegalStateException("no cause"))).isFalse();
    }
}
