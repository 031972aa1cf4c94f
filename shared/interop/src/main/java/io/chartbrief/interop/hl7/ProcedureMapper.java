package io.chartbrief.interop.hl7;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/** PR1 (procedures) to Procedure. */
final class ProcedureMapper {

    private ProcedureMapper() {
    }

    /**
     * PR1-3 code (PR1-4 description before v2.5), PR1-5 when performed, PR1-11 surgeon and PR1-12 procedure
     * practitioner, PR1-19 associated diagnosis as reason. PR1 records procedures performed: status completed
     * when PR1-5 gives the time, else unknown (nothing in the segment says it happened).
     */
    static Reference map(Er7Segment pr1, ConversionContext ctx) {
        CodeableConcept code = Hl7DataTypes.codeableConcept(pr1.first(3));
        String description = pr1.text(4);
        if (!code.hasText() && !description.isEmpty()) {
            code.setText(description);
        }
        if (code.isEmpty()) {
            ctx.warn("PR1-3 (procedure code) is empty; procedure skipped");
            return null;
        }
        Procedure p = new Procedure();
        p.setId(DeterministicIds.of("Procedure", "pr1", ctx.patientId, Hl7DataTypes.entityKey(pr1.first(3)),
                description, pr1.text(5)));
        p.setCode(code);
        p.setSubject(ctx.patient);
        if (ctx.encounter != null) {
            p.setEncounter(ctx.encounter);
        }
        Hl7DateTime performed = ctx.dateTime(pr1, 5, "procedure date/time");
        if (performed != null) {
            p.setPerformed(performed.toDateTime());
            p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        } else {
            p.setStatus(Procedure.ProcedureStatus.UNKNOWN);
        }
        performers(p, PractitionerMapper.all(pr1, 11, ctx));
        performers(p, PractitionerMapper.all(pr1, 12, ctx));
        CodeableConcept reason = Hl7DataTypes.codeableConcept(pr1.first(19));
        if (!reason.isEmpty()) {
            p.addReasonCode(reason);
        }
        return ctx.bundle.add(p);
    }

    private static void performers(Procedure p, List<Reference> people) {
        for (Reference who : people) {
            if (p.getPerformer().stream().noneMatch(x -> x.getActor().getReference().equals(who.getReference()))) {
                p.addPerformer().setActor(who);
            }
        }
    }
}
