package io.chartbrief.chart.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.chart.config.ChartConfig;
import io.chartbrief.chart.service.EventParser.RejectedEventException;
import io.chartbrief.chart.store.ChartStore;
import io.chartbrief.chart.store.AdmissionLedger;
import io.chartbrief.chart.store.AdmissionLedger.Admission;
import io.chartbrief.chart.store.ChartStore.Row;
import io.chartbrief.chart.store.ChartStore.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.chartbrief.outage.DatabaseFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Applies one {@code ehr.events} record to the chart in ONE database transaction: merges (A40), the resources
 * (newer-wins upsert; insert-if-absent for conditional creates, {@code POST} + {@code ifNoneExist}), the
 * admission trigger ledger (schedule / cancel) and the note re-summaries ({@link NoteArrivals}). Either everything of the record is committed or nothing. Records
 * of one Kafka poll share the transaction (see {@link #applyAll}). A bad record is answered
 * {@link ApplyOutcome.Rejected} (nothing written), and so is a record whose content the database refuses
 * ({@link DatabaseFailure#REFUSED}, e.g. SQLState 22P05); a database outage ({@link DatabaseFailure#OUTAGE}) is
 * thrown ({@link ChartUnavailableException}), so the consumer waits and applies the same records again instead of
 * skipping them.
 */
@ApplicationScoped
public class ChartApplier {

    private static final Logger LOG = Logger.getLogger(ChartApplier.class);
    private static final Set<String> INPATIENT_CLASSES = Set.of("IMP", "ACUTE");
    private static final Set<String> ADMITTED_STATUSES = Set.of("arrived", "in-progress");

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final EventParser parser;
    private final ChartConfig config;
    private final Counter applied;
    private final Timer latency;

    public ChartApplier(DataSource dataSource, ObjectMapper mapper, ChartConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.parser = new EventParser(mapper);
        this.config = config;
        this.applied = Counter.builder("chartbrief.chart.events.applied")
                .description("ehr.events records applied to the chart").register(registry);
        this.latency = Timer.builder("chartbrief.chart.apply.latency")
                .description("Time to apply an ehr.events record: its poll batch's parse + one DB transaction")
                .register(registry);
    }

    /** Applies one record; see the class comment. */
    public ApplyOutcome apply(IncomingEvent record) {
        return applyAll(List.of(record)).get(0);
    }

    /**
     * Applies records of one partition, in order, in ONE transaction (what a Kafka poll returned): each record's
     * writes are all-or-nothing, and all of them commit together before any of them is acknowledged. Rejected
     * records write nothing. Returns one outcome per record, in order.
     */
    public List<ApplyOutcome> applyAll(List<IncomingEvent> records) {
        long start = System.nanoTime();
        List<ApplyOutcome> outcomes = new ArrayList<>(records.size());
        List<ParsedEvent> parsed = new ArrayList<>(records.size());
        List<ApplyOutcome.Rejected> rejected = new ArrayList<>(records.size());
        boolean anyValid = false;
        for (IncomingEvent record : records) {
            try {
                parsed.add(parser.parse(record));
                rejected.add(null);
                anyValid = true;
            } catch (RejectedEventException e) {
                parsed.add(null);
                rejected.add(new ApplyOutcome.Rejected(e.getMessage()));
            }
        }
        if (!anyValid) {
            return new ArrayList<>(rejected);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, String> resolved = new HashMap<>();
                for (int i = 0; i < records.size(); i++) {
                    ParsedEvent event = parsed.get(i);
                    outcomes.add(event == null ? rejected.get(i)
                            : applyInTransaction(c, resolved, records.get(i), event));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (DatabaseFailure.of(e) == DatabaseFailure.OUTAGE) {
                throw new ChartUnavailableException("chart database write failed: " + e.getSQLState(), e);
            }
            // The database refuses some record's content (a NUL in jsonb, SQLState 22P05): not an outage. Apply the
            // batch one record per transaction, so that only the bad record is rejected (and dead-lettered).
            if (records.size() > 1) {
                List<ApplyOutcome> one = new ArrayList<>(records.size());
                for (IncomingEvent record : records) {
                    one.add(applyAll(List.of(record)).get(0));
                }
                return one;
            }
            return List.of(new ApplyOutcome.Rejected("the database refused the event's content (SQLState "
                    + e.getSQLState() + ")"));
        }
        long elapsed = System.nanoTime() - start;
        for (ApplyOutcome outcome : outcomes) {
            if (outcome instanceof ApplyOutcome.Applied) {
                applied.increment();
                latency.record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
        return outcomes;
    }

    private ApplyOutcome applyInTransaction(Connection c, Map<String, String> resolved, IncomingEvent record,
            ParsedEvent event) throws SQLException {
        String patientId = resolve(c, resolved, event.patientId());

        Set<String> bundlePatients = new HashSet<>();
        for (ParsedEvent.Entry entry : event.entries()) {
            if ("Patient".equals(entry.type())) {
                bundlePatients.add(entry.id());
            }
        }
        Set<String> known = new HashSet<>();
        if (!isKnown(c, resolved, known, bundlePatients, event.patientId())) {
            return new ApplyOutcome.Rejected("unknown patient: the record key names a patient that is neither in "
                    + "the Bundle nor in the chart");
        }
        int index = 0;
        for (ParsedEvent.Entry entry : event.entries()) {
            for (String path : List.of("subject", "patient")) {
                String ref = EventParser.patientId(entry.body().path(path).path("reference").asText(null));
                if (ref != null && !isKnown(c, resolved, known, bundlePatients, ref)) {
                    return new ApplyOutcome.Rejected("entry " + index + " (" + entry.type() + ") " + path
                            + " references a patient that is neither in the Bundle nor in the chart");
                }
            }
            index++;
        }

        // A40 and friends: a Patient in the Bundle that is replaced-by another one retires its id.
        int merges = 0;
        for (ParsedEvent.Entry entry : event.entries()) {
            if (!"Patient".equals(entry.type())) {
                continue;
            }
            for (JsonNode link : entry.body().path("link")) {
                String other = EventParser.patientId(link.path("other").path("reference").asText(null));
                if ("replaced-by".equals(link.path("type").asText()) && other != null) {
                    String survivor = resolve(c, resolved, other);
                    if (!survivor.equals(entry.id())) {
                        ChartStore.merge(c, entry.id(), survivor);
                        resolved.clear();
                        merges++;
                    }
                }
            }
        }
        if (merges > 0) {
            patientId = resolve(c, resolved, event.patientId());
        }

        List<Row> rows = new ArrayList<>(event.entries().size());
        List<Row> createIfAbsent = new ArrayList<>(1);
        // A merge batch (A40 with several PID/MRG pairs) names other surviving patients: each one's Patient row
        // goes into that patient's own chart, never into the chart of the record's patient.
        Map<String, List<Row>> otherCharts = new java.util.TreeMap<>();
        for (ParsedEvent.Entry entry : event.entries()) {
            rewritePatientReference(c, resolved, entry.body(), "subject");
            rewritePatientReference(c, resolved, entry.body(), "patient");
            if ("Specimen".equals(entry.type())) {
                SpecimenRequests.keepStored(c, patientId, entry.id(), entry.body(), mapper);
            }
            Row row = new Row(entry.type(), entry.id(), entry.version(), json(entry.body()));
            String owner = "Patient".equals(entry.type()) && merges > 0 ? resolve(c, resolved, entry.id()) : patientId;
            if (!owner.equals(patientId)) {
                otherCharts.computeIfAbsent(owner, k -> new ArrayList<>()).add(row);
            } else {
                (entry.createIfAbsent() ? createIfAbsent : rows).add(row);
            }
        }
        Source source = new Source(event.sourceEventId(), record.topic(), record.partition(), record.offset(),
                event.eventTime());
        for (Map.Entry<String, List<Row>> other : otherCharts.entrySet()) {
            ChartStore.upsert(c, other.getKey(), source, other.getValue());
        }
        Set<String> changed = rows.isEmpty() ? new HashSet<>() : ChartStore.upsert(c, patientId, source, rows);
        // conditional creates (e.g. the Encounter a lab result names): stored only if absent, never replacing
        changed.addAll(ChartStore.insertIfAbsent(c, patientId, source, createIfAbsent));

        Instant now = Instant.now();
        List<Admission> admissions = new ArrayList<>();
        List<String> cancels = new ArrayList<>();
        for (ParsedEvent.Entry entry : event.entries()) {
            if (!"Encounter".equals(entry.type()) || !changed.contains("Encounter/" + entry.id())) {
                continue;
            }
            String status = entry.body().path("status").asText("");
            if ("cancelled".equals(status)) {
                cancels.add(entry.id());
            } else if (ADMITTED_STATUSES.contains(status)
                    && INPATIENT_CLASSES.contains(entry.body().path("class").path("code").asText(""))) {
                admissions.add(new Admission(entry.id(), patientId, now,
                        now.plus(config.trigger().settleWindow()), AdmissionLedger.admissionRequestId(entry.id())));
            }
        }
        int scheduled = AdmissionLedger.schedule(c, admissions);
        int cancelled = AdmissionLedger.cancel(c, cancels, now);
        int noteUpdates = 0;
        if (config.trigger().noteUpdates() && changed.stream().anyMatch(ref -> ref.startsWith("DocumentReference/"))) {
            noteUpdates = AdmissionLedger.scheduleNoteUpdates(c, patientId,
                    NoteArrivals.of(c, patientId, event, changed, source, now.plus(config.trigger().settleWindow())),
                    now.minus(config.trigger().noteUpdateWindow()), config.trigger().maxNoteUpdates());
        }
        if (scheduled > 0 || cancelled > 0 || merges > 0 || noteUpdates > 0) {
            LOG.infof("Chart event %s/%d@%d: %d merge(s), %d admission trigger(s) scheduled, %d cancelled, "
                    + "%d note re-summar%s armed", record.topic(), record.partition(), record.offset(), merges,
                    scheduled, cancelled, noteUpdates, noteUpdates == 1 ? "y" : "ies");
        }
        return new ApplyOutcome.Applied(rows.size() + createIfAbsent.size()
                + otherCharts.values().stream().mapToInt(List::size).sum(), changed.size(), merges, scheduled,
                cancelled);
    }

    private boolean isKnown(Connection c, Map<String, String> resolved, Set<String> known,
            Set<String> bundlePatients, String id) throws SQLException {
        if (bundlePatients.contains(id) || known.contains(id)) {
            return true;
        }
        String survivor = resolve(c, resolved, id);
        if (bundlePatients.contains(survivor) || ChartStore.patientExists(c, survivor)) {
            known.add(id);
            return true;
        }
        return false;
    }

    private void rewritePatientReference(Connection c, Map<String, String> resolved, ObjectNode body, String path)
            throws SQLException {
        JsonNode holder = body.path(path);
        String id = EventParser.patientId(holder.path("reference").asText(null));
        if (id != null && holder.isObject()) {
            String survivor = resolve(c, resolved, id);
            if (!survivor.equals(id)) {
                ((ObjectNode) holder).put("reference", "Patient/" + survivor);
            }
        }
    }

    private static String resolve(Connection c, Map<String, String> resolved, String id) throws SQLException {
        String survivor = resolved.get(id);
        if (survivor == null) {
            survivor = ChartStore.resolvePatient(c, id);
            resolved.put(id, survivor);
        }
        return survivor;
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the original failure is reported
        }
    }

    /** The chart database is unavailable: the consumer must wait and apply the same records again, never skip them. */
    public static final class ChartUnavailableException extends RuntimeException {
        public ChartUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
