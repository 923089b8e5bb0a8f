package io.blog.common.data;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            // SQL state class 08: connection exception (what the MariaDB driver reports for a refused socket).
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The statement reached a server that does not take writes at the moment. */
    public static boolean isReadOnly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == READ_ONLY || sql.getErrorCode() == READ_ONLY_MODE)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * A unique or foreign key refused the statement (SQL state class 23): the request conflicts
     * with data already stored, unlike the failures above.
     */
    public static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Either: the request may succeed when it is repeated a little later, without any change. */
    public static boolean isUnavailable(Throwable e) {
        return isConnectionFailure(e) || isReadOnly(e);
    }
}
