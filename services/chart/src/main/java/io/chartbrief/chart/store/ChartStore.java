package io.chartbrief.chart.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Write side of the chart: plain JDBC on a caller-owned connection (the caller holds the one transaction per
 * {@code ehr.events} record). All statements are explicit SQL; see services/chart/README.md.
 */
public final class ChartStore {

    /** "Newer wins" on (event_time, version_id); NULL event time orders before any time. */
    private static final String NEWER = """
            (COALESCE(excluded.event_time, '-infinity'::timestamptz), excluded.version_id)
              > (COALESCE(r.event_time, '-infinity'::timestamptz), r.version_id)""";
    private static final String SAME_ORDER_OTHER_BODY = """
            ((COALESCE(excluded.event_time, '-infinity'::timestamptz), excluded.version_id)
               = (COALESCE(r.event_time, '-infinity'::timestamptz), r.version_id)
             AND r.body IS DISTINCT FROM excluded.body)""";
    private static final String SET_ALL = """
            event_time = excluded.event_time, version_id = excluded.version_id,
            source_event_id = excluded.source_event_id, source_topic = excluded.source_topic,
            source_partition = excluded.source_partition, source_offset = excluded.source_offset,
            body = excluded.body, updated_at = excluded.updated_at""";

    /**
     * One statement for all resources of an event (arrays + unnest: one round trip). A row is replaced only by a
     * newer order key; at the same order key only by a different body (so an exact duplicate touches nothing).
     */
    static final String UPSERT = """
            INSERT INTO chart.resource AS r (patient_id, resource_type, resource_id, event_time, version_id,
                source_event_id, source_topic, source_partition, source_offset, body, updated_at)
            SELECT ?::text, t.resource_type, t.resource_id, ?::timestamptz, t.version_id, ?::text, ?::text, ?::int,
                   ?::bigint, t.body::jsonb, now()
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[]) AS t(resource_type, resource_id, version_id, body)
            ON CONFLICT (patient_id, resource_type, resource_id) DO UPDATE SET
            """ + SET_ALL + "\nWHERE " + NEWER + "\n   OR " + SAME_ORDER_OTHER_BODY
            + "\nRETURNING r.resource_type, r.resource_id";

    /**
     * Conditional creates: the row is inserted only when the chart has none for the key, and without an order
     * time, so it sorts before every version an update (PUT) brings, whatever that update's event time.
     */
    static final String INSERT_IF_ABSENT = """
            INSERT INTO chart.resource AS r (patient_id, resource_type, resource_id, event_time, version_id,
                source_event_id, source_topic, source_partition, source_offset, body, updated_at)
            SELECT ?::text, t.resource_type, t.resource_id, NULL, t.version_id, ?::text, ?::text, ?::int,
                   ?::bigint, t.body::jsonb, now()
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[]) AS t(resource_type, resource_id, version_id, body)
            ON CONFLICT (patient_id, resource_type, resource_id) DO NOTHING
            RETURNING r.resource_type, r.resource_id""";

    /** Copies a retired patient's rows to the survivor, rewriting subject/patient references (jsonb_set). */
    private static final String MOVE = """
            INSERT INTO chart.resource AS r (patient_id, resource_type, resource_id, event_time, version_id,
                source_event_id, source_topic, source_partition, source_offset, body, updated_at)
            SELECT p.survivor, o.resource_type, o.resource_id, o.event_time, o.version_id, o.source_event_id,
                   o.source_topic, o.source_partition, o.source_offset,
                   CASE WHEN b.body -> 'patient' ->> 'reference' = p.old_ref
                        THEN jsonb_set(b.body, '{patient,reference}', to_jsonb(p.new_ref)) ELSE b.body END,
                   now()
            FROM (SELECT ?::text AS survivor, ?::text AS old_ref, ?::text AS new_ref) p
            JOIN chart.resource o ON o.patient_id = ?
            CROSS JOIN LATERAL (SELECT CASE WHEN o.body -> 'subject' ->> 'reference' = p.old_ref
                   THEN jsonb_set(o.body, '{subject,reference}', to_jsonb(p.new_ref)) ELSE o.body END AS body) b
            ON CONFLICT (patient_id, resource_type, resource_id) DO UPDATE SET
            """ + SET_ALL + "\nWHERE " + NEWER;

    private ChartStore() {
    }

