package io.chartbrief.outbound.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The delivery ledger ({@code outbound.delivery}, V1__outbound.sql): one row per (summary id, connector), written
 * before the first send and kept, so a summary read again — after a restart, a rebalance, a replay — is sent again
 * only while no send of it was accepted. Plain JDBC; every method is one transaction.
 */
@ApplicationScoped
public class DeliveryLedger {

    private static final String COLUMNS = "summary_id, connector, status, kind, parent_summary_id, transmission_id, attempts";

    private final DataSource dataSource;

    public DeliveryLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The ledger row of a summary for a connector, created when there is none. A new row is {@code pending}: a
     * {@code replacement} of the newest document of the same patient and encounter the connector delivered, else
     * {@code new}; or {@code skipped} when that delivered document is newer than this one (a late redelivery must
     * never replace a newer summary at the receiver). Serialized per connector, patient and encounter, so two
     * summaries of one admission never both become the first document.
     */
    public Entry claim(String summaryId, String connector, String patient, String encounter, Instant documentTime)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Entry entry = claim(c, summaryId, connector, patient, encounter, documentTime);
                c.commit();
                return entry;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Entry claim(Connection c, String summaryId, String connector, String patient, String encounter,
            Instant documentTime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, connector + "|" + patient + "|" + (encounter == null ? "" : encounter));
            ps.execute();
        }
        Optional<Entry> existing = find(c, summaryId, connector);
        if (existing.isPresent()) {
            return existing.get();
        }
        String parent = null;
        Instant parentTime = null;
        if (encounter != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT summary_id, document_time FROM outbound.delivery "
                    + "WHERE connector = ? AND patient = ? AND encounter = ? AND status = 'delivered' AND summary_id <> ? "
                    + "ORDER BY document_time DESC, delivered_at DESC LIMIT 1")) {
                ps.setString(1, connector);
                ps.setString(2, patient);
                ps.setString(3, encounter);
                ps.setString(4, summaryId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        parent = rs.getString(1);
                        parentTime = rs.getTimestamp(2).toInstant();
                    }
                }
            }
        }
        String status = parentTime != null && parentTime.isAfter(documentTime) ? Status.SKIPPED : Status.PENDING;
        String kind = parent == null ? Kind.NEW : Kind.REPLACEMENT;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound.delivery (summary_id, connector, patient, "
                + "encounter, document_time, status, kind, parent_summary_id, transmission_id) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, summaryId);
            ps.setString(2, connector);
            ps.setString(3, patient);
            ps.setString(4, encounter);
            ps.setTimestamp(5, Timestamp.from(documentTime));
            ps.setString(6, status);
            ps.setString(7, kind);
            ps.setString(8, parent);
            ps.setString(9, transmissionId(summaryId, connector));
            ps.executeUpdate();
        }
        return find(c, summaryId, connector).orElseThrow();
    }

    /** Counts a failed send and its reason; the row stays {@code pending}. */
    public void recordFailedAttempt(String summaryId, String connector, int attempts, String reason) throws SQLException {
        update(summaryId, connector, Status.PENDING, attempts, reason);
    }

    /** Ends a delivery: {@code delivered}, {@code rejected} or {@code failed}. */
    public void finish(String summaryId, String connector, String status, int attempts, String reason)
            throws SQLException {
        update(summaryId, connector, status, attempts, reason);
    }

    /** The row of a summary for a connector. */
    public Optional<Entry> find(String summaryId, String connector) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, summaryId, connector);
        }
    }

    private void update(String summaryId, String connector, String status, int attempts, String reason)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE outbound.delivery SET status = ?, attempts = ?, "
                        + "last_error = ?, updated_at = now(), delivered_at = CASE WHEN ? THEN now() ELSE delivered_at END "
                        + "WHERE summary_id = ? AND connector = ?")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setString(3, reason);
            ps.setBoolean(4, Status.DELIVERED.equals(status));
            ps.setString(5, summaryId);
            ps.setString(6, connector);
            ps.executeUpdate();
        }
    }

    private static Optional<Entry> find(Connection c, String summaryId, String connector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM outbound.delivery WHERE summary_id = ? AND connector = ?")) {
            ps.setString(1, summaryId);
            ps.setString(2, connector);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)));
            }
        }
    }

    /**
     * MSH-10 of a document's transmissions: 20 characters (the HL7 v2.5 limit), random per ledger row, so no
     * two documents share one and every resend of the same document carries the same.
     */
    private static String transmissionId(String summaryId, String connector) {
        String random = UUID.randomUUID().toString().replace("-", "");
        String seed = UUID.nameUUIDFromBytes((summaryId + "|" + connector).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
        return ("CB" + seed.substring(0, 6) + random).substring(0, 20).toUpperCase();
    }

    /** Row status values. */
    public static final class Status {
        public static final String PENDING = "pending";
        public static final String DELIVERED = "delivered";
        public static final String REJECTED = "rejected";
        public static final String FAILED = "failed";
        public static final String SKIPPED = "skipped";

        private Status() {
        }
    }

    /** Row kind values. */
    public static final class Kind {
        public static final String NEW = "new";
        public static final String REPLACEMENT = "replacement";

        private Kind() {
        }
    }

    /** One ledger row. */
    public record Entry(String summaryId, String connector, String status, String kind, String parentSummaryId,
            String transmissionId, int attempts) {

        /**
         * Whether nothing is left to send: accepted, or skipped as older. A rejected or given-up document is sent
         * again when its record is read again — a replay from {@code ehr.dlq} once the cause is fixed.
         */
        public boolean settled() {
            return Status.DELIVERED.equals(status) || Status.SKIPPED.equals(status);
        }
    }
}
