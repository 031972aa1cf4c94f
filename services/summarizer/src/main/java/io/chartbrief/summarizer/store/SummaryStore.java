package io.chartbrief.summarizer.store;

import io.chartbrief.outage.DatabaseFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The summarizer's tables (schema {@code summarizer}, see V1__summarizer.sql), plain JDBC. Every method is one
 * auto-committed statement (or one short transaction), so a crash never leaves half a write.
 */
@ApplicationScoped
public class SummaryStore {

    private static final String COLUMNS = "request_id, patient, encounter, reason, engine, status, created_at, "
            + "published_at, cancelled_at, document_id";

    private final DataSource dataSource;

    public SummaryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored summary row without its JSON bodies. */
    public record SummaryRow(UUID requestId, String patient, String encounter, String reason, String engine,
            String status, Instant createdAt, Instant publishedAt, Instant cancelledAt, String documentId) {

        public boolean cancelled() {
            return "cancelled".equals(status);
        }
    }

    /** The row of a request, if any. */
    public Optional<SummaryRow> find(UUID requestId) {
        return query("SELECT " + COLUMNS + " FROM summarizer.summary WHERE request_id = ?", ps -> ps.setObject(1, requestId))
                .stream().findFirst();
    }

    /** Rows of a patient, newest first. */
    public List<SummaryRow> byPatient(String patient, int limit) {
        return query("SELECT " + COLUMNS + " FROM summarizer.summary WHERE patient = ? ORDER BY created_at DESC, request_id LIMIT ?",
                ps -> {
                    ps.setString(1, patient);
                    ps.setInt(2, limit);
                });
    }

    /** The stored summary JSON (SummaryJson, dropped items included). */
    public Optional<String> summaryJson(UUID requestId) {
        return text("SELECT summary::text FROM summarizer.summary WHERE request_id = ?", requestId);
    }

    /**
     * The newest summary of a patient that the verifier stood behind ({@code verified} or
     * {@code partially-verified}, not cancelled), if any.
     */
    public Optional<SummaryRow> latestVerified(String patient) {
        return query("SELECT " + COLUMNS + " FROM summarizer.summary WHERE patient = ? AND document IS NOT NULL "
                + "AND status IN ('verified', 'partially-verified') ORDER BY created_at DESC, request_id LIMIT 1",
                ps -> ps.setString(1, patient)).stream().findFirst();
    }

    /** The stored FHIR document JSON. */
    public Optional<String> documentJson(UUID requestId) {
        return text("SELECT document::text FROM summarizer.summary WHERE request_id = ?", requestId);
    }

    /**
     * Stores a summary unless the request already has a row.
     *
     * @return true when this call inserted the row
     */
    public boolean insert(UUID requestId, String patient, String encounter, String reason, String engine, String status,
            String summaryJson, String documentJson, String documentId) {
        String sql = "INSERT INTO summarizer.summary (request_id, patient, encounter, reason, engine, status, summary, "
                + "document, document_id) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) ON CONFLICT (request_id) DO NOTHING";
        return update(true, sql, ps -> {
            ps.setObject(1, requestId);
            ps.setString(2, patient);
            ps.setString(3, encounter);
            ps.setString(4, reason);
            ps.setString(5, engine);
            ps.setString(6, status);
            ps.setString(7, summaryJson);
            ps.setString(8, documentJson);
            ps.setString(9, documentId);
        }) == 1;
    }

    /** Records that the document of a request was acknowledged by the broker. */
    public void markPublished(UUID requestId) {
        update("UPDATE summarizer.summary SET published_at = now() WHERE request_id = ? AND published_at IS NULL",
                ps -> ps.setObject(1, requestId));
    }

    /**
     * Cancels a request: its row (and every row of the same patient and encounter, when an encounter is given) is
     * marked cancelled; when the request has no row yet, a cancelled row is inserted so that a later (re)delivery
     * of the original request produces nothing.
     *
     * @return rows marked or inserted
     */
    public int cancel(UUID requestId, String patient, String encounter, String reason) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement ps = c.prepareStatement("UPDATE summarizer.summary SET status = 'cancelled', "
                        + "cancelled_at = now() WHERE status <> 'cancelled' AND (request_id = ? OR "
                        + "(? IS NOT NULL AND patient = ? AND encounter = ?))")) {
                    ps.setObject(1, requestId);
                    ps.setString(2, encounter);
                    ps.setString(3, patient);
                    ps.setString(4, encounter);
                    changed = ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO summarizer.summary (request_id, patient, "
                        + "encounter, reason, status, cancelled_at) VALUES (?, ?, ?, ?, 'cancelled', now()) "
                        + "ON CONFLICT (request_id) DO NOTHING")) {
                    ps.setObject(1, requestId);
                    ps.setString(2, patient);
                    ps.setString(3, encounter);
                    ps.setString(4, reason);
                    changed += ps.executeUpdate();
                }
                c.commit();
                return changed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cancel failed", e);
        }
    }

    /** Inference attempts recorded for a request (0 when none). */
    public int attempts(UUID requestId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT attempts FROM summarizer.attempt WHERE request_id = ?")) {
            ps.setObject(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("attempt read failed", e);
        }
    }

    /** Records an inference attempt (committed before inference starts) and returns the new count. */
    public int recordAttempt(UUID requestId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO summarizer.attempt (request_id, attempts, "
                        + "last_started_at) VALUES (?, 1, now()) ON CONFLICT (request_id) DO UPDATE SET attempts = "
                        + "summarizer.attempt.attempts + 1, last_started_at = now() RETURNING attempts")) {
            ps.setObject(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("attempt write failed", e);
        }
    }

    /**
     * Takes back one attempt recorded by {@link #recordAttempt}: the attempt ended in a handled failure, not a crash,
     * so a redelivered or re-sent request must not count it towards the crash limit. Earlier attempts (crashes)
     * still count; the row goes when none is left.
     */
    public void releaseAttempt(UUID requestId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM summarizer.attempt WHERE request_id = ? AND attempts <= 1");
                PreparedStatement decrement = c.prepareStatement(
                        "UPDATE summarizer.attempt SET attempts = attempts - 1 WHERE request_id = ?")) {
            delete.setObject(1, requestId);
            if (delete.executeUpdate() == 0) {
                decrement.setObject(1, requestId);
                decrement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("attempt release failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        return update(false, sql, binder);
    }

    /** @param content the statement stores chart-derived content, which the database may refuse */
    private int update(boolean content, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (content && DatabaseFailure.of(e) == DatabaseFailure.REFUSED) {
                // e.g. SQLState 22P05, a NUL in jsonb: this content's fault, not an outage
                throw new UnstorableContentException(e.getSQLState(), e);
            }
            throw new StoreException("write failed", e);
        }
    }

    private Optional<String> text(String sql, UUID requestId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("read failed", e);
        }
    }

    private List<SummaryRow> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<SummaryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SummaryRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)),
                            instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getString(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("read failed", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * A database failure (message without patient data); its cause is the {@link SQLException}, which
     * {@link DatabaseFailure} classifies as an outage or a refused record.
     */
    public static class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message + " (" + cause.getClass().getSimpleName() + ")", cause);
        }
    }

    /** Content the database refuses to store ({@link DatabaseFailure#REFUSED}): a bad record, never an outage. */
    public static final class UnstorableContentException extends StoreException {
        private final String sqlState;

        UnstorableContentException(String sqlState, Throwable cause) {
            super("the database refused the content (SQLState " + sqlState + ")", cause);
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }
    }
}
