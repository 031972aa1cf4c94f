package io.chartbrief.interop.hl7;

import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Reference;

/** OBR to DiagnosticReport; the enclosing ORU walk adds result references and NTE text. */
final class DiagnosticReportMapper {

    private DiagnosticReportMapper() {
    }

    /**
     * Report key for ids: the order number (OBR-3 filler, else OBR-2 placer) and the service (OBR-4), so that the
     * panels of one order (a CBC and a BMP under one accession, fifteen newborn-screening panels) are separate
     * reports with their own results, and a later correction of one panel replaces just that panel. Without an
     * order number: message + OBR-1 (or position). Should the same order and service come twice in one message, the
     * second adds its OBR-1 (or position).
     *
     * @param used keys already given to earlier OBRs of this message; this OBR's key is added
     */
    static String reportKey(Er7Segment obr, int position, ConversionContext ctx, Set<String> used) {
        String setId = obr.text(1);
        String occurrence = setId.isEmpty() ? "#" + position : setId;
        String key;
        if (!obr.text(3).isEmpty() || !obr.text(2).isEmpty()) {
            key = (!obr.text(3).isEmpty() ? "filler^" + Hl7DataTypes.entityKey(obr.first(3))
                    : "placer^" + Hl7DataTypes.entityKey(obr.first(2)))
                    + "^service^" + Hl7DataTypes.entityKey(obr.first(4));
            if (used.contains(key)) {
                key = key + "^set^" + occurrence;
            }
        } else {
            key = "message^" + ctx.messageKey + "^" + occurrence;
        }
        while (!used.add(key)) {
            key = key + "^#" + position; // the same set id twice as well: its position tells them apart
        }
        return key;
    }

    static DiagnosticReport map(Er7Segment obr, String reportKey, ConversionContext ctx) {
        DiagnosticReport r = new DiagnosticReport();
        r.setId(DeterministicIds.of("DiagnosticReport", reportKey));
        if (!obr.text(2).isEmpty()) {
            r.addIdentifier(Hl7DataTypes.entityIdentifier(obr.first(2), "PLAC"));
        }
        if (!obr.text(3).isEmpty()) {
            r.addIdentifier(Hl7DataTypes.entityIdentifier(obr.first(3), "FILL"));
        }
        r.setStatus(status(obr.text(25)));
        CodeableConcept code = Hl7DataTypes.codeableConcept(obr.first(4));
        if (code.isEmpty()) {
            ctx.warn("OBR-4 (universal service identifier) is empty");
            code.setText("unknown");
        }
        r.setCode(code);
        String section = obr.text(24);
        if (!section.isEmpty()) {
            r.addCategory(Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0074", section, null));
        }
        r.setSubject(ctx.patient);
        if (ctx.encounter != null) {
            r.setEncounter(ctx.encounter);
        }
        DateTimeType effective = ctx.fhirDateTime(obr, 7, "observation date/time");
        if (effective != null) {
            r.setEffective(effective);
        }
        Hl7DateTime issued = ctx.dateTime(obr, 22, "results report/status change date/time");
        if (issued != null && issued.hasTime()) {
            r.setIssuedElement(TransactionBundle.instant(issued.instant()));
        }
        // OBR-32 principal result interpreter is NDL: its first component holds id & family & given
        Er7Value interpreter = obr.first(32);
        if (!interpreter.isEmpty()) {
            Reference who = PractitionerMapper.map(interpreter.asValue(1), ctx);
            if (who != null) {
                r.addResultsInterpreter(who);
                r.addPerformer(who);
            }
        }
        return r;
    }

    static DiagnosticReport.DiagnosticReportStatus status(String code) {
        switch (code) {
            case "F":
                return DiagnosticReport.DiagnosticReportStatus.FINAL;
            case "C":
                return DiagnosticReport.DiagnosticReportStatus.CORRECTED;
            case "A":
                return DiagnosticReport.DiagnosticReportStatus.PARTIAL;
            case "P":
            case "R":
                return DiagnosticReport.DiagnosticReportStatus.PRELIMINARY;
            case "O":
            case "I":
            case "S":
                return DiagnosticReport.DiagnosticReportStatus.REGISTERED;
            case "X":
                return DiagnosticReport.DiagnosticReportStatus.CANCELLED;
            case "D":
            case "W":
                return DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR;
            case "M":
                return DiagnosticReport.DiagnosticReportStatus.AMENDED;
            default:
                return DiagnosticReport.DiagnosticReportStatus.UNKNOWN;
        }
    }
}
