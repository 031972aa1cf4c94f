package io.chartbrief.interop.hl7;

import io.chartbrief.interop.event.ConversionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;

/**
 * Walks the segments of one message and hands each to its mapper. Mapping is segment-driven rather than
 * structure-driven (no HAPI message model), so v2.3 to v2.8, unusual segment orders and unknown or Z-segments
 * all go through the same code: segments without a mapping are skipped.
 */
final class MessageWalk {

    /** An ORC with the pharmacy/immunization segments that follow it. */
    private static final class OrderGroup {
        final Er7Segment orc;
        Er7Segment rxo;
        Er7Segment rxe;
        Er7Segment rxr;
        Er7Segment tq1;
        final List<Er7Segment> rxd = new ArrayList<>(1);
        final List<Er7Segment> rxa = new ArrayList<>(1);

        OrderGroup(Er7Segment orc) {
            this.orc = orc;
        }
    }

    /** Patient merge/move events whose MRG names a prior patient. */
    private static final Set<String> MERGE_EVENTS = Set.of("A18", "A30", "A34", "A36", "A39", "A40", "A41");

    private final ConversionContext ctx;
    private final boolean results;
    private final boolean document;
    /** Order messages whose OBR is a ServiceRequest (not a report). */
    private final boolean orderMessage;
    /** SPM before its OBRs (OUL^R22–R24): a specimen applies to the OBRs that follow it. */
    private final boolean specimenFirst;
    private final OrderHierarchy hierarchy = new OrderHierarchy();
    /** The ORC of the order group being read, until its OBR takes it. */
    private Er7Segment pendingOrc;
    /** A specimen read before the OBR it belongs to. */
    private org.hl7.fhir.r4.model.Reference pendingSpecimen;
    private ObrGroup obrGroup;
    private int specimenCount;
    private final List<OrderGroup> orders = new ArrayList<>();
    private final List<String> noteLines = new ArrayList<>();
    private final List<Er7Value> embedded = new ArrayList<>();
    /** Next repeat number to try per base Observation id: keeps OBX id assignment linear in the OBX count. */
    private final Map<String, Integer> nextRepeat = new HashMap<>();
    /** DiagnosticReport conclusions built from NTE segments, set once at the end (no quadratic concatenation). */
    private final Map<DiagnosticReport, StringBuilder> conclusions = new IdentityHashMap<>();
    /** Lookups made to find a free Observation id (tests check it stays linear). */
    private long idProbes;

    MessageWalk(ConversionContext ctx) {
        this.ctx = ctx;
        String code = ctx.header.messageCode();
        this.results = "ORU".equals(code) || "OUL".equals(code);
        this.document = "MDM".equals(code);
        this.orderMessage = "ORM".equals(code) || "OML".equals(code) || "OMG".equals(code);
        this.specimenFirst = "OUL".equals(code) && Set.of("R22", "R23", "R24").contains(ctx.trigger());
    }

    void run() throws ConversionException {
        List<Er7Segment> segments = ctx.segments;
        int pidAt = indexOf("PID", 0);
        if (pidAt < 0) {
            throw new Hl7RejectedException(Hl7RejectedException.SEGMENT_SEQUENCE_ERROR, "PID", 0, true,
                    "PID segment is missing; " + ctx.header.messageType() + " needs patient identification");
        }
        PatientMapper.map(segments.get(pidAt), ctx);
        // a second PID starts another patient's data: convert only the first patient, say so — but a merge event
        // (A40: {PID, [PD1], MRG, [PV1]} repeated) carries one merge per PID/MRG pair
        int end = indexOf("PID", pidAt + 1);
        if (end < 0) {
            end = segments.size();
        } else if (MERGE_EVENTS.contains(ctx.trigger())) {
            furtherMerges(end);
        } else {
            ctx.warn("message holds more than one PID; only the first patient was converted");
        }
        // PV1 first: observations and diagnoses reference the encounter wherever PV1 sits (it may follow OBX)
        int pv1At = indexOf("PV1", 0);
        if (pv1At >= 0 && pv1At < end) {
            Er7Segment pv2 = pv1At + 1 < segments.size() && "PV2".equals(segments.get(pv1At + 1).name())
                    ? segments.get(pv1At + 1) : null;
            EncounterMapper.map(segments.get(pv1At), pv2, ctx);
        }
        walk(end);
        if (obrGroup != null) {
            obrGroup.close(ctx);
        }
        conclusions.forEach((report, text) -> report.setConclusion(text.toString()));
        finishOrders();
        if (document) {
            int txaAt = indexOf("TXA", 0);
            if (txaAt < 0) {
                throw new Hl7RejectedException(Hl7RejectedException.SEGMENT_SEQUENCE_ERROR, "TXA", 0, true,
                        "TXA segment is missing; MDM needs a document header");
            }
            DocumentReferenceMapper.map(segments.get(txaAt), noteLines, embedded, ctx);
        }
    }

