package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.SummaryJson;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.model.VerificationStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.Test;

class ExtractiveNotesTest {

    private final Summarizer summarizer = Summarizer.extractiveOnly();

    @Test
    void aChartOfOneHistoryAndPhysicalSummarizesItsComplaintHistoryAndPlanAsLocatedQuotes() {
        PatientSummary summary = summarizer.summarize(NoteCharts.historyAndPhysicalChart(), null, null);

        List<String> texts = summary.notes().stream().map(SummaryItem::text).toList();
        assertThat(texts).containsExactly(
                "Chest pain for 2 days.",
                "64-year-old man with hypertension who presents with 2 days of intermittent substernal chest pressure on exertion.",
                "The pain radiates to the left arm and resolves with rest.",
                "Unstable angina, possible NSTEMI.",
                "Start aspirin 325 mg once, then 81 mg daily.",
                "Serial troponins every 6 hours.",
                "Hypertension.",
                "Continue lisinopril 10 mg daily.");
        assertThat(summary.notes().get(0).quote().section()).isEqualTo("chief-complaint");
        assertThat(summary.notes().get(1).quote().section()).isEqualTo("hpi");
        assertThat(summary.notes().get(3).quote().section()).isEqualTo("assessment-and-plan");
        for (SummaryItem item : summary.notes()) {
            NoteQuote q = item.quote();
            assertThat(item.evidence()).containsExactly("DocumentReference/hp1");
            assertThat(q.note()).isEqualTo("DocumentReference/hp1");
            assertThat(q.title()).isEqualTo("History and physical note");
            assertThat(item.date()).isEqualTo("2026-11-30");
            assertThat(NoteCharts.HISTORY_AND_PHYSICAL.substring(q.start(), q.end())).isEqualTo(q.text()).isEqualTo(item.text());
        }
        // the encounter has no reason: the chief complaint says why the patient is here
        assertThat(summary.narrative()).contains("Chief complaint: Chest pain for 2 days.");
        assertThat(summary.narrativeEvidence()).contains("Encounter/e1", "DocumentReference/hp1");
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(summary.verification().dropped()).isEmpty();
        assertThat(summary.verification().unverified()).isEmpty();
    }

    @Test
    void noteItemsRoundTripAsJson() {
        PatientSummary summary = summarizer.summarize(NoteCharts.historyAndPhysicalChart(), null, null)
                .withTimings(Timings.NONE);
        String json = SummaryJson.write(summary);
        assertThat(json).contains("\"notes\":[{\"text\":\"Chest pain for 2 days.\"")
                .contains("\"quote\":{\"note\":\"DocumentReference/hp1\",\"section\":\"chief-complaint\"");
        assertThat(SummaryJson.read(json)).isEqualTo(summary);
    }

    @Test
    void aReasonOnTheEncounterKeepsTheChiefComplaintOutOfTheNarrative() {
        Bundle bundle = NoteCharts.historyAndPhysicalChart();
        Encounter encounter = (Encounter) bundle.getEntry().get(1).getResource();
        encounter.addReasonCode(new CodeableConcept().setText("Chest pain"));
        PatientSummary summary = summarizer.summarize(bundle, null, null);
        assertThat(summary.narrative()).doesNotContain("Chief complaint");
        assertThat(summary.notes()).isNotEmpty();
    }

