package io.chartbrief.summary.notes;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.summary.NoteCharts;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Summaries of real notes from the corpus (read in place, never copied): the extractive engine's note items carry
 * the chief complaint and the assessment/plan, every quote stands verbatim at its locator in the note as
 * {@link NoteReader} decodes it, the verifier keeps them all, and entered-in-error and superseded notes never
 * contribute.
 */
class NoteSummaryCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ASSESSMENT = Set.of("assessment-and-plan", "assessment", "plan", "impression");

    private final Summarizer summarizer = Summarizer.extractiveOnly();

    private static List<Path> files(String folder, String suffix) throws Exception {
        try (Stream<Path> list = Files.list(NoteFixtures.corpus().resolve(folder))) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Checks every note item's quote against the decoded notes and returns the items. */
    private static List<SummaryItem> locatedNoteItems(PatientSummary summary, ClinicalChart chart, String label) {
        Map<String, NoteText> notes = new NoteReader().read(chart).notes().stream()
                .collect(Collectors.toMap(NoteText::ref, Function.identity()));
        for (SummaryItem item : summary.notes()) {
            NoteQuote q = item.quote();
            assertThat(q).as(label + ": " + item.text()).isNotNull();
            assertThat(item.evidence()).as(label).contains(q.note());
            NoteText note = notes.get(q.note());
            assertThat(note).as(label + ": quoted note " + q.note() + " is a current note").isNotNull();
            assertThat(note.text().substring(q.start(), q.end())).as(label).isEqualTo(q.text()).isEqualTo(item.text());
        }
        assertThat(summary.verification().dropped()).as(label).isEmpty();
        assertThat(summary.verification().unverified()).as(label).isEmpty();
        return summary.notes();
    }

    private static DocumentReference withStatus(DocumentReference note, String id,
            Enumerations.DocumentReferenceStatus status) {
        DocumentReference copy = note.copy();
        copy.setId(id);
        copy.setStatus(status);
        return copy;
    }

    @Test
    void aciBenchNotesSummarizeAsTheirComplaintAndPlanAndNeverFromAnEnteredInErrorOrSupersededCopy() throws Exception {
        List<Path> files = files("notes/aci-bench", ".json");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = JSON.readTree(file.toFile()).get("reference_note").asText();
            DocumentReference current = NoteCharts.note("hp1", "2026-11-30", "34117-2", "History and physical note", text);
            // a misfiled copy and an earlier draft, both newer than the current note, which must never be read
            DocumentReference misfiled = withStatus(NoteCharts.note("eie1", "2026-12-01", "34117-2",
                    "History and physical note", text), "eie1", Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
            DocumentReference draft = withStatus(NoteCharts.note("old1", "2026-12-01", "34117-2",
                    "History and physical note", text), "old1", Enumerations.DocumentReferenceStatus.SUPERSEDED);
            Bundle bundle = NoteCharts.bundle(List.of(current, misfiled, draft));
            PatientSummary summary = summarizer.summarize(bundle, null, null);
            List<SummaryItem> items = locatedNoteItems(summary, NoteCharts.chart(bundle), file.getFileName().toString());
            assertThat(items).as(file.toString()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(items).extracting(i -> i.quote().section()).as(file.toString()).contains("chief-complaint")
                    .anyMatch(ASSESSMENT::contains);
            assertThat(items).flatExtracting(SummaryItem::evidence).as(file.toString())
                    .containsOnly("DocumentReference/hp1");
            assertThat(summary.narrativeEvidence()).doesNotContain("DocumentReference/eie1", "DocumentReference/old1");
        }
    }

    @Test
    void hivSyntheaBundlesSummarizeTheirCurrentNoteOnly() throws Exception {
        List<Path> files = files("fhir/synthea/fhir-data-pipes-hiv", ".json");
        assertThat(files).isNotEmpty();
        FhirContext fhir = FhirContext.forR4Cached();
        for (Path file : files) {
            Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, Files.readString(file));
            ClinicalChart chart = ClinicalChart.of(bundle, null, null);
            PatientSummary summary = summarizer.summarize(chart);
            List<SummaryItem> items = locatedNoteItems(summary, chart, file.getFileName().toString());
            assertThat(items).extracting(i -> i.quote().section()).as(file.toString()).contains("chief-complaint")
                    .anyMatch(ASSESSMENT::contains);
            // Synthea supersedes all but its newest note: only that one is quoted
            String newest = new NoteReader().read(chart).notes().get(0).ref();
            assertThat(items).extracting(i -> i.quote().note()).as(file.toString()).containsOnly(newest);
            List<String> superseded = new ArrayList<>();
            for (DocumentReference d : chart.all(DocumentReference.class)) {
                if (d.getStatus() != Enumerations.DocumentReferenceStatus.CURRENT) {
                    superseded.add(chart.referenceOf(d));
                }
            }
            assertThat(items).flatExtracting(SummaryItem::evidence).as(file.toString()).doesNotContainAnyElementsOf(superseded);
        }
    }

    private static ClinicalChart converted(Path message) throws Exception {
        String text = Files.readString(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
        Bundle bundle = new Hl7v2Converter().convert(text).bundle();
        Bundle chart = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            chart.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
        }
        return ClinicalChart.of(chart, null, null);
    }

    @Test
    void corpusMdmMessagesThroughTheConverterSummarizeTheirTextAndSkipAPdf() throws Exception {
        List<Path> files = files("hl7v2", ".hl7").stream()
                .filter(p -> p.getFileName().toString().contains("MDM-T0")).toList();
        assertThat(files).isNotEmpty();
        int withText = 0;
        for (Path file : files) {
            ClinicalChart chart = converted(file);
            PatientSummary summary = summarizer.summarize(chart);
            List<SummaryItem> items = locatedNoteItems(summary, chart, file.getFileName().toString());
            NoteReading reading = new NoteReader().read(chart);
            if (reading.notes().isEmpty()) {
                // a PDF (OBX ED application/pdf) is skipped with its reason, and nothing is made up from it
                assertThat(items).as(file.toString()).isEmpty();
                assertThat(reading.skipped()).as(file.toString()).isNotEmpty();
            } else {
                withText++;
                // a note without headings contributes its opening sentences
                assertThat(items).as(file.toString()).isNotEmpty();
            }
        }
        assertThat(withText).as("MDM messages with note text").isPositive();
    }
}
