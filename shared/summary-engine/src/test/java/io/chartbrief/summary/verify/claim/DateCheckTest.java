package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.active;
import static io.chartbrief.summary.verify.claim.Facts.condition;
import static io.chartbrief.summary.verify.claim.Facts.lab;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import io.chartbrief.summary.verify.evidence.DateRole;
import java.util.EnumSet;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class DateCheckTest {

    private final Facts chart = Facts.chart().with(
            condition("pneu", "Pneumonia", "resolved", "2024-03-01", "2024-03-05"),
            condition("htn", "Hypertension", "active", "2010-05-01", null),
            issued(lab("k", "2823-3", "Potassium", "4.2", "mmol/L", "2024-03-02T06:00:00Z"), "2024-03-03T09:00:00Z"),
            active("lis", "lisinopril 10 MG Oral Tablet"),
            encounter());

    private static Observation issued(Observation o, String when) {
        o.setIssuedElement(new InstantType(when));
        return o;
    }

    private static Encounter encounter() {
        Encounter e = new Encounter();
        e.setId("adm");
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.addType().setText("Hospital admission");
        e.setSubject(new Reference("Patient/p1"));
        e.setPeriod(new Period().setStartElement(new DateTimeType("2024-03-01T10:00:00Z"))
                .setEndElement(new DateTimeType("2024-03-06T10:00:00Z")));
        return e;
    }

    @Test
    void anOnsetDateThatIsTheAbatementDateIsContradicted() {
        Verdict v = chart.item("narrative", "Pneumonia since 2024-03-05", "Condition/pneu");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("abatement");
        assertThat(chart.item("narrative", "Pneumonia since 2024-03-01", "Condition/pneu")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aResolutionDateIsTheAbatement() {
        assertThat(chart.item("narrative", "Pneumonia resolved on 2024-03-05", "Condition/pneu")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("narrative", "Pneumonia resolved on 2024-03-01", "Condition/pneu").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void writtenUsAndPartialDatesMatchByPrefix() {
        assertThat(chart.item("narrative", "Pneumonia since March 1, 2024", "Condition/pneu")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("narrative", "Pneumonia since 03/01/2024", "Condition/pneu")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("problems", "Hypertension since May 2010", "Condition/htn")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("problems", "Hypertension since 2010", "Condition/htn")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("problems", "Hypertension since 2012", "Condition/htn").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aResultsDrawnDateIsEffectiveAndItsResultedDateIsIssued() {
        assertThat(chart.item("results", "Potassium 4.2 drawn 2024-03-02", "Observation/k")).isEqualTo(Verdict.SUPPORTED);
        Verdict v = chart.item("results", "Potassium 4.2 drawn 2024-03-03", "Observation/k");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("report");
        assertThat(chart.item("results", "Potassium 4.2 resulted 2024-03-03", "Observation/k")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("results", "Potassium 4.2 on 2024-03-02", "Observation/k")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("results", "Potassium 4.2 on 2024-03-09", "Observation/k").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void admissionDatesComeFromTheEncounterPeriod() {
        assertThat(chart.item("narrative", "Pneumonia, admitted 2024-03-01", "Condition/pneu", "Encounter/adm"))
                .isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("narrative", "Hospital admission, discharged 2024-03-06", "Encounter/adm")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("narrative", "Hospital admission, discharged 2024-03-01", "Encounter/adm").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void anOrdersStartIsItsAuthoredDate() {
        assertThat(chart.item("medications", "Lisinopril 10 mg, started 2024-01-15", "MedicationRequest/lis")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("medications", "Lisinopril 10 mg, started 2023-01-15", "MedicationRequest/lis").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void theItemsDateFieldMustBeADateOfTheCitedResource() {
        assertThat(chart.dated("results", "Potassium 4.2", "2024-03-02T06:00:00Z", "Observation/k")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.dated("results", "Potassium 4.2", "2024-03-09", "Observation/k").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void rolesDependOnTheResourceType() {
        assertThat(DateCheck.roles("begin", chart.fact("Condition/pneu"))).containsExactly(DateRole.ONSET);
        assertThat(DateCheck.roles("begin", chart.fact("MedicationRequest/lis"))).containsExactlyInAnyOrder(DateRole.AUTHORED, DateRole.START);
        assertThat(DateCheck.roles("end", chart.fact("Condition/pneu"))).containsExactly(DateRole.ABATEMENT);
        assertThat(DateCheck.primary(chart.fact("Observation/k"))).containsAll(EnumSet.of(DateRole.EFFECTIVE, DateRole.ISSUED));
        assertThat(DateCheck.roleBefore(chart.statement("Pneumonia since 2024-03-05", "Condition/pneu"), 2)).isEqualTo("begin");
        assertThat(DateCheck.isRoleWord("resolved")).isTrue();
        assertThat(DateCheck.isRoleWord("pneumonia")).isFalse();
    }
}
