package io.chartbrief.outbound;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * Summary documents as the summarizer publishes them ({@link SummaryDocumentBuilder} over a small chart: a patient
 * with an MRN, an inpatient encounter with a visit number, one condition), with their record headers.
 */
public final class SummaryDocuments {

    /** A summary record: id, key, value, headers. */
    public record SummaryRecord(String summaryId, String patientId, String encounterId, String json,
            Map<String, String> headers) {

        public String key() {
            return "Patient/" + patientId;
        }
    }

    private SummaryDocuments() {
    }

    /** A new patient and encounter (unique per call: the external-PostgreSQL mode keeps ledger rows between runs). */
    public static SummaryRecord admission(String engine, Instant when) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return summary("p-" + suffix, "e-" + suffix, "MRN-" + suffix, "V-" + suffix, engine, when);
    }

    /** Another summary of the same patient and encounter. */
    public static SummaryRecord another(SummaryRecord of, Instant when) {
        return summary(of.patientId(), of.encounterId(), "MRN-" + of.patientId().substring(2),
                "V-" + of.encounterId().substring(2), "extractive", when);
    }

    private static SummaryRecord summary(String patientId, String encounterId, String mrn, String visit, String engine,
            Instant when) {
        Bundle chart = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = new Patient();
        patient.setId(patientId);
        patient.addIdentifier(new Identifier().setSystem("urn:chartbrief:authority:RIVERSIDE").setValue(mrn)
                .setType(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null))));
        patient.addName().setFamily("DEMOPATIENT").addGiven("ROSA").addGiven("M");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1951-03-14"));
        chart.addEntry().setResource(patient);
        Encounter encounter = new Encounter();
        encounter.setId(encounterId);
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        encounter.setSubject(new Reference("Patient/" + patientId));
        encounter.addIdentifier(new Identifier().setSystem("urn:chartbrief:authority:RIVERSIDE").setValue(visit));
        chart.addEntry().setResource(encounter);
        Condition pneumonia = new Condition();
        pneumonia.setId("c-" + patientId);
        pneumonia.setSubject(new Reference("Patient/" + patientId));
        pneumonia.setCode(new CodeableConcept().setText("Pneumonia | unspecified"));
        pneumonia.setOnset(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01"));
        chart.addEntry().setResource(pneumonia);
        String condition = "Condition/c-" + patientId;
        PatientSummary summary = new PatientSummary(PatientSummary.SCHEMA_VERSION, "Patient/" + patientId,
                "Encounter/" + encounterId, "Admitted with pneumonia.", List.of(condition),
                List.of(new SummaryItem("Pneumonia | unspecified", List.of(condition), null)), List.of(), List.of(),
                List.of(), List.of(), List.of(),
                List.of(new Recommendation("Repeat chest X-ray", io.chartbrief.summary.model.Priority.MEDIUM, "Pneumonia on admission",
                        List.of(condition))),
                new EngineInfo(engine, "llama".equals(engine) ? "medgemma-4b-it" : null, null, null),
                Verification.of(2, List.of(), List.of()), null, null);
        Bundle document = new SummaryDocumentBuilder().build(summary,
                ClinicalChart.of(chart, "Patient/" + patientId, "Encounter/" + encounterId), Date.from(when));
        String summaryId = UUID.randomUUID().toString();
        document.setId(summaryId);
        String json = FhirContexts.r4().newJsonParser().encodeResourceToString(document);
        return new SummaryRecord(summaryId, patientId, encounterId, json, Map.of(
                EventHeaders.SUMMARY_REQUEST_ID, summaryId, EventHeaders.SUMMARY_ENGINE, engine,
                EventHeaders.SUMMARY_STATUS, "verified", EventHeaders.PATIENT_KEY, "Patient/" + patientId,
                EventHeaders.SUMMARY_ENCOUNTER, "Encounter/" + encounterId));
    }
}
