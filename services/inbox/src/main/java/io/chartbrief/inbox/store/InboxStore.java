package io.chartbrief.inbox.store;

import io.chartbrief.audit.AuditRecorder;
import io.chartbrief.inbox.service.InboxDocument;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The inbox tables (schema {@code inbox}, see V1__inbox.sql), plain JDBC. Items are unique per summary id, so a
 * redelivered record inserts nothing; the insert, the supersede bookkeeping and the change notification
 * ({@link ItemChanges}) are one transaction.
 */
@ApplicationScoped
public class InboxStore {

    static final String COLUMNS = "id, summary_id, patient, patient_name, encounter, state, superseded_by, created_at, "
            + "read_at, acknowledged_at, engine, ai_generated, verification, headline, unit, recipients";
    /**
     * The same columns as one reader sees them: state, read and acknowledged times are that reader's
     * ({@code inbox.reader_state}, V4), never a colleague's. Bind the reader first.
     */
    private static final String READER_VIEW = "SELECT i.id, i.summary_id, i.patient, i.patient_name, i.encounter, "
            + "CASE WHEN r.acknowledged_at IS NOT NULL THEN 'acknowledged' WHEN r.read_at IS NOT NULL THEN 'read' "
            + "ELSE 'new' END AS state, i.superseded_by, i.created_at, r.read_at, r.acknowledged_at, i.engine, "
            + "i.ai_generated, i.verification, i.headline, i.unit, i.recipients, i.content, i.evidence "
            + "FROM inbox.item i LEFT JOIN inbox.reader_state r ON r.item = i.id AND r.reader = ?";

    private final DataSource dataSource;

    public InboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Result of storing a summary: the new item and the older items it superseded (empty when a duplicate). */
    public record Stored(InboxItem item, List<InboxItem> superseded) {
    }

    /** An item with its detail ({@code document} and {@code evidence} JSON). */
    public record ItemDetail(InboxItem item, String contentJson, String evidenceJson) {
    }

    /** One page of a listing. */
    public record Page(List<InboxItem> items, long total) {
    }

    /** List filters; null fields do not filter. */
    public record Filter(String state, String patient, Instant since, boolean includeSuperseded, int limit, int offset) {
    }