    /**
     * The PID/MRG pairs after the first of a merge event: each PID's Patient (the survivor; one Patient however
     * often it repeats) and its MRG's retired Patient replaced by it. The message's patient stays the first PID's;
     * PD1/PV1 of the later pairs are not converted (a merge moves charts; the visit it names is not an event).
     */
    private void furtherMerges(int from) throws ConversionException {
        String keyId = ctx.patientId;
        org.hl7.fhir.r4.model.Reference keyPatient = ctx.patient;
        int pairs = 1;
        for (int at = from; at >= 0; ) {
            int next = indexOf("PID", at + 1);
            int stop = next < 0 ? ctx.segments.size() : next;
            PatientMapper.map(ctx.segments.get(at), ctx);
            boolean merged = false;
            for (int i = at + 1; i < stop; i++) {
                if ("MRG".equals(ctx.segments.get(i).name())) {
                    PatientMapper.mapMerge(ctx.segments.get(i), ctx);
                    merged = true;
                }
            }
            pairs++;
            if (!merged) {
                ctx.warn("PID " + pairs + " of the merge has no MRG; nothing merged into it");
            }
            at = next;
        }
        ctx.patientId = keyId;
        ctx.patient = keyPatient;
    }

    private void walk(int end) {
        DiagnosticReport report = null;
        String reportKey = "message^" + ctx.messageKey;
        DateTimeType reportTime = null;
        Observation lastObservation = null;
        Set<String> setIds = new HashSet<>();
        Set<String> reportKeys = new HashSet<>();
        String previous = "";
        int obrCount = 0;
        for (int i = 0; i < end; i++) {
            Er7Segment s = ctx.segments.get(i);
            switch (s.name()) {
                case "MRG" -> {
                    if (MERGE_EVENTS.contains(ctx.trigger())) {
                        PatientMapper.mapMerge(s, ctx); // A06/A07 MRG carries a prior visit, not a patient
                    }
                }
                case "DG1" -> ConditionMapper.diagnosis(s, ctx);
                case "AL1" -> AllergyMapper.map(s, ctx);
                case "PRB" -> ConditionMapper.problem(s, ctx);
                case "PR1" -> ProcedureMapper.map(s, ctx);
                case "ORC" -> {
                    orders.add(new OrderGroup(s));
                    pendingOrc = s;
                }
                case "RXO" -> {
                    group().rxo = group().rxo == null ? s : group().rxo;
                    pendingOrc = null; // a pharmacy order's ORC: no later OBR takes it
                }
                case "RXE" -> {
                    pendingOrc = null;
                    if (group().rxe != null) {
                        orders.add(new OrderGroup(group().orc));
                    }
                    group().rxe = s;
                }
                case "RXR" -> group().rxr = group().rxr == null ? s : group().rxr;
                case "TQ1" -> {
                    if (obrGroup != null && obrGroup.serviceRequest != null && "OBR".equals(previous)) {
                        ServiceRequestMapper.priority(obrGroup.serviceRequest, s.text(9)); // ORU: TQ1 after OBR
                    } else if (!orders.isEmpty() && group().tq1 == null) {
                        group().tq1 = s; // the order's first timing (TQ1 follows ORC in v2.5+)
                    }
                }
                case "RXD" -> group().rxd.add(s);
                case "RXA" -> group().rxa.add(s);
                case "OBR" -> {
                    obrCount++;
                    reportKey = DiagnosticReportMapper.reportKey(s, obrCount, ctx, reportKeys);
                    reportTime = ctx.fhirDateTime(s, 7, "observation date/time");
                    lastObservation = null;
                    if (results) {
                        report = DiagnosticReportMapper.map(s, reportKey, ctx);
                        ctx.bundle.add(report);
                    }
                    startOrder(s, reportKey, report);
                }
                case "SPM" -> specimen(s);
                case "OBX" -> {
                    if (!"OBX".equals(previous)) {
                        setIds.clear(); // set ids restart with every OBX run (per OBR, SPM, RXA, ...)
                    }
                    if (document) {
                        collectNote(s);
                    } else {
                        lastObservation = observation(s, reportKey, reportTime, setIds, report);
                    }
                }
                case "NTE" -> note(s, previous, lastObservation, report);
                default -> {
                    // EVN, PID, PV1, PV2, TXA handled elsewhere; NK1, PRT, IN1, Z-segments: not mapped
                }
            }
            if (!"NTE".equals(s.name()) && !"PRT".equals(s.name())) {
                previous = s.name();
            }
        }
    }

