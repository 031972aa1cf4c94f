package io.chartbrief.summary;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;

/** Charts with clinical note text for the prompt and model engine tests (the admission chart plus notes). */
final class PromptNoteFixtures {

    /** An admission H&P: every key section, a family history and an exam. */
    static final String HP = """
            CHIEF COMPLAINT: Shortness of breath.

            HISTORY OF PRESENT ILLNESS:
            Mr. Doe is a 72-year-old man with heart failure who presents with 3 days of worsening dyspnea. He denies \
            chest pain.
            He reports swelling of the left leg.
            He sleeps on three pillows.

            FAMILY HISTORY:
            His mother had a stroke at 80.

            PHYSICAL EXAM:
            Crackles at both lung bases.

            ASSESSMENT AND PLAN:
            1. Acute on chronic systolic heart failure. Start furosemide 40 mg IV twice daily.
            2. Community-acquired pneumonia, continue ceftriaxone.
            """;

    /** A newer progress note. */
    static final String PROGRESS = """
            Subjective: Breathing is better today.
            Assessment: Heart failure improving.
            Plan: Continue diuresis. Recheck potassium in the morning.
            """;

    private PromptNoteFixtures() {
    }

    /** The admission chart with an H&P (hp), a newer progress note (prog), an entered-in-error and a superseded note. */
    static Bundle notesChart() {
        Bundle bundle = ChartFixtures.admissionChart();
        ChartFixtures.add(bundle, note("hp", "2024-03-01T14:00:00Z", "34117-2", "History and physical note", HP));
        ChartFixtures.add(bundle, note("prog", "2024-03-03T09:00:00Z", "11506-3", "Progress note", PROGRESS));
        DocumentReference wrong = note("err", "2024-03-04T09:00:00Z", "11506-3", "Progress note",
                "ASSESSMENT: WRONG PATIENT charted here. Amputation planned.\n");
        wrong.setStatus(DocumentReferenceStatus.ENTEREDINERROR);
        ChartFixtures.add(bundle, wrong);
        DocumentReference old = note("old", "2024-03-02T09:00:00Z", "11506-3", "Progress note",
                "ASSESSMENT: SUPERSEDED TEXT about sepsis.\n");
        old.setStatus(DocumentReferenceStatus.SUPERSEDED);
        ChartFixtures.add(bundle, old);
        return bundle;
    }

    static DocumentReference note(String id, String date, String loinc, String display, String text) {
        DocumentReference note = new DocumentReference();
        note.setId(id);
        note.setStatus(DocumentReferenceStatus.CURRENT);
        note.setType(new CodeableConcept().addCoding(new Coding(ChartFixtures.LOINC, loinc, display)));
        note.setSubject(new Reference("Patient/p1"));
        note.setDateElement(new InstantType(date));
        note.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
        return note;
    }
}
