package io.chartbrief.inbox.service;

import io.chartbrief.interop.summary.SummaryDocument;
import io.chartbrief.interop.event.SummaryDocumentProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.inbox.SummaryBundles;
import io.chartbrief.inbox.service.DocumentReader.InvalidDocumentException;
import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import io.chartbrief.interop.summary.SummaryDocument.Item;
import io.chartbrief.interop.summary.SummaryDocument.Quote;
import io.chartbrief.interop.summary.SummaryDocument.RecommendationItem;
import io.chartbrief.interop.summary.SummaryDocument.UnverifiedItem;
import io.chartbrief.interop.summary.SummaryDocument.VerificationCounts;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    private final DocumentReader reader = new DocumentReader(new RecipientRouter(List.of("ATND", "ADM")));

    @Test
    void readsTheContractShape() throws InvalidDocumentException {
        SummaryBundles summary = SummaryBundles.summary().engine("llama").participant("ATND", "4411").unit("5EAST")
                .patient("p1", "Alex Example", "MRN-1").narrative("Admitted with chest pain. Potassium is low.");
        InboxDocument doc = reader.read(summary.json(), null, null);
        assertThat(doc.patient()).isEqualTo("Patient/p1");
        assertThat(doc.patientName()).isEqualTo("Alex Example");
        assertThat(doc.encounter()).isEqualTo(summary.encounterRef());
        assertThat(doc.engineKind()).isEqualTo("llama");
        assertThat(doc.aiGenerated()).isTrue();
        assertThat(doc.headline()).isEqualTo("Admitted with chest pain.");
        assertThat(doc.content().engine().model()).isEqualTo("medgemma-4b-it");
        assertThat(doc.content().sections()).extracting(SummaryDocument.Section::code)
                .containsExactly("11450-4", "48765-2", "30954-2");
        assertThat(doc.content().sections().get(2).items())
                .containsExactly(new Item("Potassium low at 3.1 mmol/L", List.of("Observation/obs-k")));
        assertThat(doc.content().recommendations()).containsExactly(new RecommendationItem(
                "Replace potassium and recheck in 6 hours", "high", "Potassium 3.1 mmol/L is below range",
                List.of("Observation/obs-k")));
        assertThat(doc.evidence()).containsEntry("Observation/obs-k",
                new Evidence("Observation", "Potassium 3.1 mmol/L (L)", "2026-11-01"));
        assertThat(doc.evidence()).containsEntry("Condition/cond-cp", new Evidence("Condition", "Chest pain", "2026-10-31"));
        assertThat(doc.recipients().units()).containsExactly("5EAST");
    }

    @Test
    void extractiveIsNotAiGenerated() throws InvalidDocumentException {
        InboxDocument doc = reader.read(SummaryBundles.summary().json(), null, "extractive");
        assertThat(doc.aiGenerated()).isFalse();
        assertThat(doc.engineKind()).isEqualTo("extractive");
    }

    @Test
    void rejectsWhatIsNotASummaryDocument() {
        assertThatThrownBy(() -> reader.read("not json", null, null)).isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> reader.read("{\"resourceType\":\"Bundle\",\"type\":\"document\",\"entry\":[]}", null, null))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("Composition");
        assertThatThrownBy(() -> reader.read("{\"resourceType\":\"Patient\",\"id\":\"x\"}", null, null))
                .isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> reader.read("", null, null)).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void documentsWithoutPerItemSubSectionsFallBackToTheSectionText() throws InvalidDocumentException {
        org.hl7.fhir.r4.model.Bundle bundle = SummaryBundles.summary().bundle();
        org.hl7.fhir.r4.model.Composition composition =
                (org.hl7.fhir.r4.model.Composition) bundle.getEntryFirstRep().getResource();
        for (var section : composition.getSection()) {
            section.getSection().clear();
        }
        var plan = composition.getSection().get(3);
        plan.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul><li>[medium] Recheck potassium"
                + " — Potassium 3.1 mmol/L</li><li>Review allergies</li></ul></div>");
        InboxDocument doc = reader.read(io.chartbrief.interop.fhir.FhirContexts.r4().newJsonParser()
                .encodeResourceToString(bundle), null, null);
        // one line: the section's entries are its evidence
        assertThat(doc.content().sections().get(2).items())
                .containsExactly(new Item("Potassium low at 3.1 mmol/L", List.of("Observation/obs-k")));
        assertThat(doc.content().recommendations()).containsExactly(
                new RecommendationItem("Recheck potassium", "medium", "Potassium 3.1 mmol/L", List.of()),
                new RecommendationItem("Review allergies", null, null, List.of()));
    }

    @Test
    void theUnverifiedSectionIsReadApartFromTheSections() throws InvalidDocumentException {
        SummaryBundles summary = SummaryBundles.summary()
                .unverified("problems", "Chest pain radiating to the jaw", "term \"jaw\" not in cited resources",
                        "Condition/cond-cp")
                .verification("partially-verified", 6, 4, 1, 1);

        InboxDocument doc = reader.read(summary.json(), null, null);

        assertThat(doc.content().sections()).extracting(SummaryDocument.Section::code)
                .containsExactly("11450-4", "48765-2", "30954-2");
        assertThat(doc.content().sections()).flatExtracting(SummaryDocument.Section::items).extracting(Item::text)
                .doesNotContain("Chest pain radiating to the jaw");
        assertThat(doc.content().recommendations()).extracting(RecommendationItem::text)
                .doesNotContain("Chest pain radiating to the jaw");
        assertThat(doc.content().unverified()).containsExactly(new UnverifiedItem("problems",
                "Chest pain radiating to the jaw", "term \"jaw\" not in cited resources", List.of("Condition/cond-cp")));
        assertThat(doc.content().verification()).isEqualTo(new VerificationCounts("partially-verified", 6, 4, 1, 1));
        assertThat(doc.evidence()).containsKey("Condition/cond-cp");
    }

    @Test
    void aDocumentWithoutVerificationDetailsHasNoUnverifiedItemsAndNoCounts() throws InvalidDocumentException {
        InboxDocument doc = reader.read(SummaryBundles.summary().json(), null, null);

        assertThat(doc.content().unverified()).isEmpty();
        assertThat(doc.content().verification()).isNull();
    }

    /** Round trip: what the summarizer's own builder writes, this reader reads (both follow SummaryDocumentProfile). */
    @Test
    void readsWhatTheSummaryDocumentBuilderWrites() throws InvalidDocumentException {
        Bundle chartBundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = new Patient();
        patient.setId("p1");
        chartBundle.addEntry().setResource(patient);
        Condition pneumonia = new Condition();
        pneumonia.setId("c1");
        pneumonia.setSubject(new Reference("Patient/p1"));
        pneumonia.setCode(new CodeableConcept().setText("Pneumonia"));
        chartBundle.addEntry().setResource(pneumonia);
        MedicationRequest lisinopril = new MedicationRequest();
        lisinopril.setId("m1");
        lisinopril.setSubject(new Reference("Patient/p1"));
        lisinopril.setMedication(new CodeableConcept().setText("lisinopril 10 MG Oral Tablet"));
        chartBundle.addEntry().setResource(lisinopril);
        ClinicalChart chart = ClinicalChart.of(chartBundle, null, null);
        PatientSummary summary = new PatientSummary(PatientSummary.SCHEMA_VERSION, "Patient/p1", null, "", List.of(),
                List.of(new SummaryItem("Pneumonia", List.of("Condition/c1"), null)), List.of(), List.of(), List.of(),
                List.of(), List.of(), new EngineInfo(EngineInfo.EXTRACTIVE, null, null, null),
                Verification.of(1, List.of(new DroppedItem("problems", "Asthma", List.of("Condition/nope"),
                        "unknown evidence Condition/nope")), List.of(new DroppedItem("medications", "Warfarin 5 mg",
                        List.of("MedicationRequest/m1"), "term \"warfarin\" not in cited resources"))), null, null);
        String json = FhirContexts.r4().newJsonParser().encodeResourceToString(
                new SummaryDocumentBuilder().build(summary, chart, new Date()));

        InboxDocument doc = reader.read(json, null, null);

        assertThat(doc.content().sections()).singleElement().satisfies(s -> assertThat(s.items())
                .containsExactly(new Item("Pneumonia", List.of("Condition/c1"))));
        assertThat(doc.content().unverified()).containsExactly(new UnverifiedItem("medications", "Warfarin 5 mg",
                "term \"warfarin\" not in cited resources", List.of("MedicationRequest/m1")));
        assertThat(doc.content().verification()).isEqualTo(new VerificationCounts("partially-verified", 3, 1, 1, 1));
        assertThat(doc.evidence()).containsKey("MedicationRequest/m1");
        assertThat(json).doesNotContain("Asthma");
    }

    /** A document without per-item sub-sections still keeps its unverified items apart (its list lines). */
    @Test
    void anUnverifiedSectionWithoutSubSectionsIsReadFromItsListLines() throws InvalidDocumentException {
        Bundle bundle = SummaryBundles.summary().unverified("results", "Sodium 150", "number 150 not in cited resources",
                "Observation/obs-k").bundle();
        Composition composition = (Composition) bundle.getEntryFirstRep().getResource();
        Composition.SectionComponent apart = composition.getSection().get(composition.getSection().size() - 1);
        apart.getSection().clear();
        apart.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>NOT VERIFIED against the chart: "
                + "read the record.</p><ul><li>Sodium 150 (results) — Not verified: number 150</li></ul></div>");

        InboxDocument doc = reader.read(FhirContexts.r4().newJsonParser().encodeResourceToString(bundle), null, null);

        assertThat(doc.content().unverified()).extracting(UnverifiedItem::text)
                .containsExactly("Sodium 150 (results) — Not verified: number 150");
        assertThat(doc.content().sections()).extracting(SummaryDocument.Section::title)
                .doesNotContain("Not verified against the chart");
    }

    @Test
    void aNoteItemCarriesItsQuoteTheNotesTitleDateAndThePassageInContext() throws InvalidDocumentException {
        InboxDocument doc = reader.read(SummaryBundles.summary().note().json(), null, null);

        assertThat(doc.content().sections()).extracting(SummaryDocument.Section::code)
                .containsExactly("11450-4", "48765-2", "30954-2", SummaryDocumentProfile.NOTES_SECTION);
        SummaryDocument.Section notes = doc.content().sections().get(3);
        assertThat(notes.title()).isEqualTo("From the clinical notes");
        int start = SummaryBundles.NOTE_QUOTE_START;
        assertThat(notes.items()).containsExactly(new Item(SummaryBundles.NOTE_QUOTE, List.of("DocumentReference/doc-hp"),
                new Quote("DocumentReference/doc-hp", "hpi", "HISTORY OF PRESENT ILLNESS", start,
                        start + SummaryBundles.NOTE_QUOTE.length(), SummaryBundles.NOTE_QUOTE, "Admission H&P",
                        "2026-11-01", SummaryBundles.NOTE_CONTEXT, SummaryBundles.NOTE_CONTEXT_START)));
        Quote quote = notes.items().get(0).quote();
        assertThat(quote.context().substring(quote.start() - quote.contextStart(), quote.end() - quote.contextStart()))
                .isEqualTo(quote.text());
        assertThat(doc.evidence()).containsEntry("DocumentReference/doc-hp",
                new Evidence("DocumentReference", "History and physical note", "2026-11-01"));
        // Items that quote no note have no quote (and the JSON leaves it out).
        assertThat(doc.content().sections().get(0).items()).allSatisfy(i -> assertThat(i.quote()).isNull());
    }

    /** A context that does not hold the quote at its offset is dropped: a highlight never marks other words. */
    @Test
    void aContextThatDoesNotHoldTheQuoteAtItsOffsetIsDropped() throws InvalidDocumentException {
        Bundle bundle = SummaryBundles.summary().note().bundle();
        Composition composition = (Composition) bundle.getEntryFirstRep().getResource();
        Composition.SectionComponent notes = composition.getSection().stream()
                .filter(s -> SummaryDocumentProfile.NOTES_SECTION.equals(s.getCode().getCodingFirstRep().getCode())).findFirst()
                .orElseThrow();
        Extension quote = notes.getSectionFirstRep().getExtensionByUrl(SummaryDocumentProfile.NOTE_QUOTE_EXTENSION);
        quote.getExtensionByUrl("contextStart").setValue(new IntegerType(SummaryBundles.NOTE_CONTEXT_START + 4));
        quote.getExtension().removeIf(e -> "title".equals(e.getUrl()) || "date".equals(e.getUrl()));

        InboxDocument doc = reader.read(FhirContexts.r4().newJsonParser().encodeResourceToString(bundle), null, null);

        Quote read = doc.content().sections().get(3).items().get(0).quote();
        assertThat(read.text()).isEqualTo(SummaryBundles.NOTE_QUOTE);
        assertThat(read.context()).isNull();
        assertThat(read.contextStart()).isNull();
        // Title and date then come from the note the document carries.
        assertThat(read.title()).isEqualTo("History and physical note");
        assertThat(read.date()).isEqualTo("2026-11-01");
    }

    /** Round trip: the summarizer's builder writes a note item, this reader gets its quote back. */
    @Test
    void readsTheNoteQuoteTheSummaryDocumentBuilderWrites() throws InvalidDocumentException {
        String text = "CHIEF COMPLAINT: Shortness of breath.\r\n\r\nASSESSMENT AND PLAN:\r\n"
                + "Acute on chronic heart failure. Diurese with furosemide 40 mg IV twice daily. Daily weights.\r\n";
        Bundle chartBundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = new Patient();
        patient.setId("p1");
        chartBundle.addEntry().setResource(patient);
        DocumentReference hp = new DocumentReference();
        hp.setId("hp1");
        hp.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        hp.setSubject(new Reference("Patient/p1"));
        hp.setDescription("H&P <admission>");
        hp.setDateElement(new InstantType("2026-11-02T09:00:00Z"));
        hp.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
        chartBundle.addEntry().setResource(hp);
        ClinicalChart chart = ClinicalChart.of(chartBundle, null, null);
        String passage = "Diurese with furosemide 40 mg IV twice daily.";
        int start = text.indexOf(passage);
        SummaryItem item = new SummaryItem(passage, List.of("DocumentReference/hp1"), "2026-11-02", null,
                new NoteQuote("DocumentReference/hp1", "assessment-and-plan", start, start + passage.length(), passage,
                        "H&P <admission>"));
        PatientSummary summary = new PatientSummary(PatientSummary.SCHEMA_VERSION, "Patient/p1", null, "", List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(item), List.of(),
                new EngineInfo(EngineInfo.EXTRACTIVE, null, null, null), Verification.of(1, List.of(), List.of()),
                null, null);
        String json = FhirContexts.r4().newJsonParser().encodeResourceToString(
                new SummaryDocumentBuilder().build(summary, chart, new Date()));

        InboxDocument doc = reader.read(json, null, null);

        String context = "Acute on chronic heart failure. Diurese with furosemide 40 mg IV twice daily. Daily weights.";
        assertThat(doc.content().sections()).singleElement().satisfies(s -> {
            assertThat(s.code()).isEqualTo("34109-9");
            assertThat(s.items()).containsExactly(new Item(passage, List.of("DocumentReference/hp1"),
                    new Quote("DocumentReference/hp1", "assessment-and-plan", "ASSESSMENT AND PLAN", start,
                            start + passage.length(), passage, "H&P <admission>", "2026-11-02", context,
                            text.indexOf(context))));
        });
        assertThat(doc.evidence()).containsKey("DocumentReference/hp1");
    }

    @Test
    void headlineIsTheFirstSentence() {
        assertThat(DocumentReader.headline("K 3.1 is low. Recheck.")).isEqualTo("K 3.1 is low.");
        assertThat(DocumentReader.headline("One sentence only")).isEqualTo("One sentence only");
        assertThat(DocumentReader.headline("")).isEmpty();
    }
}
