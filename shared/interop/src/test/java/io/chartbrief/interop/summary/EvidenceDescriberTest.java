package io.chartbrief.interop.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.InstantType;
import org.junit.jupiter.api.Test;

class EvidenceDescriberTest {

    private final EvidenceDescriber describer = new EvidenceDescriber();

    @Test
    void observationWithValueUnitInterpretationAndDay() {
        Observation o = new Observation();
        o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "2823-3", "Potassium")));
        o.setValue(new Quantity().setValue(new BigDecimal("3.10")).setUnit("mmol/L"));
        o.addInterpretation().addCoding().setCode("L");
        o.setEffective(new DateTimeType("2026-11-01T09:30:00-05:00"));
        assertThat(describer.describe(o)).isEqualTo(new Evidence("Observation", "Potassium 3.1 mmol/L (L)", "2026-11-01"));
    }

    /** A primitive with only US Core's data-absent-reason: HAPI's hasX() is true, the value is null. */
    private static <T extends PrimitiveType<?>> T absent(T primitive) {
        primitive.addExtension("http://hl7.org/fhir/StructureDefinition/data-absent-reason", new CodeType("unknown"));
        return primitive;
    }

    @Test
    void dataAbsentValuesAreSaidToBeAbsentNeverNull() {
        Observation o = new Observation();
        o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "2160-0", "Creatinine")));
        o.setValue(new Quantity().setValueElement(absent(new DecimalType())).setUnit("mg/dL"));
        o.addInterpretation().addCoding().setCodeElement(absent(new CodeType()));
        o.setEffective(absent(new DateTimeType()));
        o.setIssuedElement(new InstantType("2026-11-01T09:30:00Z"));
        assertThat(describer.describe(o)).isEqualTo(new Evidence("Observation", "Creatinine value not given", null));

        MedicationRequest m = new MedicationRequest();
        m.setMedication(new Reference().setDisplayElement(absent(new StringType())));
        m.addDosageInstruction().setTextElement(absent(new StringType()));
        m.setDoNotPerformElement(absent(new BooleanType()));
        assertThat(describer.describe(m).display()).isEqualTo("Medication");

        Encounter e = new Encounter();
        e.setClass_(new Coding().setCodeElement(absent(new CodeType())).setDisplayElement(absent(new StringType())));
        e.setPeriod(new Period().setStartElement(absent(new DateTimeType())).setEndElement(new DateTimeType("2026-11-02")));
        assertThat(describer.describe(e)).isEqualTo(new Evidence("Encounter", "Encounter", "2026-11-02"));

        AllergyIntolerance a = new AllergyIntolerance();
        a.setCode(new CodeableConcept().setTextElement(absent(new StringType()))
                .addCoding(new Coding().setDisplayElement(absent(new StringType())).setCode("91936005")));
        a.setCriticalityElement(absent(new Enumeration<>(new AllergyIntolerance.AllergyIntoleranceCriticalityEnumFactory())));
        assertThat(describer.describe(a).display()).isEqualTo("91936005");
    }

    @Test
    void bloodPressureComponents() {
        Observation o = new Observation();
        o.setCode(new CodeableConcept().setText("Blood pressure"));
        o.addComponent().setCode(new CodeableConcept().setText("Systolic"))
                .setValue(new Quantity().setValue(new BigDecimal("150")).setUnit("mm[Hg]"));
        o.addComponent().setCode(new CodeableConcept().setText("Diastolic"))
                .setValue(new Quantity().setValue(new BigDecimal("90")).setUnit("mm[Hg]"));
        assertThat(describer.describe(o).display()).isEqualTo("Blood pressure Systolic 150 mm[Hg], Diastolic 90 mm[Hg]");
        assertThat(describer.describe(o).date()).isNull();
    }

    @Test
    void conditionCodeAndOnset() {
        Condition c = new Condition();
        c.setCode(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "44054006", "Diabetes mellitus type 2")));
        c.setOnset(new DateTimeType("2019-03"));
        c.setClinicalStatus(new CodeableConcept().addCoding(new Coding().setCode("resolved")));
        assertThat(describer.describe(c)).isEqualTo(new Evidence("Condition", "Diabetes mellitus type 2 (resolved)", "2019-03"));
    }

    @Test
    void allergySubstanceAndReaction() {
        AllergyIntolerance a = new AllergyIntolerance();
        a.setCode(new CodeableConcept().setText("Penicillin"));
        a.addReaction().addManifestation(new CodeableConcept().setText("Hives"))
                .addManifestation(new CodeableConcept().setText("Wheeze"));
        a.setRecordedDateElement(new DateTimeType("2020-01-02T00:00:00Z"));
        assertThat(describer.describe(a)).isEqualTo(new Evidence("AllergyIntolerance",
                "Penicillin — reaction: Hives, Wheeze", "2020-01-02"));
    }

    @Test
    void medicationRequestMedicationAndAuthoredOn() {
        MedicationRequest m = new MedicationRequest();
        m.setMedication(new CodeableConcept().setText("Metformin 500 MG Oral Tablet"));
        m.addDosageInstruction().setText("500 mg twice daily");
        m.setAuthoredOnElement(new DateTimeType("2026-10-30T10:00:00Z"));
        assertThat(describer.describe(m)).isEqualTo(new Evidence("MedicationRequest",
                "Metformin 500 MG Oral Tablet 500 mg twice daily", "2026-10-30"));
    }

    @Test
    void encounterTypeClassAndPeriod() {
        Encounter e = new Encounter();
        e.addType(new CodeableConcept().setText("Emergency admission"));
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        e.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01T08:00:00Z")));
        assertThat(describer.describe(e)).isEqualTo(new Evidence("Encounter",
                "Emergency admission (inpatient encounter)", "2026-11-01"));
    }

    @Test
    void documentReferenceTypeAndDate() {
        DocumentReference d = new DocumentReference();
        d.setType(new CodeableConcept().addCoding(new Coding("http://loinc.org", "11506-3", "Progress note")));
        d.setDate(java.util.Date.from(java.time.Instant.parse("2026-11-02T12:00:00Z")));
        Evidence evidence = describer.describe(d);
        assertThat(evidence.display()).isEqualTo("Progress note");
        assertThat(evidence.date()).startsWith("2026-11-0");
    }

    @Test
    void genericFallbackUsesCodeAndACommonDate() {
        Immunization i = new Immunization();
        i.setVaccineCode(new CodeableConcept().setText("Influenza"));
        i.setOccurrence(new DateTimeType("2025-10-01"));
        Evidence evidence = describer.describe(i);
        assertThat(evidence.type()).isEqualTo("Immunization");
        assertThat(evidence.display()).isEqualTo("Influenza");
        assertThat(evidence.date()).isEqualTo("2025-10-01");
    }
}
