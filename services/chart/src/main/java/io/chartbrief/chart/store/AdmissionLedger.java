package io.chartbrief.chart.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admission ledger ({@code chart.admission}, one row per inpatient encounter, ever) and its note re-summaries
 * ({@code chart.note_update}, one row per encounter): what summary requests are due and what was published. Every
 * state change of both tables is here.
 *
 * <pre>
 * admission:   PENDING → EMITTED → CANCELLING → CANCEL_EMITTED        PENDING → CANCELLED (never published)
 * note update: PENDING → EMITTED → PENDING → …                        any → CANCELLED (admission cancelled)
 * </pre>
 * Request ids are deterministic, so a re-publication (crash between the broker's acknowledgement and the state
 * change, replay into an empty chart) carries the same id and consumers deduplicate.
 */
public final class AdmissionLedger {

    /** States of an admission row. */
    public enum State {
        /** Scheduled; published once {@code due_at} has passed. */
        PENDING("pending"),
        /** Its admission request was published. */
        EMITTED("emitted"),
        /** Cancelled (ADT^A11) before it was published: nothing is ever published. */
        CANCELLED("cancelled"),
        /** Cancelled after it was published: a cancellation request is due. */
        CANCELLING("cancelling"),
        /** The cancellation request was published. */
        CANCEL_EMITTED("cancel-emitted");

        /** The value stored in {@code state}. */
        public final String code;

        State(String code) {
            this.code = code;
        }
    }

    /** An admission to schedule. */
    public record Admission(String encounterId, String patientId, Instant admittedAt, Instant dueAt,
            UUID requestId) {
    }

    /**
     * A note arrived or changed for an encounter: its re-summary, due at {@code dueAt}. {@code requestId} derives
     * from the event, so a replayed record asks for the same summary.
     */
    public record NoteUpdate(String encounterId, Instant dueAt, UUID requestId) {
    }

    /** What a due row asks the scheduler to publish. */
    public enum Kind { ADMISSION, CANCELLATION, NOTE_UPDATE }

    /** A due summary request: publish it, then record it with {@link #published}. */
    public record Due(Kind kind, String encounterId, String patientId, UUID requestId) {
    }

    private static final String NOTE_PENDING = "pending";
    private static final String NOTE_EMITTED = "emitted";
    private static final String NOTE_CANCELLED = "cancelled";

    private AdmissionLedger() {
    }

    /** Inserts ledger rows; an encounter that already has one (ever) is left alone. Returns rows inserted. */
    public static int schedule(Connection c, List<Admission> admissions) throws SQLException {
        if (admissions.isEmpty()) {
            return 0;
        }
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO chart.admission (encounter_id, patient_id, reason, admitted_at, due_at, request_id, state)
                VALUES (?, ?, 'admission', ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            for (Admission a : admissions) {
                ps.setString(1, a.encounterId());
                ps.setString(2, a.patientId());
                ChartStore.setInstant(ps, 3, a.admittedAt());
                ChartStore.setInstant(ps, 4, a.dueAt());
                ps.setObject(5, a.requestId());
                ps.setString(6, State.PENDING.code);
                ps.addBatch();
            }
            inserted = sum(ps.executeBatch());
        }
        return inserted;
    }

