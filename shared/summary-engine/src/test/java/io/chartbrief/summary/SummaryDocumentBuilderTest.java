package io.chartbrief.summary;

import io.chartbrief.interop.event.SummaryDocumentProfile;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.fhir.SummaryDocumentValidator;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SummaryDocumentBuilderTest {

    private static FhirValidator validator;
    private final SummaryDocumentBuilder builder = new SummaryDocumentBuilder();
    private final Date when = new Date(1_709_300_000_000L);

    @BeforeAll
    static void buildValidatorOnce() {
        validator = SummaryDocumentValidator.create();
    }

    @Test
    void modelSummaryIsAValidLabelledDocument() {
        Bundle chartBundle = ChartFixtures.admissionChart();
        Practitioner attending = new Practitioner();
        attending.setId("pr-att");
        attending.addIdentifier().setSystem("urn:chartbrief:authority:RIVERSIDE").setValue("4411");
        attending.addName().setFamily("Okafor");
        ChartFixtures.add(chartBundle, attending);
        Encounter admission = chartBundle.getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof Encounter && "e-adm".equals(r.getIdElement().getIdPart()))
                .map(Encounter.class::cast).findFirst().orElseThrow();
        admission.addParticipant().setIndividual(new Reference("Practitioner/pr-att"));
        ClinicalChart chart = ClinicalChart.of(chartBundle, null, null);
        PatientSummary summary = Summarizer.extractiveOnly().summarize(chart)
                .withEngine(new EngineInfo(EngineInfo.LLAMA, "medgemma-4b-it-Q4_K_M.gguf", "ab".repeat(32), null));

        Bundle document = builder.build(summary, chart, when);

        assertValid(document);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("60591-5");
        assertThat(composition.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .containsExactly("11450-4", "10160-0", "48765-2", "30954-2", "8716-3", "18776-5");
        assertThat(composition.getSection().get(2).getEntryFirstRep().getReference()).isEqualTo("AllergyIntolerance/a-pen");
        assertThat(composition.getMeta().getSecurity()).extracting(c -> c.getCode()).containsExactly("AIAST");
        assertThat(document.getMeta().getSecurity()).extracting(c -> c.getCode()).containsExactly("AIAST");
        Provenance provenance = (Provenance) document.getEntry().get(2).getResource();
        assertThat(provenance.getAgentFirstRep().getWho().getReference()).startsWith("Device/chartbrief-llama-abab");
        assertThat(document.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Patient", "Encounter", "Practitioner", "Condition", "MedicationRequest",
                        "AllergyIntolerance", "Observation");
        // Each item is a sub-section carrying only its own evidence.
        Composition.SectionComponent allergies = composition.getSection().get(2);
        assertThat(allergies.getSection()).hasSize(summary.allergies().size());
        assertThat(allergies.getSection().get(0).getTitle()).isEqualTo(summary.allergies().get(0).text());
        assertThat(allergies.getSection().get(0).getEntry()).extracting(Reference::getReference)
                .containsExactlyElementsOf(summary.allergies().get(0).evidence());
        Composition.SectionComponent plan = composition.getSection().get(5);
        Composition.SectionComponent first = plan.getSection().get(0);
        assertThat(first.getTitle()).isEqualTo(summary.recommendations().get(0).text());
        assertThat(first.getExtensionByUrl(SummaryDocumentProfile.PRIORITY_EXTENSION).getValue().primitiveValue())
                .isEqualTo(summary.recommendations().get(0).priority().code());
        assertThat(first.getEntry()).extracting(Reference::getReference)
                .containsExactlyElementsOf(summary.recommendations().get(0).evidence());
    }

    @Test
    void unverifiedItemsFormALabelledLastSectionAndContradictedOnesAreLeftOut() {
        ClinicalChart chart = ClinicalChart.of(ChartFixtures.admissionChart(), null, null);
        PatientSummary verified = Summarizer.extractiveOnly().summarize(chart);
        DroppedItem contradicted = new DroppedItem("results", "Potassium 9.9 mmol/L", List.of("Observation/l-k"),
                "value 9.9 is not the result (5.90 mmol/L)");
        DroppedItem warfarin = new DroppedItem("medications", "Warfarin 5 mg <daily>",
                List.of("MedicationRequest/m-amox", "MedicationRequest/ghost"),
                "term \"warfarin\" not in cited resources");
        DroppedItem clause = new DroppedItem("narrative", "Admitted after a fall.", List.of("Encounter/e-adm"),
                "term \"fall\" not in cited resources");
        PatientSummary summary = verified.withVerification(Verification.of(verified.verification().supported(),
                List.of(contradicted), List.of(warfarin, clause)));

        Bundle document = builder.build(summary, chart, when);

        assertValid(document);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        Composition.SectionComponent last = composition.getSection().get(composition.getSection().size() - 1);
        assertThat(composition.getSection()).filteredOn(s -> s.getCode().getCodingFirstRep().getSystem()
                .equals(SummaryDocumentProfile.SECTION_SYSTEM)).containsExactly(last);
        assertThat(last.getCode().getCodingFirstRep().getCode()).isEqualTo(SummaryDocumentProfile.UNVERIFIED_SECTION);
        assertThat(last.getTitle()).isEqualTo("Not verified against the chart");
        assertThat(last.getExtensionByUrl(SummaryDocumentProfile.OUTCOME_EXTENSION).getValue().primitiveValue())
                .isEqualTo("unverifiable");
        assertThat(last.getText().getDivAsString()).contains(SummaryDocumentBuilder.UNVERIFIED_NOTICE)
                .contains("Warfarin 5 mg &lt;daily&gt; (medications) — Not verified: term &quot;warfarin&quot;");
        assertThat(last.getSection()).hasSize(2);
        Composition.SectionComponent first = last.getSection().get(0);
        assertThat(first.getTitle()).isEqualTo("Warfarin 5 mg <daily>");
        assertThat(first.getText().getDivAsString()).contains("<p>Warfarin 5 mg &lt;daily&gt;</p>")
                .contains("<p>Not verified: term &quot;warfarin&quot; not in cited resources</p>");
        // Only evidence the chart has is referenced, and it is copied into the document like any other.
        assertThat(first.getEntry()).extracting(Reference::getReference).containsExactly("MedicationRequest/m-amox");
        assertThat(document.getEntry()).extracting(e -> e.getResource().fhirType() + "/" + e.getResource().getIdPart())
                .contains("MedicationRequest/m-amox").doesNotContain("MedicationRequest/ghost");
        assertThat(first.getExtensionByUrl(SummaryDocumentProfile.OUTCOME_EXTENSION).getValue().primitiveValue())
                .isEqualTo("unverifiable");
        assertThat(first.getExtensionByUrl(SummaryDocumentProfile.ITEM_SECTION_EXTENSION).getValue().primitiveValue())
                .isEqualTo("medications");
        assertThat(first.getExtensionByUrl(SummaryDocumentProfile.ITEM_REASON_EXTENSION).getValue().primitiveValue())
                .isEqualTo("term \"warfarin\" not in cited resources");
        assertThat(last.getSection().get(1).getTitle()).isEqualTo("Admitted after a fall.");
        // The verified sections hold none of it.
        composition.getSection().stream().filter(s -> s != last).forEach(s -> assertThat(s.getSection())
                .extracting(Composition.SectionComponent::getTitle).doesNotContain(warfarin.text(), clause.text()));
        // Counts on the Composition; the contradicted item is counted, never published.
        Extension counts = composition.getExtensionByUrl(SummaryDocumentProfile.VERIFICATION_EXTENSION);
        assertThat(counts.getExtensionString("status")).isEqualTo("partially-verified");
        assertThat(counts.getExtensionByUrl("unverifiable").getValue().primitiveValue()).isEqualTo("2");
        assertThat(counts.getExtensionByUrl("contradicted").getValue().primitiveValue()).isEqualTo("1");
        assertThat(counts.getExtensionByUrl("items").getValue().primitiveValue())
                .isEqualTo(String.valueOf(summary.verification().items()));
        assertThat(FhirContexts.r4().newJsonParser().encodeResourceToString(document)).doesNotContain("9.9");
    }

    @Test
    void aVerifiedSummaryHasNoUnverifiedSection() {
        ClinicalChart chart = ClinicalChart.of(ChartFixtures.admissionChart(), null, null);
        PatientSummary summary = Summarizer.extractiveOnly().summarize(chart);

        Composition composition = (Composition) builder.build(summary, chart, when).getEntryFirstRep().getResource();

        assertThat(composition.getSection()).noneMatch(s -> s.getCode().getCodingFirstRep().getSystem()
                .equals(SummaryDocumentProfile.SECTION_SYSTEM));
        assertThat(composition.getExtensionByUrl(SummaryDocumentProfile.VERIFICATION_EXTENSION)
                .getExtensionString("status")).isEqualTo("verified");
    }

    @Test
    void extractiveSummaryOfASyntheaPatientIsValidAndNotLabelledAi() throws Exception {
        List<Path> bundles = ChartFixtures.syntheaBundles();
        Path file = bundles.stream().filter(p -> p.getFileName().toString().startsWith("Birgit_Schmeler")).findFirst()
                .orElse(bundles.get(0));
        var event = new FhirEventNormalizer().normalize(Files.readString(file));
        ClinicalChart chart = ClinicalChart.of(event.bundle(), event.patientKey(), null);

        Bundle document = builder.build(Summarizer.extractiveOnly().summarize(chart), chart, when);

        assertValid(document);
        assertThat(document.getMeta().getSecurity()).isEmpty();
    }

    @Test
    void summaryOfAChartWithDataAbsentValuesIsAValidDocumentWithoutNull() {
        ClinicalChart chart = ClinicalChart.of(ChartFixtures.dataAbsentChart(), null, null);

        Bundle document = builder.build(Summarizer.extractiveOnly().summarize(chart), chart, when);

        // The document carries the cited chart resources unchanged, data-absent-reason included. HAPI's validator
        // (8.6.5) reports a required-binding code that holds only that extension as "no code provided"; those
        // two come from the chart's own Patient.gender and AllergyIntolerance.criticality, nothing else may fail.
        List<SingleValidationMessage> errors = errors(document);
        assertThat(errors).allSatisfy(m -> {
            assertThat(m.getMessageId()).isEqualTo("Terminology_TX_Code_ValueSet_MISSING");
            assertThat(m.getLocationString()).matches(".*(Patient/p1\\*/\\.gender|AllergyIntolerance/a-pen\\*/\\.criticality)");
        });
        assertThat(errors).hasSize(2);
        String json = FhirContexts.r4().newJsonParser().encodeResourceToString(document);
        assertThat(json).contains("Creatinine value not given").doesNotContainIgnoringCase("null");
    }

    /** An H&P note (LF line breaks), as an HL7 MDM message or a FHIR sender would carry it. */
    static final String HP_NOTE = """
            CHIEF COMPLAINT: Cough and fever for 3 days.

            HISTORY OF PRESENT ILLNESS:
            Mrs. Example is a 73-year-old woman with heart failure. She reports productive cough since Friday. \
            She denies chest pain. Temperature at home was 38.9 C.

            PHYSICAL EXAM:
            Crackles at the right base.

            ASSESSMENT AND PLAN:
            1. Community-acquired pneumonia, right lower lobe. Start ceftriaxone & azithromycin.
            2. Heart failure, compensated; continue lisinopril.
            """;

    /** The admission chart plus {@link #HP_NOTE} as DocumentReference/n-hp (inline base64 text/plain). */
    static ClinicalChart noteChart() {
        Bundle bundle = ChartFixtures.admissionChart();
        DocumentReference hp = new DocumentReference();
        hp.setId("n-hp");
        hp.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        hp.getType().addCoding().setSystem("http://loinc.org").setCode("34117-2").setDisplay("History and physical note");
        hp.setDescription("Admission H&P");
        hp.setSubject(new Reference("Patient/p1"));
        hp.setDateElement(new org.hl7.fhir.r4.model.InstantType("2024-03-01T14:30:00Z"));
        hp.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(HP_NOTE.getBytes(StandardCharsets.UTF_8)));
        ChartFixtures.add(bundle, hp);
        return ClinicalChart.of(bundle, null, null);
    }

    /** A note item quoting {@code passage} of {@link #HP_NOTE} at its offsets. */
    static SummaryItem noteItem(String passage, String section) {
        int start = HP_NOTE.indexOf(passage);
        assertThat(start).as(passage).isNotNegative();
        return new SummaryItem(passage, List.of("DocumentReference/n-hp"), "2024-03-01", null,
                new NoteQuote("DocumentReference/n-hp", section, start, start + passage.length(), passage,
                        "Admission H&P"));
    }

    static PatientSummary withNotes(PatientSummary summary, List<SummaryItem> notes) {
        return summary.withSections((name, items) -> "notes".equals(name) ? notes : items);
    }

    @Test
    void noteItemsFormANotesSectionWithTheirQuoteLocatorAndContext() {
        ClinicalChart chart = noteChart();
        SummaryItem complaint = noteItem("Cough and fever for 3 days.", "chief-complaint");
        SummaryItem hpi = noteItem("She reports productive cough since Friday.", "hpi");
        SummaryItem plan = noteItem("Start ceftriaxone & azithromycin.", "assessment-and-plan");
        // A model item says it in its own words and cites the passage.
        SummaryItem paraphrase = new SummaryItem("Heart failure is compensated", List.of("DocumentReference/n-hp"),
                null, null, noteItem("Heart failure, compensated; continue lisinopril.", "assessment-and-plan").quote());
        PatientSummary summary = withNotes(Summarizer.extractiveOnly().summarize(chart),
                List.of(complaint, hpi, plan, paraphrase));

        Bundle document = builder.build(summary, chart, when);

        assertValid(document);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .containsSubsequence("8716-3", SummaryDocumentProfile.NOTES_SECTION, "18776-5");
        Composition.SectionComponent notes = notesSection(document);
        assertThat(notes.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(notes.getTitle()).isEqualTo("From the clinical notes");
        assertThat(notes.getEntry()).extracting(Reference::getReference).containsExactly("DocumentReference/n-hp");
        // The note is copied into the document like all evidence.
        assertThat(document.getEntry()).extracting(e -> e.getResource().fhirType() + "/" + e.getResource().getIdPart())
                .contains("DocumentReference/n-hp");
        // The narrative: each quote, the note's title and date and its section, escaped.
        assertThat(notes.getText().getDivAsString())
                .contains("<li>“Cough and fever for 3 days.” — Admission H&amp;P, 2024-03-01, CHIEF COMPLAINT</li>")
                .contains("“Start ceftriaxone &amp; azithromycin.” — Admission H&amp;P, 2024-03-01, ASSESSMENT AND PLAN")
                .contains("Heart failure is compensated — “Heart failure, compensated; continue lisinopril.”");
        assertThat(notes.getSection()).hasSize(4);
        Composition.SectionComponent sub = notes.getSection().get(1);
        assertThat(sub.getTitle()).isEqualTo(hpi.text());
        assertThat(sub.getEntry()).extracting(Reference::getReference).containsExactly("DocumentReference/n-hp");
        Extension quote = sub.getExtensionByUrl(SummaryDocumentProfile.NOTE_QUOTE_EXTENSION);
        assertThat(((Reference) quote.getExtensionByUrl("note").getValue()).getReference())
                .isEqualTo("DocumentReference/n-hp");
        assertThat(quote.getExtensionString("section")).isEqualTo("hpi");
        int start = Integer.parseInt(quote.getExtensionByUrl("start").getValue().primitiveValue());
        int end = Integer.parseInt(quote.getExtensionByUrl("end").getValue().primitiveValue());
        assertThat(start).isEqualTo(hpi.quote().start());
        assertThat(end).isEqualTo(hpi.quote().end());
        assertThat(quote.getExtensionString("text")).isEqualTo(hpi.text());
        assertThat(quote.getExtensionString("title")).isEqualTo("Admission H&P");
        assertThat(quote.getExtensionByUrl("date").getValue().primitiveValue()).startsWith("2024-03-01");
        assertThat(quote.getExtensionString("heading")).isEqualTo("HISTORY OF PRESENT ILLNESS");
        // The context: whole sentences of the HPI around the quote, verbatim at its offset; nothing of the next section.
        String context = quote.getExtensionString("context");
        int contextStart = Integer.parseInt(quote.getExtensionByUrl("contextStart").getValue().primitiveValue());
        assertThat(context).isEqualTo(HP_NOTE.substring(contextStart, contextStart + context.length()))
                .startsWith("Mrs. Example is a 73-year-old woman with heart failure.")
                .endsWith("Temperature at home was 38.9 C.")
                .doesNotContain("PHYSICAL EXAM", "Crackles", "CHIEF COMPLAINT");
        assertThat(context.substring(start - contextStart, end - contextStart)).isEqualTo(hpi.text());
        // A list item's context stays in its section and keeps the list as written.
        Extension planQuote = notes.getSection().get(2).getExtensionByUrl(SummaryDocumentProfile.NOTE_QUOTE_EXTENSION);
        assertThat(planQuote.getExtensionString("context")).isEqualTo("Community-acquired pneumonia, right lower lobe. "
                + "Start ceftriaxone & azithromycin.\n2. Heart failure, compensated; continue lisinopril.");
        assertThat(notes.getSection().get(3).getTitle()).isEqualTo("Heart failure is compensated");
    }

    /** The engine's own note items (one H&P chart): a valid document, every quote's context holding it at its offset. */
    @Test
    void theExtractiveEnginesNoteItemsAreAValidDocumentWithEveryQuoteInContext() {
        ClinicalChart chart = NoteCharts.chart(NoteCharts.historyAndPhysicalChart());
        PatientSummary summary = Summarizer.extractiveOnly().summarize(chart);
        assertThat(summary.notes()).hasSizeGreaterThanOrEqualTo(3);

        Bundle document = builder.build(summary, chart, when);

        assertValid(document);
        Composition.SectionComponent notes = notesSection(document);
        assertThat(notes.getEntry()).extracting(Reference::getReference).containsExactly("DocumentReference/hp1");
        assertThat(notes.getSection()).hasSize(summary.notes().size());
        String text = NoteCharts.HISTORY_AND_PHYSICAL;
        for (int i = 0; i < summary.notes().size(); i++) {
            NoteQuote expected = summary.notes().get(i).quote();
            Extension quote = notes.getSection().get(i).getExtensionByUrl(SummaryDocumentProfile.NOTE_QUOTE_EXTENSION);
            int start = Integer.parseInt(quote.getExtensionByUrl("start").getValue().primitiveValue());
            int end = Integer.parseInt(quote.getExtensionByUrl("end").getValue().primitiveValue());
            assertThat(start).isEqualTo(expected.start());
            assertThat(end).isEqualTo(expected.end());
            assertThat(quote.getExtensionString("section")).isEqualTo(expected.section());
            String context = quote.getExtensionString("context");
            int contextStart = Integer.parseInt(quote.getExtensionByUrl("contextStart").getValue().primitiveValue());
            assertThat(context).as(expected.text()).isEqualTo(text.substring(contextStart, contextStart + context.length()));
            assertThat(context.substring(start - contextStart, end - contextStart)).isEqualTo(expected.text());
            assertThat(context.length() - expected.text().length())
                    .isLessThanOrEqualTo(2 * 300 + 2);  // whole sentences, at most 300 characters either side
        }
        assertThat(notes.getText().getDivAsString()).contains("“Chest pain for 2 days.” — ")
                .contains("2026-11-30, CHIEF COMPLAINT");
    }

    /** A large note's content stays in the chart: the document states its size and hash, and keeps the quotes. */
    @Test
    void aLargeNotesContentIsLeftOutOfTheDocumentWhichKeepsItsQuotesInContext() throws Exception {
        String text = NoteCharts.HISTORY_AND_PHYSICAL + "\nHOSPITAL COURSE:\n"
                + "Patient resting comfortably overnight. ".repeat(5_000);
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DocumentReference large = NoteCharts.note("hp1", "2026-11-30", "34117-2", "History and physical note", text);
        DocumentReference small = NoteCharts.note("ed1", "2026-11-29", "34111-5", "Emergency department note",
                "ASSESSMENT AND PLAN:\nCardiology consulted.\n");
        ClinicalChart chart = NoteCharts.chart(NoteCharts.bundle(List.of(large, small)));
        PatientSummary summary = Summarizer.extractiveOnly().summarize(chart);
        assertThat(summary.notes()).extracting(item -> item.quote().note()).contains("DocumentReference/hp1",
                "DocumentReference/ed1");

        Bundle document = builder.build(summary, chart, when);

        assertValid(document);
        Attachment copied = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof DocumentReference && r.getIdElement().getIdPart().equals("hp1"))
                .map(r -> ((DocumentReference) r).getContentFirstRep().getAttachment()).findFirst().orElseThrow();
        assertThat(copied.hasData()).isFalse();
        assertThat(copied.getSize()).isEqualTo(bytes.length);
        assertThat(copied.getHash()).isEqualTo(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
        assertThat(copied.getContentType()).isEqualTo("text/plain; charset=utf-8");
        // a small note travels whole
        Attachment smallCopy = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof DocumentReference && r.getIdElement().getIdPart().equals("ed1"))
                .map(r -> ((DocumentReference) r).getContentFirstRep().getAttachment()).findFirst().orElseThrow();
        assertThat(smallCopy.getData()).isEqualTo("ASSESSMENT AND PLAN:\nCardiology consulted.\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        String json = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(document);
        assertThat(json.length()).isLessThan(bytes.length / 4);
        Composition.SectionComponent notes = notesSection(document);
        for (Composition.SectionComponent sub : notes.getSection()) {
            Extension quote = sub.getExtensionByUrl(SummaryDocumentProfile.NOTE_QUOTE_EXTENSION);
            assertThat(quote.getExtensionString("context")).as(sub.getTitle()).isNotBlank();
        }
    }

    @Test
    void aQuoteNotAtItsLocatorIsPublishedWithoutContext() {
        ClinicalChart chart = noteChart();
        // n-1 has only a PDF: no text to quote from (the reader skips it).
        chart.get("DocumentReference/n-1").map(DocumentReference.class::cast).orElseThrow().addContent()
                .setAttachment(new Attachment().setContentType("application/pdf").setUrl("Binary/pdf-1"));
        SummaryItem shifted = noteItem("She denies chest pain.", "hpi");
        NoteQuote wrong = shifted.quote();
        SummaryItem item = new SummaryItem(shifted.text(), shifted.evidence(), null, null, new NoteQuote(wrong.note(),
                wrong.section(), wrong.start() + 3, wrong.end() + 3, wrong.text(), wrong.title()));
        SummaryItem unknownNote = new SummaryItem("Cough", List.of("DocumentReference/n-1"), null, null,
                new NoteQuote("DocumentReference/n-1", "preamble", 0, 5, "Cough", "Day 2 progress"));

        Bundle document = builder.build(withNotes(Summarizer.extractiveOnly().summarize(chart),
                List.of(item, unknownNote)), chart, when);

        assertValid(document);
        Composition.SectionComponent notes = notesSection(document);
        for (Composition.SectionComponent sub : notes.getSection()) {
            Extension quote = sub.getExtensionByUrl(SummaryDocumentProfile.NOTE_QUOTE_EXTENSION);
            assertThat(quote.getExtensionByUrl("context")).isNull();
            assertThat(quote.getExtensionByUrl("contextStart")).isNull();
            assertThat(quote.getExtensionByUrl("start")).isNotNull();
        }
        assertThat(notes.getText().getDivAsString()).contains("“She denies chest pain.” — Admission H&amp;P, 2024-03-01, hpi")
                .contains("“Cough” — Day 2 progress, preamble");
    }

    private static Composition.SectionComponent notesSection(Bundle document) {
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        return composition.getSection().stream()
                .filter(s -> SummaryDocumentProfile.NOTES_SECTION.equals(s.getCode().getCodingFirstRep().getCode()))
                .findFirst().orElseThrow();
    }

    private static void assertValid(Bundle document) {
        List<SingleValidationMessage> errors = errors(document);
        assertThat(errors).as(errors.stream().map(m -> m.getLocationString() + ": " + m.getMessage()).toList().toString())
                .isEmpty();
    }

    private static List<SingleValidationMessage> errors(Bundle document) {
        return validator.validateWithResult(document).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }
}
