package io.chartbrief.summary.verify.note;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.NoteCharts;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.verify.EvidenceVerifier;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.Test;

/** Note items through the whole verifier: quote, locator, note status, paraphrase. */
class NoteItemCheckTest {

    private static final String HP = "DocumentReference/hp1";
    private static final String TEXT = NoteCharts.HISTORY_AND_PHYSICAL;
    private static final String TITLE = "History and physical note";

    private final EvidenceVerifier verifier = new EvidenceVerifier();

    private static ClinicalChart chart(DocumentReference... extra) {
        List<DocumentReference> notes = new java.util.ArrayList<>(List.of(NoteCharts.historyAndPhysical()));
        notes.addAll(List.of(extra));
        return NoteCharts.chart(NoteCharts.bundle(notes));
    }

    /** A quote of the sentence as written in the H&P, located by search (test support, not the verifier). */
    private static NoteQuote quote(String sentence, String section) {
        int start = TEXT.indexOf(sentence);
        assertThat(start).as("fixture has " + sentence).isNotNegative();
        return new NoteQuote(HP, section, start, start + sentence.length(), sentence, TITLE);
    }

    private PatientSummary verify(ClinicalChart chart, SummaryItem item) {
        PatientSummary draft = new PatientSummary(2, "Patient/p1", "Encounter/e1", "", List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(item), List.of(),
                new EngineInfo(EngineInfo.LLAMA, "t.gguf", "00", null), null, null, null);
        return verifier.verify(draft, chart);
    }

    private String outcome(SummaryItem item) {
        return outcome(chart(), item);
    }

    private String outcome(ClinicalChart chart, SummaryItem item) {
        PatientSummary verified = verify(chart, item);
        if (!verified.notes().isEmpty()) {
            return "supported";
        }
        List<DroppedItem> dropped = verified.verification().dropped();
        return dropped.isEmpty() ? "unverifiable: " + verified.verification().unverified().get(0).reason()
                : "contradicted: " + dropped.get(0).reason();
    }

    private static SummaryItem item(String text, NoteQuote quote) {
        return new SummaryItem(text, List.of(HP), "2026-11-30", null, quote);
    }

    @Test
    void aVerbatimQuoteAtItsLocatorIsSupported() {
        NoteQuote q = quote("He denies fever, cough or leg swelling.", "hpi");
        assertThat(outcome(item(q.text(), q))).isEqualTo("supported");
        // a reflowed quote is still the quote
        assertThat(outcome(item("He denies fever,\n cough or leg swelling.", q))).isEqualTo("supported");
    }

    @Test
    void aQuoteElsewhereThanItsLocatorOrCutInsideASentenceIsNotKept() {
        NoteQuote q = quote("He denies fever, cough or leg swelling.", "hpi");
        NoteQuote shifted = new NoteQuote(HP, "hpi", q.start() + 3, q.end() + 3, q.text(), TITLE);
        assertThat(outcome(item(q.text(), shifted))).startsWith("contradicted: the quote is not in the note at its locator");
        NoteQuote outside = new NoteQuote(HP, "hpi", TEXT.length() - 2, TEXT.length() + 40, q.text(), TITLE);
        assertThat(outcome(item(q.text(), outside))).startsWith("contradicted: the quote's locator lies outside");
        // "fever, cough or leg swelling." is verbatim but leaves out "denies"
        int at = TEXT.indexOf("fever, cough or leg swelling.");
        NoteQuote part = new NoteQuote(HP, "hpi", at, at + 29, "fever, cough or leg swelling.", TITLE);
        assertThat(outcome(item(part.text(), part))).startsWith("unverifiable: the quote is not whole sentences");
    }

    @Test
    void theSectionTitleAndDateMustBeTheNotes() {
        NoteQuote q = quote("Father with myocardial infarction at 58.", "assessment-and-plan");
        assertThat(outcome(item(q.text(), q))).startsWith("contradicted: the passage lies in the note's family-history section");
        NoteQuote titled = new NoteQuote(HP, "family-history", q.start(), q.end(), q.text(), "Discharge summary");
        assertThat(outcome(item(q.text(), titled))).startsWith("unverifiable: the note's title");
        NoteQuote right = quote("Father with myocardial infarction at 58.", "family-history");
        assertThat(outcome(new SummaryItem(right.text(), List.of(HP), "2026-10-01", null, right)))
                .startsWith("contradicted: the note is dated 2026-11-30");
    }

