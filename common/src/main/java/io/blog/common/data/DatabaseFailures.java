package io.blog.common.data;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

/**
 * Tells database failures apart: a server that cannot be reached, a server that refuses writes
 * because it is read-only (a replica, or the writer's replica in the seconds before it is
 * promoted) — the database's state, not the request's fault — and a constraint the data refused.
 */
public final class DatabaseFailures {

    /** ER_OPTION_PREVENTS_STATEMENT: "running with the --read-only option". */
    private static final int READ_ONLY = 1290;
    /** ER_READ_ONLY_MODE. */
    private static final int READ_ONLY_MODE = 1836;

    private DatabaseFailures() {
    }

    /** The server could not be reached, or the connection to it broke. */
    public static boolean isConnectionFailure(Throwable e) {
        // SQL state class 08: connection exception (what the MariaDB driver reports for a refused socket).
        return causes(e).anyMatch(t -> t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
    }

    /** The statement reached a server that does not take writes at the moment. */
    public static boolean isReadOnly(Throwable e) {
        return causes(e).anyMatch(t -> t instanceof SQLException sql
                && (sql.getErrorCode() == READ_ONLY || sql.getErrorCode() == READ_ONLY_MODE));
    }

    /**
     * A unique or foreign key refused the statement (SQL state class 23): the request conflicts
     * with data already stored, unlike the failures above.
     */
    public static boolean isConstraintViolation(Throwable e) {
        return causes(e).anyMatch(DatabaseFailures::refusedByConstraint);
    }

    /** As {@link #isConstraintViolation(Throwable)}, by the constraint of that name (MariaDB names it in the message). */
    public static boolean isConstraintViolation(Throwable e, String constraint) {
        return causes(e).anyMatch(t -> refusedByConstraint(t) && t.getMessage() != null && t.getMessage().contains("'" + constraint + "'"));
    }

    private static boolean refusedByConstraint(Throwable t) {
        return t instanceof SQLIntegrityConstraintViolationException
                || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
    }

    /** The exception and its causes, outermost first (a cause that is its own cause ends the chain). */
    private static Stream<Throwable> causes(Throwable e) {
        return Stream.iterate(e, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    /** Either: the request may succeed when it is repeated a little later, without any change. */
    public static boolean isUnavailable(Throwable e) {
        return isConnectionFailure(e) || isReadOnly(e);
    }
}