    @Test
    void enteredInErrorAndSupersededNotesNeverContribute() {
        DocumentReference wrongPatient = NoteCharts.note("hp-err", "2026-11-30", "34117-2", "History and physical note",
                "CHIEF COMPLAINT:\nAbdominal pain.\n\nASSESSMENT AND PLAN:\nAppendicitis; surgery consult.\n");
        wrongPatient.setStatus(Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
        DocumentReference old = NoteCharts.note("hp-old", "2026-11-30", "34117-2", "History and physical note",
                "CHIEF COMPLAINT:\nSyncope.\n\nASSESSMENT AND PLAN:\nVasovagal syncope.\n");
        old.setStatus(Enumerations.DocumentReferenceStatus.SUPERSEDED);
        DocumentReference progress = NoteCharts.note("pn1", "2026-12-01", "11506-3", "Progress note",
                "ASSESSMENT AND PLAN:\nChest pain resolved overnight.\nTroponins negative times three.\n");
        PatientSummary summary = summarizer.summarize(NoteCharts.bundle(List.of(wrongPatient, old, progress)), null, null);

        assertThat(summary.notes()).extracting(SummaryItem::text)
                .containsExactly("Chest pain resolved overnight.", "Troponins negative times three.");
        assertThat(summary.notes()).allSatisfy(i -> assertThat(i.evidence()).containsExactly("DocumentReference/pn1"));
        assertThat(summary.narrative()).doesNotContain("Abdominal").doesNotContain("Syncope");
        assertThat(summary.narrativeEvidence()).doesNotContain("DocumentReference/hp-err", "DocumentReference/hp-old");
    }

    @Test
    void theHistoryAndPhysicalComesBeforeANewerProgressNoteAndOldNotesAreLeftOut() {
        DocumentReference progress = NoteCharts.note("pn1", "2026-12-01", "11506-3", "Progress note",
                "ASSESSMENT AND PLAN:\nChest pain free since admission.\n");
        DocumentReference lastYear = NoteCharts.note("hp-2025", "2025-10-01", "34117-2", "History and physical note",
                "CHIEF COMPLAINT:\nKnee pain.\n\nASSESSMENT:\nOsteoarthritis of the right knee.\n");
        PatientSummary summary = summarizer.summarize(NoteCharts.bundle(List.of(progress, NoteCharts.historyAndPhysical(),
                lastYear)), null, null);

        List<String> texts = summary.notes().stream().map(SummaryItem::text).toList();
        assertThat(texts.get(0)).isEqualTo("Chest pain for 2 days.");
        assertThat(texts).contains("Chest pain free since admission.").doesNotContain("Knee pain.",
                "Osteoarthritis of the right knee.");
        // assessment/plan: the H&P's statements first, then the progress note's
        assertThat(texts.indexOf("Unstable angina, possible NSTEMI."))
                .isLessThan(texts.indexOf("Chest pain free since admission."));
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
    }

    @Test
    void aNoteWithoutHeadingsContributesItsOpeningSentences() {
        DocumentReference plain = NoteCharts.note("n1", "2026-11-30", "11506-3", "Progress note",
                "Seen on rounds with the team. Breathing comfortably on room air. Plan discharge tomorrow.");
        PatientSummary summary = summarizer.summarize(NoteCharts.bundle(List.of(plain)), null, null);
        assertThat(summary.notes()).extracting(SummaryItem::text)
                .containsExactly("Seen on rounds with the team.", "Breathing comfortably on room air.");
        assertThat(summary.notes().get(0).quote().section()).isEqualTo("preamble");
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
    }

    @Test
    void badNoteContentCostsThatNoteOnlyAndManyOrHugeNotesStillSummarize() {
        List<DocumentReference> notes = new ArrayList<>();
        // as a lenient parser reads a sender's corrupt base64 (HAPI refuses to set it directly)
        notes.add(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false).setErrorOnInvalidValue(false))
                .parseResource(DocumentReference.class, "{\"resourceType\":\"DocumentReference\",\"id\":\"bad-b64\","
                        + "\"status\":\"current\",\"date\":\"2026-12-01T10:00:00Z\",\"content\":[{\"attachment\":"
                        + "{\"contentType\":\"text/plain\",\"data\":\"%%%not*base64%%\"}}]}"));
        DocumentReference pdf = NoteCharts.note("pdf", "2026-12-01", "11506-3", "Progress note", "x");
        pdf.getContentFirstRep().setAttachment(new Attachment().setContentType("application/pdf")
                .setData("%PDF-1.4 binary".getBytes(StandardCharsets.ISO_8859_1)));
        notes.add(pdf);
        DocumentReference latin1 = NoteCharts.note("latin1", "2026-12-01", "11506-3", "Progress note", "x");
        latin1.getContentFirstRep().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData("ASSESSMENT:\nCaf\u00e9 au lait spots noted.\n".getBytes(StandardCharsets.ISO_8859_1)));
        notes.add(latin1);
        notes.add(NoteCharts.note("huge", "2026-11-29", "11506-3", "Progress note",
                "ASSESSMENT:\n" + "Stable overnight. ".repeat(300_000)));
        for (int i = 0; i < 200; i++) {
            notes.add(NoteCharts.note("pn" + i, "2026-11-" + String.format("%02d", 1 + i % 28), "11506-3",
                    "Progress note", "ASSESSMENT AND PLAN:\nDay " + i + " on the ward.\n"));
        }
        notes.add(NoteCharts.historyAndPhysical());
        PatientSummary summary = summarizer.summarize(NoteCharts.bundle(notes), null, null);

        assertThat(summary.notes()).isNotEmpty().size().isLessThanOrEqualTo(12);
        assertThat(summary.notes().get(0).text()).isEqualTo("Chest pain for 2 days.");
        assertThat(summary.verification().dropped()).isEmpty();
        assertThat(summary.verification().unverified()).isEmpty();
    }
}
