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
import java.util.Set;

/**
 * Write side of the chart: plain JDBC on a caller-owned connection (the caller holds the one transaction per
 * {@code ehr.events} record). All statements are explicit SQL; see docs/architecture.md ("Chart service internals").
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

    /** The stored body of one resource of {@code patientId}'s chart, if it is there. */
    public static java.util.Optional<String> body(Connection c, String patientId, String type, String id)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body::text FROM chart.resource "
                + "WHERE patient_id = ? AND resource_type = ? AND resource_id = ?")) {
            ps.setString(1, patientId);
            ps.setString(2, type);
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
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
        AdmissionLedger.movePatient(c, retired, survivor);
        return moved;
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }
}