    @Test
    void anEnteredInErrorOrSupersededNoteSupportsNothing() {
        DocumentReference wrong = NoteCharts.note("err1", "2026-11-30", "34117-2", TITLE, TEXT);
        wrong.setStatus(Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
        DocumentReference old = NoteCharts.note("old1", "2026-11-30", "34117-2", TITLE, TEXT);
        old.setStatus(Enumerations.DocumentReferenceStatus.SUPERSEDED);
        NoteQuote q = quote("Chest pain for 2 days.", "chief-complaint");
        for (String ref : List.of("DocumentReference/err1", "DocumentReference/old1")) {
            NoteQuote there = new NoteQuote(ref, q.section(), q.start(), q.end(), q.text(), TITLE);
            SummaryItem item = new SummaryItem(q.text(), List.of(ref), null, null, there);
            assertThat(outcome(chart(wrong, old), item)).startsWith("contradicted: the cited note " + ref + " is not a current note");
        }
    }

    @Test
    void aFindingCitingOnlyACurrentImageIsUnverifiableAnOutdatedImageStillContradicts() {
        DocumentReference xray = imageOnly("cxr1");
        DocumentReference replaced = imageOnly("cxr0");
        replaced.setStatus(Enumerations.DocumentReferenceStatus.SUPERSEDED);
        ClinicalChart images = chart(xray, replaced);
        SummaryItem current = new SummaryItem("Right lower lobe consolidation", List.of("DocumentReference/cxr1"),
                null, null, null);
        SummaryItem outdated = new SummaryItem("Right lower lobe consolidation", List.of("DocumentReference/cxr0"),
                null, null, null);

        assertThat(outcome(images, current)).isEqualTo("unverifiable: the cited DocumentReference/cxr1 holds an "
                + "image, and ChartBrief does not verify what a model reads in an image");
        assertThat(outcome(images, outdated))
                .startsWith("contradicted: the cited note DocumentReference/cxr0 is not a current note");
    }

    private static DocumentReference imageOnly(String id) {
        DocumentReference document = new DocumentReference();
        document.setId(id);
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/p1"));
        document.getType().setText("Chest X-ray");
        document.addContent().getAttachment().setContentType("image/jpeg")
                .setData(io.chartbrief.summary.images.ImageFixtures.image("jpeg", 64, 64));
        return document;
    }

    @Test
    void aParaphraseMustSayWhatItsPassageSays() {
        NoteQuote hpi = quote("He denies fever, cough or leg swelling.", "hpi");
        assertThat(outcome(item("No fever or cough.", hpi))).isEqualTo("supported");
        assertThat(outcome(item("Reports fever.", hpi))).isEqualTo("contradicted: the note records 'fever' as absent or denied");

        NoteQuote family = quote("Father with myocardial infarction at 58.", "family-history");
        assertThat(outcome(item("Family history of myocardial infarction at 58.", family))).isEqualTo("supported");
        assertThat(outcome(item("Myocardial infarction at 58.", family))).startsWith("contradicted: the note says 'myocardial infarction' of the father");
        assertThat(outcome(item("Mother with myocardial infarction at 58.", family))).startsWith("contradicted");

        NoteQuote radiation = quote("The pain radiates to the left arm and resolves with rest.", "hpi");
        assertThat(outcome(item("Pain radiates to the right arm.", radiation))).startsWith("contradicted");

        NoteQuote plan = quote("Start aspirin 325 mg once, then 81 mg daily.", "assessment-and-plan");
        assertThat(outcome(item("Aspirin 325 mg once, then 81 mg daily.", plan))).isEqualTo("supported");
        assertThat(outcome(item("Start aspirin 162 mg once.", plan))).startsWith("contradicted: the note says");
        assertThat(outcome(item("Start clopidogrel 75 mg daily.", plan))).isNotEqualTo("supported");

        NoteQuote age = quote("64-year-old man with hypertension who presents with 2 days of intermittent substernal chest pressure on exertion.", "hpi");
        assertThat(outcome(item("74-year-old man with hypertension and exertional chest pressure.", age))).startsWith("contradicted");

        NoteQuote dx = quote("Unstable angina, possible NSTEMI.", "assessment-and-plan");
        assertThat(outcome(item("NSTEMI.", dx))).startsWith("unverifiable: the note states 'nstemi' as uncertain");
    }

    @Test
    void aQuoteMustBeOfANoteTheItemCites() {
        NoteQuote q = quote("Chest pain for 2 days.", "chief-complaint");
        SummaryItem item = new SummaryItem(q.text(), List.of("Encounter/e1"), null, null, q);
        assertThat(outcome(item)).startsWith("unverifiable: the quoted note DocumentReference/hp1 is not in the item's evidence");
    }

    @Test
    void aNoteItemWithoutALocatorMustRestOnOneSentenceOfTheCitedNote() {
        assertThat(outcome(new SummaryItem("Denies leg swelling.", List.of(HP), null))).isEqualTo("supported");
        assertThat(outcome(new SummaryItem("Leg swelling.", List.of(HP), null))).startsWith("unverifiable: no sentence of the cited notes supports it");
    }

    @Test
    void aNarrativeClauseInTheNotesWordsRestsOnItsSentence() {
        ClinicalChart chart = chart();
        PatientSummary draft = new PatientSummary(2, "Patient/p1", "Encounter/e1",
                "Chief complaint: chest pain for 2 days. Chief complaint: chest pain for 5 days.",
                List.of("Encounter/e1", HP), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new EngineInfo(EngineInfo.LLAMA, "t.gguf", "00", null), null, null, null);
        PatientSummary verified = verifier.verify(draft, chart);
        assertThat(verified.narrative()).isEqualTo("Chief complaint: chest pain for 2 days.");
    }

    /** A model item in the problems or medications section resting on a note passage (no Condition, no order). */
    private String sectionOutcome(String section, SummaryItem item) {
        List<SummaryItem> problems = section.equals("problems") ? List.of(item) : List.of();
        List<SummaryItem> medications = section.equals("medications") ? List.of(item) : List.of();
        PatientSummary draft = new PatientSummary(2, "Patient/p1", "Encounter/e1", "", List.of(), problems,
                medications, List.of(), List.of(), List.of(), List.of(), List.of(),
                new EngineInfo(EngineInfo.LLAMA, "t.gguf", "00", null), null, null, null);
        PatientSummary verified = verifier.verify(draft, chart());
        if (!verified.problems().isEmpty() || !verified.medications().isEmpty()) {
            return "supported";
        }
        List<DroppedItem> dropped = verified.verification().dropped();
        return dropped.isEmpty() ? "unverifiable: " + verified.verification().unverified().get(0).reason()
                : "contradicted: " + dropped.get(0).reason();
    }

    @Test
    void anItemOfAnotherSectionCitingAPassageIsCheckedAgainstItsQuoteWhichMustStandAtItsLocator() {
        NoteQuote plan = quote("Continue lisinopril 10 mg daily.", "assessment-and-plan");
        assertThat(sectionOutcome("medications", new SummaryItem("Lisinopril 10 mg daily", List.of(HP), null, null, plan)))
                .isEqualTo("supported");
        assertThat(sectionOutcome("medications", new SummaryItem("Lisinopril 20 mg daily", List.of(HP), null, null, plan)))
                .startsWith("contradicted");
        // "possible" governs its clause: the diagnosis is not established, in any section
        NoteQuote dx = quote("Unstable angina, possible NSTEMI.", "assessment-and-plan");
        assertThat(sectionOutcome("problems", new SummaryItem("NSTEMI", List.of(HP), null, null, dx)))
                .startsWith("unverifiable: the note states 'nstemi' as uncertain");
        // a quote the inbox would show as the note's words must be at its locator, whatever the item's section
        NoteQuote shifted = new NoteQuote(HP, plan.section(), plan.start() + 1, plan.end() + 1, plan.text(), TITLE);
        assertThat(sectionOutcome("medications", new SummaryItem("Lisinopril 10 mg daily", List.of(HP), null, null, shifted)))
                .startsWith("contradicted: the quote is not in the note at its locator");
        // without a quote, one sentence of the cited note must support it; a denial never does
        assertThat(sectionOutcome("problems", new SummaryItem("Hypertension", List.of(HP), null))).isEqualTo("supported");
        assertThat(sectionOutcome("problems", new SummaryItem("Fever", List.of(HP), null))).startsWith("unverifiable");
    }
}
