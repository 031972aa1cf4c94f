package io.chartbrief.interop.hl7;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;

/** DG1 (encounter diagnosis) and PRB (problem list entry) to Condition. */
final class ConditionMapper {

    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

    private ConditionMapper() {
    }

    /** DG1-3 code (DG1-4 description before v2.5), DG1-5 onset, DG1-6 type, DG1-16 clinician. */
    static Reference diagnosis(Er7Segment dg1, ConversionContext ctx) {
        CodeableConcept code = Hl7DataTypes.codeableConcept(dg1.first(3));
        String description = dg1.text(4);
        if (!code.hasText() && !description.isEmpty()) {
            code.setText(description);
        }
        if (code.isEmpty()) {
            ctx.warn("DG1-3 (diagnosis code) is empty; diagnosis skipped");
            return null;
        }
        Condition c = new Condition();
        c.setId(DeterministicIds.of("Condition", "dg1", ctx.patientId, Hl7DataTypes.entityKey(dg1.first(3)),
                description, ctx.encounter == null ? "" : ctx.encounter.getReference()));
        c.setCode(code);
        c.setSubject(ctx.patient);
        c.setClinicalStatus(Hl7DataTypes.tableConcept(CLINICAL, "active", "Active"));
        c.addCategory(Hl7DataTypes.tableConcept(CATEGORY, "encounter-diagnosis", "Encounter Diagnosis"));
        String type = dg1.text(6);
        if ("F".equals(type)) {
            c.setVerificationStatus(Hl7DataTypes.tableConcept(VERIFICATION, "confirmed", "Confirmed"));
        } else if ("W".equals(type) || "A".equals(type)) {
            c.setVerificationStatus(Hl7DataTypes.tableConcept(VERIFICATION, "provisional", "Provisional"));
        }
        if (ctx.encounter != null) {
            c.setEncounter(ctx.encounter);
        }
        Hl7DateTime onset = ctx.dateTime(dg1, 5, "diagnosis date/time");
        if (onset != null) {
            c.setOnset(onset.toDateTime());
        }
        Reference clinician = dg1.first(16).isEmpty() ? null : PractitionerMapper.map(dg1.first(16), ctx);
        if (clinician != null) {
            c.setAsserter(clinician);
        }
        return ctx.bundle.add(c);
    }

    /**
     * PRB-1 action (DE = deleted: entered-in-error), PRB-2 action time, PRB-3 problem code, PRB-4 instance id,
     * PRB-9 resolution date, PRB-14 life cycle status, PRB-16 onset.
     */
    static Reference problem(Er7Segment prb, ConversionContext ctx) {
        CodeableConcept code = Hl7DataTypes.codeableConcept(prb.first(3));
        if (code.isEmpty()) {
            ctx.warn("PRB-3 (problem id) is empty; problem skipped");
            return null;
        }
        String instance = prb.text(4);
        Condition c = new Condition();
        c.setId(instance.isEmpty()
                ? DeterministicIds.of("Condition", "prb", ctx.patientId, Hl7DataTypes.entityKey(prb.first(3)))
                : DeterministicIds.of("Condition", "prb-instance", ctx.patientId, Hl7DataTypes.entityKey(prb.first(4))));
        if (!instance.isEmpty()) {
            c.addIdentifier(Hl7DataTypes.entityIdentifier(prb.first(4), null));
        }
        c.setCode(code);
        c.setSubject(ctx.patient);
        c.addCategory(Hl7DataTypes.tableConcept(CATEGORY, "problem-list-item", "Problem List Item"));
        String lifeCycle = prb.text(14).toLowerCase();
        String clinical = switch (lifeCycle) {
            case "active", "a" -> "active";
            case "resolved", "r" -> "resolved";
            case "inactive", "i" -> "inactive";
            case "remission" -> "remission";
            case "recurrence" -> "recurrence";
            default -> prb.text(9).isEmpty() ? "active" : "resolved";
        };
        if (!lifeCycle.isEmpty() && !lifeCycle.equals(clinical) && lifeCycle.length() > 1) {
            ctx.warn("PRB-14 (problem life cycle status) is not a known status; clinical status inferred");
        }
        if ("DE".equals(prb.text(1))) {
            c.setVerificationStatus(Hl7DataTypes.tableConcept(VERIFICATION, "entered-in-error", "Entered in Error"));
        } else {
            c.setClinicalStatus(Hl7DataTypes.tableConcept(CLINICAL, clinical, null));
        }
        Hl7DateTime recorded = ctx.dateTime(prb, 2, "action date/time");
        if (recorded != null) {
            c.setRecordedDateElement(new org.hl7.fhir.r4.model.DateTimeType(recorded.fhir()));
        }
        Hl7DateTime onset = ctx.dateTime(prb, 16, "problem onset date");
        if (onset == null) {
            onset = ctx.dateTime(prb, 7, "problem established date/time");
        }
        if (onset != null) {
            c.setOnset(onset.toDateTime());
        }
        Hl7DateTime resolved = ctx.dateTime(prb, 9, "actual problem resolution date/time");
        if (resolved != null) {
            c.setAbatement(resolved.toDateTime());
        }
        if (ctx.encounter != null) {
            c.setEncounter(ctx.encounter);
        }
        return ctx.bundle.add(c);
    }
}
