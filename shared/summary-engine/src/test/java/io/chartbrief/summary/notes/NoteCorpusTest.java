package io.chartbrief.summary.notes;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.chart.ClinicalChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;

/**
 * Real notes from the corpus (read in place, never copied): ACI-BENCH reference notes and MTS-Dialog sections
 * wrapped as DocumentReferences, and the base64 notes of the fhir-data-pipes HIV Synthea bundles.
 */
class NoteCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> list = Files.list(NoteFixtures.corpus().resolve(folder))) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static NoteText readWrapped(String id, String text) {
        NoteReading reading = new NoteReader().read(NoteFixtures.chart(
                NoteFixtures.note(id, "2024-01-01", "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8))));
        assertThat(reading.skipped()).as(id).isEmpty();
        return reading.notes().get(0);
    }

    @Test
    void aciBenchReferenceNotesHaveTheirSectionsAndExactOffsets() throws IOException {
        List<Path> files = files("notes/aci-bench");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = JSON.readTree(file.toFile()).get("reference_note").asText();
            NoteText note = readWrapped("aci", text);
            assertThat(note.text()).as(file.toString()).isEqualTo(text);
            List<NoteSection> sections = NoteSections.of(note.text());
            List<String> names = sections.stream().map(NoteSection::name).toList();
            assertThat(names).as(file + " " + names).containsAnyOf("assessment-and-plan", "assessment", "plan");
            // every note states its complaint (CHIEF COMPLAINT or CC:); an HPI where the note has that heading
            assertThat(names).as(file + " " + names).contains("chief-complaint");
            if (text.contains("HISTORY OF PRESENT ILLNESS") || text.contains("HPI:")) {
                assertThat(names).as(file + " " + names).contains("hpi");
            }
            assertThat(names).as(file.toString()).doesNotContain("preamble");
            for (NoteSection section : sections) {
                if (!section.name().equals("physical-exam") && !section.name().equals("results")) {
                    assertThat(section.isEmpty()).as(file + " " + section).isFalse();
                }
            }
            NoteFixtures.assertOffsetsSlice(note.text(), sections);
            assertThat(NoteSentences.of(note.text(), NoteSections.first(sections, "chief-complaint")))
                    .as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void mtsDialogSectionsSplitIntoSentencesWithExactOffsets() throws IOException {
        List<Path> files = files("notes/mts-dialog");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode record = JSON.readTree(file.toFile());
            String text = record.get("reference_section_text").asText();
            NoteText note = readWrapped("mts", text);
            List<NoteSection> sections = NoteSections.of(note.text());
            assertThat(sections).as(file.toString()).isNotEmpty();
            NoteFixtures.assertOffsetsSlice(note.text(), sections);
            List<NoteSentence> sentences = new ArrayList<>();
            sections.forEach(s -> sentences.addAll(NoteSentences.of(note.text(), s)));
            assertThat(sentences).as(file.toString()).isNotEmpty();
            if (record.get("section_header").asText().equals("DIAGNOSIS")) {
                // "1.  Bipolar disorder. 2.  Iron deficiency anemia. ..." - an inline numbered list
                assertThat(sentences).extracting(s -> s.text(note.text())).startsWith("Bipolar disorder.",
                        "Iron deficiency anemia.");
            }
        }
    }

    @Test
    void hivSyntheaNotesDecode() throws IOException {
        List<Path> files = files("fhir/synthea/fhir-data-pipes-hiv");
        assertThat(files).isNotEmpty();
        FhirContext fhir = FhirContext.forR4Cached();
        for (Path file : files) {
            Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, Files.readString(file));
            ClinicalChart chart = ClinicalChart.of(bundle, null, null);
            List<DocumentReference> documents = chart.all(DocumentReference.class);
            assertThat(documents).as(file.toString()).hasSizeGreaterThan(20);
            for (DocumentReference document : documents) {
                AttachmentText.Result result = AttachmentText.read(document.getContentFirstRep().getAttachment(),
                        chart, NoteLimits.DEFAULT);
                assertThat(result).as(chart.referenceOf(document)).isInstanceOf(AttachmentText.Read.class);
                String text = ((AttachmentText.Read) result).text();
                List<NoteSection> sections = NoteSections.of(text);
                assertThat(sections).extracting(NoteSection::name).contains("chief-complaint", "hpi",
                        "assessment-and-plan");
                NoteFixtures.assertOffsetsSlice(text, sections);
            }
            // Synthea marks all but the newest note superseded and repeats each as a report's presentedForm
            NoteReading reading = new NoteReader().read(chart);
            assertThat(reading.notes()).as(file.toString()).hasSize(1);
            assertThat(reading.notes().get(0).ref()).startsWith("DocumentReference/");
            assertThat(reading.skipped()).extracting(NoteReading.Skipped::reason)
                    .allMatch(r -> r.equals("superseded") || r.startsWith("presentedForm is the text of"));
        }
    }
}