    /**
     * Stores a summary as a new item unless its summary id is known, and supersedes older items of the same patient
     * and encounter (an item older by document time than a stored one is stored as superseded by it).
     *
     * @return the stored outcome, or empty for a duplicate
     */
    public Optional<Stored> insert(String summaryId, String verification, InboxDocument document, List<String> recipients,
            String contentJson, String evidenceJson, String bundleJson) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Serialize supersede decisions per patient+encounter (the partition order is per patient already).
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, document.patient() + "|" + document.encounter());
                    lock.execute();
                }
                int inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox.item (id, summary_id, patient, "
                        + "patient_name, encounter, document_time, engine, ai_generated, verification, headline, unit, "
                        + "recipients, content, evidence, bundle, patient_identifiers, encounter_identifiers) VALUES (?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?) ON CONFLICT (summary_id) DO NOTHING")) {
                    ps.setObject(1, id);
                    ps.setString(2, summaryId);
                    ps.setString(3, document.patient());
                    ps.setString(4, document.patientName());
                    ps.setString(5, document.encounter());
                    ps.setTimestamp(6, Timestamp.from(document.documentTime()));
                    ps.setString(7, document.engineKind());
                    ps.setBoolean(8, document.aiGenerated());
                    ps.setString(9, verification);
                    ps.setString(10, document.headline());
                    ps.setString(11, document.recipients().units().isEmpty() ? null : document.recipients().units().get(0));
                    ps.setArray(12, c.createArrayOf("text", recipients.toArray()));
                    ps.setString(13, contentJson);
                    ps.setString(14, evidenceJson);
                    ps.setString(15, bundleJson);
                    ps.setArray(16, c.createArrayOf("text", document.identifiers().patient().toArray()));
                    ps.setArray(17, c.createArrayOf("text", document.identifiers().encounter().toArray()));
                    inserted = ps.executeUpdate();
                }
                if (inserted == 0) {
                    c.rollback();
                    return Optional.empty();
                }
                UUID newer = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM inbox.item WHERE patient = ? AND "
                        + "encounter IS NOT DISTINCT FROM ? AND superseded_by IS NULL AND id <> ? AND document_time > ? "
                        + "ORDER BY document_time DESC LIMIT 1")) {
                    ps.setString(1, document.patient());
                    ps.setString(2, document.encounter());
                    ps.setObject(3, id);
                    ps.setTimestamp(4, Timestamp.from(document.documentTime()));
                    try (ResultSet rs = ps.executeQuery()) {
                        newer = rs.next() ? rs.getObject(1, UUID.class) : null;
                    }
                }
                List<InboxItem> superseded = new ArrayList<>();
                if (newer != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE inbox.item SET superseded_by = ? WHERE id = ?")) {
                        ps.setObject(1, newer);
                        ps.setObject(2, id);
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE inbox.item SET superseded_by = ? WHERE "
                            + "patient = ? AND encounter IS NOT DISTINCT FROM ? AND superseded_by IS NULL AND id <> ? "
                            + "RETURNING " + COLUMNS)) {
                        ps.setObject(1, id);
                        ps.setString(2, document.patient());
                        ps.setString(3, document.encounter());
                        ps.setObject(4, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                superseded.add(item(rs));
                            }
                        }
                    }
                }
                InboxItem item = find(c, id).orElseThrow().item();
                // Every replica's listener learns of the item once this commits (and not if it rolls back).
                ItemChanges.announce(c, id);
                c.commit();
                return Optional.of(new Stored(item, superseded));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Items whose recipients overlap {@code keys}, newest first, each in {@code reader}'s state. */
    public Page list(List<String> keys, String reader, Filter filter) throws SQLException {
        StringBuilder where = new StringBuilder(" FROM (" + READER_VIEW + ") v WHERE recipients && ?");
        List<Object> args = new ArrayList<>();
        if (filter.state() != null) {
            where.append(" AND state = ?");
            args.add(filter.state());
        }
        if (filter.patient() != null) {
            where.append(" AND patient = ?");
            args.add(filter.patient());
        }
        if (filter.since() != null) {
            where.append(" AND created_at >= ?");
            args.add(Timestamp.from(filter.since()));
        }
        if (!filter.includeSuperseded()) {
            where.append(" AND superseded_by IS NULL");
        }
        try (Connection c = dataSource.getConnection()) {
            Array keyArray = c.createArrayOf("text", keys.toArray());
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + where)) {
                bind(ps, reader, keyArray, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<InboxItem> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + where
                    + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                int next = bind(ps, reader, keyArray, args);
                ps.setInt(next++, filter.limit());
                ps.setInt(next, filter.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(item(rs));
                    }
                }
            }
            return new Page(items, total);
        }
    }

    /** An item with its detail in {@code reader}'s state, whoever it is routed to. */
    public Optional<ItemDetail> find(UUID id, String reader) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", content::text, evidence::text FROM ("
                        + READER_VIEW + ") v WHERE id = ?")) {
            ps.setString(1, reader);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ItemDetail(item(rs), rs.getString("content"), rs.getString("evidence")))
                        : Optional.empty();
            }
        }
    }

    /** Marks an item read by {@code reader} (acknowledged stays acknowledged); returns it in their state. */
    public Optional<InboxItem> markRead(UUID id, String reader) throws SQLException {
        return readerChange("INSERT INTO inbox.reader_state (item, reader, read_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (item, reader) DO UPDATE SET read_at = coalesce(inbox.reader_state.read_at, now())",
                id, reader);
    }

    /** Marks an item acknowledged (and read) by {@code reader}; returns it in their state. */
    public Optional<InboxItem> markAcknowledged(UUID id, String reader) throws SQLException {
        return readerChange("INSERT INTO inbox.reader_state (item, reader, read_at, acknowledged_at) VALUES (?, ?, "
                + "now(), now()) ON CONFLICT (item, reader) DO UPDATE SET read_at = coalesce(inbox.reader_state.read_at, "
                + "now()), acknowledged_at = coalesce(inbox.reader_state.acknowledged_at, now())", id, reader);
    }

    private Optional<InboxItem> readerChange(String upsert, UUID id, String reader) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(upsert)) {
            ps.setObject(1, id);
            ps.setString(2, reader);
            ps.executeUpdate();
        }
        return find(id, reader).map(ItemDetail::item);
    }

    /** Writes audit rows (one per item or, for a list, per patient), in one batch. */
    public void audit(List<AuditRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO inbox.audit_event (id, recorded, type, subtype, "
                        + "action, outcome, outcome_desc, agent_subject, source, entity_patient, resource, "
                        + "agent_practitioner, client_address, entity_item) "
                        + "VALUES (?, ?, 'rest', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
            for (AuditRecord record : records) {
                AuditRecorder.bind(ps, record.event(), record.source());
                ps.setString(6, record.outcomeDescription());
                ps.setString(11, record.practitioner());
                ps.setString(12, record.clientAddress());
                ps.setString(13, record.item());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Optional<ItemDetail> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + ", content::text, evidence::text FROM inbox.item WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ItemDetail(item(rs), rs.getString("content"), rs.getString("evidence")))
                        : Optional.empty();
            }
        }
    }

    private static int bind(PreparedStatement ps, String reader, Array keys, List<Object> args) throws SQLException {
        ps.setString(1, reader);
        ps.setArray(2, keys);
        int i = 3;
        for (Object arg : args) {
            ps.setObject(i++, arg);
        }
        return i;
    }

    static InboxItem item(ResultSet rs) throws SQLException {
        Array recipients = rs.getArray("recipients");
        return new InboxItem(rs.getObject("id", UUID.class), rs.getString("summary_id"), rs.getString("patient"),
                rs.getString("patient_name"), rs.getString("encounter"), rs.getString("state"),
                rs.getObject("superseded_by", UUID.class), instant(rs, "created_at"), instant(rs, "read_at"),
                instant(rs, "acknowledged_at"), rs.getString("engine"), rs.getBoolean("ai_generated"),
                rs.getString("verification"), rs.getString("headline"), rs.getString("unit"),
                recipients == null ? List.of() : Arrays.asList((String[]) recipients.getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