    /**
     * Cancels admissions: a pending one becomes {@link State#CANCELLED} (never published); an already published one
     * becomes {@link State#CANCELLING} (a {@code cancelled} request is due); their note re-summaries are cancelled.
     * Returns admission rows changed.
     */
    public static int cancel(Connection c, List<String> encounterIds, Instant at) throws SQLException {
        if (encounterIds.isEmpty()) {
            return 0;
        }
        int changed;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE chart.admission
                SET state = CASE state WHEN ? THEN ? ELSE ? END, cancelled_at = ?, cancel_request_id = ?
                WHERE encounter_id = ? AND state IN (?, ?)""")) {
            for (String encounterId : encounterIds) {
                ps.setString(1, State.PENDING.code);
                ps.setString(2, State.CANCELLED.code);
                ps.setString(3, State.CANCELLING.code);
                ChartStore.setInstant(ps, 4, at);
                ps.setObject(5, cancelRequestId(encounterId));
                ps.setString(6, encounterId);
                ps.setString(7, State.PENDING.code);
                ps.setString(8, State.EMITTED.code);
                ps.addBatch();
            }
            changed = sum(ps.executeBatch());
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE chart.note_update SET state = ? WHERE encounter_id = ? AND state <> ?")) {
            for (String encounterId : encounterIds) {
                ps.setString(1, NOTE_CANCELLED);
                ps.setString(2, encounterId);
                ps.setString(3, NOTE_CANCELLED);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return changed;
    }

    /**
     * Arms re-summaries for notes: only for an admission whose request was published ({@link State#EMITTED}; a
     * pending admission summary reads the note anyway), admitted after {@code admittedAfter}, with fewer than
     * {@code maxPerEncounter} re-summaries published. A re-summary already pending takes the note along. Returns
     * the rows armed.
     */
    public static int scheduleNoteUpdates(Connection c, String patientId, List<NoteUpdate> updates,
            Instant admittedAfter, int maxPerEncounter) throws SQLException {
        if (updates.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO chart.note_update AS n (encounter_id, patient_id, due_at, request_id, state)
                SELECT a.encounter_id, ?, ?, ?, ? FROM chart.admission a
                WHERE a.encounter_id = ? AND a.state = ? AND a.admitted_at > ?
                ON CONFLICT (encounter_id) DO UPDATE
                SET patient_id = EXCLUDED.patient_id, due_at = EXCLUDED.due_at, request_id = EXCLUDED.request_id,
                    state = EXCLUDED.state
                WHERE n.state = ? AND n.published < ?""")) {
            for (NoteUpdate u : updates) {
                ps.setString(1, patientId);
                ChartStore.setInstant(ps, 2, u.dueAt());
                ps.setObject(3, u.requestId());
                ps.setString(4, NOTE_PENDING);
                ps.setString(5, u.encounterId());
                ps.setString(6, State.EMITTED.code);
                ChartStore.setInstant(ps, 7, admittedAfter);
                ps.setString(8, NOTE_EMITTED);
                ps.setInt(9, maxPerEncounter);
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    /** The patient's most recently admitted encounter whose admission request was published, if any. */
    public static Optional<String> latestSummarized(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT encounter_id FROM chart.admission WHERE patient_id = ? AND state = ?
                ORDER BY admitted_at DESC LIMIT 1""")) {
            ps.setString(1, patientId);
            ps.setString(2, State.EMITTED.code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Claims the due requests, oldest first, at most {@code limit} of each table: admissions pending past their due
     * time, cancellations to announce, note re-summaries past their due time of admissions still standing. Each row
     * is claimed by one caller only — rows another replica is claiming are skipped ({@code FOR UPDATE SKIP LOCKED})
     * and a claim holds for {@code lease} (database clock) — so with several chart replicas each request is
     * published once; a claim whose replica died runs out and the row is claimed again.
     */
    public static List<Due> claimDue(Connection c, Instant now, int limit, Duration lease) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE chart.admission a SET claimed_until = now() + make_interval(secs => ?)
                WHERE a.encounter_id IN (
                    SELECT encounter_id FROM chart.admission
                    WHERE ((state = ? AND due_at <= ?) OR state = ?)
                      AND (claimed_until IS NULL OR claimed_until <= now())
                    ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING a.encounter_id, a.patient_id, a.request_id, a.state, a.cancel_request_id, a.due_at""")) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setString(2, State.PENDING.code);
            ChartStore.setInstant(ps, 3, now);
            ps.setString(4, State.CANCELLING.code);
            ps.setInt(5, limit);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean cancelling = State.CANCELLING.code.equals(rs.getString(4));
                    rows.add(new Object[] {rs.getObject(6, java.time.OffsetDateTime.class), new Due(
                            cancelling ? Kind.CANCELLATION : Kind.ADMISSION, rs.getString(1), rs.getString(2),
                            rs.getObject(cancelling ? 5 : 3, UUID.class))});
                }
            }
            rows.sort(java.util.Comparator.comparing(r -> (java.time.OffsetDateTime) r[0],
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
            rows.forEach(r -> due.add((Due) r[1]));
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE chart.note_update n SET claimed_until = now() + make_interval(secs => ?)
                WHERE (n.encounter_id, n.request_id) IN (
                    SELECT u.encounter_id, u.request_id FROM chart.note_update u
                    JOIN chart.admission a ON a.encounter_id = u.encounter_id AND a.state = ?
                    WHERE u.state = ? AND u.due_at <= ? AND (u.claimed_until IS NULL OR u.claimed_until <= now())
                    ORDER BY u.due_at LIMIT ? FOR UPDATE OF u SKIP LOCKED)
                RETURNING n.encounter_id, n.patient_id, n.request_id""")) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setString(2, State.EMITTED.code);
            ps.setString(3, NOTE_PENDING);
            ChartStore.setInstant(ps, 4, now);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(Kind.NOTE_UPDATE, rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class)));
                }
            }
        }
        return due;
    }

    /** Gives claimed requests back (their publication failed): the next tick of any replica claims them again. */
    public static void release(Connection c, List<Due> claimed) throws SQLException {
        for (Due due : claimed) {
            String sql = due.kind() == Kind.NOTE_UPDATE
                    ? "UPDATE chart.note_update SET claimed_until = NULL WHERE encounter_id = ? AND request_id = ?"
                    : "UPDATE chart.admission SET claimed_until = NULL WHERE encounter_id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, due.encounterId());
                if (due.kind() == Kind.NOTE_UPDATE) {
                    ps.setObject(2, due.requestId());
                }
                ps.executeUpdate();
            }
        }
    }

    /**
     * Records that the broker acknowledged a due request. An admission cancelled while it was being published
     * becomes {@link State#CANCELLING}, so its cancellation is announced on the next tick.
     */
    public static void published(Connection c, Due due) throws SQLException {
        String sql = switch (due.kind()) {
            case ADMISSION -> "UPDATE chart.admission SET emitted_at = now(), claimed_until = NULL, state = CASE state "
                    + "WHEN ? THEN ? WHEN ? THEN ? ELSE state END WHERE encounter_id = ?";
            case CANCELLATION -> "UPDATE chart.admission SET state = ?, claimed_until = NULL WHERE encounter_id = ? "
                    + "AND state = ?";
            case NOTE_UPDATE -> "UPDATE chart.note_update SET state = ?, emitted_at = now(), claimed_until = NULL, "
                    + "published = published + 1 WHERE encounter_id = ? AND request_id = ? AND state = ?";
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            switch (due.kind()) {
                case ADMISSION -> {
                    ps.setString(1, State.PENDING.code);
                    ps.setString(2, State.EMITTED.code);
                    ps.setString(3, State.CANCELLED.code);
                    ps.setString(4, State.CANCELLING.code);
                    ps.setString(5, due.encounterId());
                }
                case CANCELLATION -> {
                    ps.setString(1, State.CANCEL_EMITTED.code);
                    ps.setString(2, due.encounterId());
                    ps.setString(3, State.CANCELLING.code);
                }
                case NOTE_UPDATE -> {
                    ps.setString(1, NOTE_EMITTED);
                    ps.setString(2, due.encounterId());
                    ps.setObject(3, due.requestId());
                    ps.setString(4, NOTE_PENDING);
                }
            }
            ps.executeUpdate();
        }
    }

    /** Moves a retired patient's ledger rows to the survivor (patient merge). */
    static void movePatient(Connection c, String retired, String survivor) throws SQLException {
        for (String table : List.of("chart.admission", "chart.note_update")) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE " + table + " SET patient_id = ? WHERE patient_id = ?")) {
                ps.setString(1, survivor);
                ps.setString(2, retired);
                ps.executeUpdate();
            }
        }
    }

    /** Deterministic request id of an encounter's admission request (same id on every replay). */
    public static UUID admissionRequestId(String encounterId) {
        return nameUuid("chartbrief/chart/admission\u001f" + encounterId);
    }

    /** Deterministic request id of the cancellation of an encounter's admission request. */
    public static UUID cancelRequestId(String encounterId) {
        return nameUuid("chartbrief/chart/admission-cancel\u001f" + encounterId);
    }

    /** Deterministic request id of the re-summary a note event asks for. */
    public static UUID noteUpdateRequestId(String encounterId, ChartStore.Source source) {
        return nameUuid("chartbrief/chart/note-update\u001f" + encounterId + "\u001f" + source.topic() + "/"
                + source.partition() + "@" + source.offset());
    }

    private static UUID nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += Math.max(count, 0);
        }
        return total;
    }
}
