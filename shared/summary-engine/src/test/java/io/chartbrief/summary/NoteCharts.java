package io.chartbrief.summary;

import io.chartbrief.summary.chart.ClinicalChart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Charts whose clinical content is notes, written for the note tests (a fictional patient): an admission History
 * &amp; Physical, and helpers for other notes.
 */
public final class NoteCharts {

    /** The admission H&amp;P of {@link #historyAndPhysicalChart()}: headings, a denial, family history, A/P. */
    public static final String HISTORY_AND_PHYSICAL = """
            CHIEF COMPLAINT:
            Chest pain for 2 days.

            HISTORY OF PRESENT ILLNESS:
            64-year-old man with hypertension who presents with 2 days of intermittent substernal chest pressure on exertion.
            The pain radiates to the left arm and resolves with rest.
            He denies fever, cough or leg swelling.

            FAMILY HISTORY:
            Father with myocardial infarction at 58.

            PHYSICAL EXAM:
            BP 152/88, HR 84. Lungs clear bilaterally. No right or left leg edema.

            ASSESSMENT AND PLAN:
            1. Unstable angina, possible NSTEMI.
            Start aspirin 325 mg once, then 81 mg daily.
            Serial troponins every 6 hours.
            2. Hypertension.
            Continue lisinopril 10 mg daily.
            """;

    private NoteCharts() {
    }

    /** A current note with a UTF-8 plain-text attachment, typed by LOINC. */
    public static DocumentReference note(String id, String date, String loinc, String display, String text) {
        DocumentReference d = new DocumentReference();
        d.setId(id);
        d.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        d.setDateElement(new InstantType(date + "T10:00:00Z"));
        d.getType().addCoding().setSystem("http://loinc.org").setCode(loinc).setDisplay(display);
        d.setSubject(new Reference("Patient/p1"));
        d.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
        return d;
    }

    /** The admission H&amp;P ({@code DocumentReference/hp1}). */
    public static DocumentReference historyAndPhysical() {
        return note("hp1", "2026-11-30", "34117-2", "History and physical note", HISTORY_AND_PHYSICAL);
    }

    /** A chart whose only clinical content is one H&amp;P, with an in-progress inpatient encounter without a reason. */
    public static Bundle historyAndPhysicalChart() {
        return bundle(List.of(historyAndPhysical()));
    }

    /** Patient p1, inpatient encounter e1 (no reason) and the resources. */
    public static Bundle bundle(List<? extends Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setGender(Enumerations.AdministrativeGender.MALE);
        patient.getBirthDateElement().setValueAsString("1962-03-14");
        bundle.addEntry().setFullUrl("Patient/p1").setResource(patient);
        Encounter encounter = new Encounter();
        encounter.setId("e1");
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("IMP");
        encounter.setSubject(new Reference("Patient/p1"));
        encounter.setPeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-30T08:00:00Z")));
        bundle.addEntry().setFullUrl("Encounter/e1").setResource(encounter);
        for (Resource r : resources) {
            bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
        }
        return bundle;
    }

    /** The chart of a bundle from {@link #bundle}. */
    public static ClinicalChart chart(Bundle bundle) {
        return ClinicalChart.of(bundle, null, null);
    }
}