    /**
     * An OBR in a result or order message: its ServiceRequest (with the ORC before it), linked to the parent order
     * (OBR-29/26) and from the report ({@code basedOn}).
     */
    private void startOrder(Er7Segment obr, String reportKey, DiagnosticReport report) {
        if (obrGroup != null) {
            obrGroup.close(ctx);
        }
        Er7Segment orc = pendingOrc;
        pendingOrc = null;
        if (!results && !orderMessage) {
            obrGroup = new ObrGroup(obr, reportKey, report, null, null, null);
            return;
        }
        Er7Segment tq1 = orc != null && !orders.isEmpty() && group().orc == orc ? group().tq1 : null;
        org.hl7.fhir.r4.model.ServiceRequest sr = ServiceRequestMapper.map(obr, orc, tq1, reportKey, results, ctx);
        OrderHierarchy.Parent parent = hierarchy.parentOf(obr, ctx);
        if (parent != null) {
            sr.addBasedOn(parent.serviceRequest());
        }
        org.hl7.fhir.r4.model.Reference ref = ctx.bundle.add(sr);
        hierarchy.order(ServiceRequestMapper.placer(obr, orc), ServiceRequestMapper.filler(obr, orc), ref);
        if (report != null) {
            report.addBasedOn(new org.hl7.fhir.r4.model.Reference(ref.getReference()));
        }
        obrGroup = new ObrGroup(obr, reportKey, report, sr, ref, parent == null ? null : parent.result());
        if (pendingSpecimen != null) {
            obrGroup.specimen(pendingSpecimen);
            if (ctx.bundle.resource("Specimen", pendingSpecimen.getReferenceElement().getIdPart())
                    instanceof org.hl7.fhir.r4.model.Specimen known) {
                known.addRequest(new org.hl7.fhir.r4.model.Reference(ref.getReference())); // read before its orders
            }
            if (!specimenFirst) {
                pendingSpecimen = null;
            }
        }
    }

    /** SPM (v2.5+): a Specimen of the OBR it follows (or, before any OBR and in OUL^R22–R24, of the next ones). */
    private void specimen(Er7Segment spm) {
        if (!results && !orderMessage) {
            return;
        }
        specimenCount++;
        boolean ofOpenOrder = obrGroup != null && obrGroup.serviceRequest != null && !specimenFirst;
        org.hl7.fhir.r4.model.Reference ref = SpecimenMapper.fromSpm(spm,
                ofOpenOrder ? obrGroup.reportKey : "message^" + ctx.messageKey, specimenCount,
                ofOpenOrder ? obrGroup.serviceRequestRef : null, ctx);
        if (ofOpenOrder) {
            obrGroup.specimen(ref);
        } else {
            pendingSpecimen = ref;
        }
    }