    /** The surviving patient id for {@code patientId}, following merge chains ({@code patientId} when not merged). */
    public static String resolvePatient(Connection c, String patientId) throws SQLException {
        String current = patientId;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT surviving_patient_id FROM chart.patient_merge WHERE retired_patient_id = ?")) {
            for (int hop = 0; hop < 32; hop++) {
                ps.setString(1, current);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return current;
                    }
                    String next = rs.getString(1);
                    if (next.equals(current)) {
                        return current;
                    }
                    current = next;
                }
            }
        }
        return current;
    }

    /** Whether the chart of (resolved) {@code patientId} holds its Patient resource. */
    public static boolean patientExists(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chart.resource "
                + "WHERE patient_id = ? AND resource_type = 'Patient' AND resource_id = ?")) {
            ps.setString(1, patientId);
            ps.setString(2, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One resource to upsert. */
    public record Row(String type, String id, long version, String json) {
    }

    /** Where the rows came from. */
    public record Source(String eventId, String topic, int partition, long offset, Instant eventTime) {
    }

    /** Upserts the rows into the chart of {@code patientId}; returns {@code Type/id} of the rows that changed. */
    public static Set<String> upsert(Connection c, String patientId, Source source, List<Row> rows)
            throws SQLException {
        Set<String> changed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, patientId);
            setInstant(ps, 2, source.eventTime());
            ps.setString(3, source.eventId());
            ps.setString(4, source.topic());
            ps.setInt(5, source.partition());
            ps.setLong(6, source.offset());
            bindRows(c, ps, 7, rows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
        }
        return changed;
    }

    /**
     * Inserts the rows of conditional creates into the chart of {@code patientId} where it holds no row for the
     * key yet (an existing row is left alone, whatever its order key). The inserted rows have no event time, so
     * any later update replaces them. Returns {@code Type/id} of the rows inserted.
     */
    public static Set<String> insertIfAbsent(Connection c, String patientId, Source source, List<Row> rows)
            throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_IF_ABSENT)) {
            ps.setString(1, patientId);
            ps.setString(2, source.eventId());
            ps.setString(3, source.topic());
            ps.setInt(4, source.partition());
            ps.setLong(5, source.offset());
            bindRows(c, ps, 6, rows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
        }
        return inserted;
    }

    private static void bindRows(Connection c, PreparedStatement ps, int first, List<Row> rows)
            throws SQLException {
        int n = rows.size();
        String[] types = new String[n];
        String[] ids = new String[n];
        Long[] versions = new Long[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            types[i] = row.type();
            ids[i] = row.id();
            versions[i] = row.version();
            bodies[i] = row.json();
        }
        ps.setArray(first, c.createArrayOf("text", types));
        ps.setArray(first + 1, c.createArrayOf("text", ids));
        ps.setArray(first + 2, c.createArrayOf("bigint", versions));
        ps.setArray(first + 3, c.createArrayOf("text", bodies));
    }

    /**
     * Records that {@code retired} was merged into {@code survivor} and moves everything of the retired patient's
     * chart (resources, admission triggers, earlier merges into it) to the survivor. Returns the rows moved.
     */
    public static int merge(Connection c, String retired, String survivor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO chart.patient_merge (retired_patient_id, surviving_patient_id, merged_at)
                VALUES (?, ?, now())
                ON CONFLICT (retired_patient_id) DO UPDATE SET surviving_patient_id = excluded.surviving_patient_id
                WHERE chart.patient_merge.surviving_patient_id <> excluded.surviving_patient_id""")) {
            ps.setString(1, retired);
            ps.setString(2, survivor);
            ps.executeUpdate();
        }
        // Keep chains one hop long: whoever was merged into the retired patient now points at the survivor.
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE chart.patient_merge SET surviving_patient_id = ? WHERE surviving_patient_id = ?")) {
            ps.setString(1, survivor);
            ps.setString(2, retired);
            ps.executeUpdate();
        }
        int moved;
        try (PreparedStatement ps = c.prepareStatement(MOVE)) {
            ps.setString(1, survivor);
            ps.setString(2, "Patient/" + retired);
            ps.setString(3, "Patient/" + survivor);
            ps.setString(4, retired);
            moved = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM chart.resource WHERE patient_id = ?")) {
            ps.setString(1, retired);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE chart.admission SET patient_id = ? WHERE patient_id = ?")) {
            ps.setString(1, survivor);
            ps.setString(2, retired);
            ps.executeUpdate();
        }
        return moved;
    }

    /** An admission trigger to schedule. */
    public record Admission(String encounterId, String patientId, Instant admittedAt, Instant dueAt,
            UUID requestId) {
    }

    /** Inserts ledger rows; an encounter that already has one (ever) is left alone. Returns rows inserted. */
    public static int scheduleAdmissions(Connection c, List<Admission> admissions) throws SQLException {
        if (admissions.isEmpty()) {
            return 0;
        }
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO chart.admission (encounter_id, patient_id, reason, admitted_at, due_at, request_id, state)
                VALUES (?, ?, 'admission', ?, ?, ?, 'pending')
                ON CONFLICT DO NOTHING""")) {
            for (Admission a : admissions) {
                ps.setString(1, a.encounterId());
                ps.setString(2, a.patientId());
                setInstant(ps, 3, a.admittedAt());
                setInstant(ps, 4, a.dueAt());
                ps.setObject(5, a.requestId());
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                inserted += Math.max(count, 0);
            }
        }
        return inserted;
    }

    /**
     * Cancels admission triggers: a pending one becomes {@code cancelled} (never published); an already published
     * one becomes {@code cancelling} (the scheduler publishes a {@code cancelled} request); their note re-summaries
     * are cancelled. Returns admission rows changed.
     */
    public static int cancelAdmissions(Connection c, List<String> encounterIds, Instant at) throws SQLException {
        if (encounterIds.isEmpty()) {
            return 0;
        }
        int changed = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE chart.admission
                SET state = CASE state WHEN 'pending' THEN 'cancelled' ELSE 'cancelling' END,
                    cancelled_at = ?, cancel_request_id = ?
                WHERE encounter_id = ? AND state IN ('pending', 'emitted')""")) {
            for (String encounterId : encounterIds) {
                setInstant(ps, 1, at);
                ps.setObject(2, cancelRequestId(encounterId));
                ps.setString(3, encounterId);
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                changed += Math.max(count, 0);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE chart.note_update SET state = 'cancelled' WHERE encounter_id = ? AND state <> 'cancelled'")) {
            for (String encounterId : encounterIds) {
                ps.setString(1, encounterId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return changed;
    }

    /**
     * A note arrived or changed for an encounter: its admission re-summary, due at {@code dueAt}. {@code requestId}
     * derives from the event, so a replayed record asks for the same summary.
     */
    public record NoteUpdate(String encounterId, Instant dueAt, UUID requestId) {
    }

    /**
     * Schedules re-summaries for notes: only for an admission whose summary was already requested ({@code emitted};
     * a pending admission summary will read the note anyway), admitted after {@code admittedAfter}, with fewer than
     * {@code maxPerEncounter} re-summaries published. A re-summary already pending takes the note along. Returns
     * the rows armed.
     */
    public static int scheduleNoteUpdates(Connection c, String patientId, List<NoteUpdate> updates,
            Instant admittedAfter, int maxPerEncounter) throws SQLException {
        if (updates.isEmpty()) {
            return 0;
        }
        int armed = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO chart.note_update AS n (encounter_id, patient_id, due_at, request_id, state)
                SELECT a.encounter_id, ?, ?, ?, 'pending' FROM chart.admission a
                WHERE a.encounter_id = ? AND a.state = 'emitted' AND a.admitted_at > ?
                ON CONFLICT (encounter_id) DO UPDATE
                SET patient_id = EXCLUDED.patient_id, due_at = EXCLUDED.due_at, request_id = EXCLUDED.request_id,
                    state = 'pending'
                WHERE n.state = 'emitted' AND n.published < ?""")) {
            for (NoteUpdate u : updates) {
                ps.setString(1, patientId);
                setInstant(ps, 2, u.dueAt());
                ps.setObject(3, u.requestId());
                ps.setString(4, u.encounterId());
                setInstant(ps, 5, admittedAfter);
                ps.setInt(6, maxPerEncounter);
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                armed += Math.max(count, 0);
            }
        }
        return armed;
    }

    /**
     * The patient's most recently admitted encounter whose admission summary was requested, if any (admissions
     * recorded under a patient id since merged into this one count).
     */
    public static Optional<String> latestSummarizedAdmission(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT encounter_id FROM chart.admission WHERE state = 'emitted' AND (patient_id = ? OR patient_id IN
                    (SELECT retired_patient_id FROM chart.patient_merge WHERE surviving_patient_id = ?))
                ORDER BY admitted_at DESC LIMIT 1""")) {
            ps.setString(1, patientId);
            ps.setString(2, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Deterministic request id of the re-summary a note event asks for. */
    public static UUID noteUpdateRequestId(String encounterId, Source source) {
        return UUID.nameUUIDFromBytes(("chartbrief/chart/note-update\u001f" + encounterId + "\u001f" + source.topic()
                + "/" + source.partition() + "@" + source.offset()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Deterministic request id of an encounter's admission trigger (same id on every replay). */
    public static UUID admissionRequestId(String encounterId) {
        return UUID.nameUUIDFromBytes(("chartbrief/chart/admission\u001f" + encounterId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Deterministic request id of the cancellation of an encounter's admission trigger. */
    public static UUID cancelRequestId(String encounterId) {
        return UUID.nameUUIDFromBytes(("chartbrief/chart/admission-cancel\u001f" + encounterId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }
}
