package io.chartbrief.outage;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;

/**
 * What a database failure says about the record being written: the database is unavailable ({@link #OUTAGE}:
 * wait and write the same record again, never skip it), or the database refused this record ({@link #REFUSED}: a
 * poison record, dead-letter it and move on).
 *
 * <p>An outage is a failure to reach or use the server, whatever the record: no connection (refused, lost,
 * timed out, the pool's acquisition timeout), and the SQLState classes 08 (connection exception), 28 and 3D (the
 * login or database is refused at connect: a configuration or failover problem), 40 (transaction rollback:
 * serialization failure, deadlock), 53 (insufficient resources: disk full, too many connections), 57 (operator
 * intervention: admin or crash shutdown, cannot connect now, statement timeout), 58 (system error) and XX
 * (internal error). A failure without an SQLState (pool closed, acquisition timeout) or with a transient or
 * recoverable type is an outage too. Every other SQLState (22 data exception such as 22P05 for a NUL in
 * {@code jsonb}, 23 integrity constraint violation, 54 program limit exceeded, ...) is the record's fault.
 */
public enum DatabaseFailure {

    /** The database is unavailable: retry the same write, keep the record. */
    OUTAGE,
    /** The database refused this record's content: dead-letter the record with the SQLState. */
    REFUSED;

    private static final Set<String> OUTAGE_CLASSES = Set.of("08", "28", "3D", "40", "53", "57", "58", "XX");

    /**
     * The kind of a failure, found on its cause chain: the first {@link SQLException} decides; without one, an
     * {@link IOException} (a socket failure the driver did not wrap) is an outage.
     *
     * @return empty when the failure did not come from the database at all
     */
    public static Optional<DatabaseFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(of(sql));
            }
            if (t instanceof IOException) {
                return Optional.of(OUTAGE);
            }
        }
        return Optional.empty();
    }

    /** The kind of an SQL failure; see the class comment. */
    public static DatabaseFailure of(SQLException failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof SQLTimeoutException) {
            return OUTAGE;
        }
        String state = failure.getSQLState();
        if (state == null || state.length() < 2) {
            return OUTAGE;
        }
        return OUTAGE_CLASSES.contains(state.substring(0, 2).toUpperCase(java.util.Locale.ROOT)) ? OUTAGE : REFUSED;
    }

    /** Whether a failure is a database outage (see {@link #of(Throwable)}). */
    public static boolean isOutage(Throwable failure) {
        return of(failure).orElse(null) == OUTAGE;
    }

    /** Whether the database refused the record (see {@link #of(Throwable)}). */
    public static boolean isRefused(Throwable failure) {
        return of(failure).orElse(null) == REFUSED;
    }

    /** The SQLState of the first {@link SQLException} on the cause chain, if any. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.ofNullable(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