    private Observation observation(Er7Segment obx, String reportKey, DateTimeType reportTime, Set<String> setIds,
            DiagnosticReport report) {
        String setId = obx.text(1);
        if (!setId.isEmpty() && !setIds.add(setId)) {
            ctx.warn("OBX-1 (set id) repeats within one OBX group");
        }
        Observation o = ObservationMapper.map(obx, reportKey, reportTime, results, ctx);
        o.setId(freeObservationId(o.getIdElement().getIdPart()));
        if (report != null && ("ED".equals(obx.text(2)) || "RP".equals(obx.text(2)))) {
            // a report as a document (a Base64 PDF or HTML, or a pointer to it): the report's presented form
            for (Er7Value value : obx.repetitions(5)) {
                org.hl7.fhir.r4.model.Attachment form = "ED".equals(obx.text(2))
                        ? EncapsulatedData.fromEd(value, ctx) : EncapsulatedData.fromRp(value, ctx);
                if (form != null) {
                    report.addPresentedForm(form.setTitle(o.getCode().getText()));
                }
            }
        }
        org.hl7.fhir.r4.model.Reference ref = ctx.bundle.add(o);
        if (report != null) {
            report.addResult(ref);
        }
        if (obrGroup != null && obrGroup.serviceRequest != null) {
            obrGroup.result(o);
            hierarchy.result(obx, ref);
        }
        return o;
    }

    /**
     * Same code, sub-id and set id twice: keep both, the second by its position ({@code base/repeat/n}, n = 1, 2,
     * ...). Each base remembers the next n to try, so thousands of such OBX cost one lookup each, not one per
     * earlier twin; the ids are the same as probing from n = 1 every time.
     */
    private String freeObservationId(String base) {
        idProbes++;
        if (!ctx.bundle.contains("Observation", base)) {
            return base;
        }
        ctx.warn("two OBX segments share OBX-1/OBX-3/OBX-4 within one OBR group");
        int n = nextRepeat.getOrDefault(base, 1);
        String id = DeterministicIds.of("Observation", base, "repeat", Integer.toString(n));
        idProbes++;
        while (ctx.bundle.contains("Observation", id)) {
            n++;
            id = DeterministicIds.of("Observation", base, "repeat", Integer.toString(n));
            idProbes++;
        }
        nextRepeat.put(base, n + 1);
        return id;
    }

    /** @return how many bundle lookups id assignment made */
    long idProbes() {
        return idProbes;
    }

    /** NTE after OBX: Observation.note; after OBR (before any OBX): DiagnosticReport.conclusion. */
    private void note(Er7Segment nte, String previous, Observation lastObservation, DiagnosticReport report) {
        StringBuilder text = new StringBuilder();
        for (Er7Value rep : nte.repetitions(3)) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(rep.text());
        }
        if (text.length() == 0) {
            return;
        }
        if ("OBX".equals(previous) && lastObservation != null) {
            lastObservation.addNote().setText(text.toString());
        } else if ("OBR".equals(previous) && report != null) {
            StringBuilder conclusion = conclusions.computeIfAbsent(report, r -> new StringBuilder());
            if (conclusion.length() > 0) {
                conclusion.append('\n');
            }
            conclusion.append(text);
        }
    }

    private void collectNote(Er7Segment obx) {
        String type = obx.text(2).toUpperCase();
        if ("ED".equals(type)) {
            embedded.addAll(obx.repetitions(5));
            return;
        }
        if ("TX".equals(type) || "FT".equals(type) || "ST".equals(type) || type.isEmpty()) {
            List<Er7Value> reps = obx.repetitions(5);
            if (reps.isEmpty() && !type.isEmpty()) {
                noteLines.add(""); // an empty TX line is a paragraph break in the note
            }
            for (Er7Value rep : reps) {
                noteLines.add(rep.text());
            }
        }
    }

    private void finishOrders() {
        int position = 0;
        for (OrderGroup g : orders) {
            position++;
            Er7Segment give = g.rxe != null ? g.rxe : g.rxo;
            if (give != null) {
                MedicationRequestMapper.map(g.orc, give, g.rxr, g.tq1, position, ctx);
            }
            for (Er7Segment rxd : g.rxd) {
                MedicationDispenseMapper.map(g.orc, rxd, g.rxr, position, ctx);
            }
            for (Er7Segment rxa : g.rxa) {
                ImmunizationMapper.map(g.orc, rxa, g.rxr, ctx);
            }
        }
    }

    private OrderGroup group() {
        if (orders.isEmpty()) {
            orders.add(new OrderGroup(null)); // v2.3 VXU/RDE may omit ORC
        }
        return orders.get(orders.size() - 1);
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < ctx.segments.size(); i++) {
            if (name.equals(ctx.segments.get(i).name())) {
                return i;
            }
        }
        return -1;
    }
}
