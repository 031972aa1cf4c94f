package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.SummaryJson;
import io.chartbrief.summary.model.VerificationStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's acceptance: {@code chartbrief summarize} on a chart whose only clinical content is one History and
 * Physical gives the chief complaint and the assessment and plan as note items whose quotes stand verbatim at their
 * locators, in json, text and fhir.
 */
class SummarizeNotesTest {

    static final String CHART = "src/test/resources/bundles/history-and-physical.json";
    static final String NOTE = "DocumentReference/0b6c1c2e-2222-4c1a-9c59-000000000060";

    /** The note text as written: the fixture's base64 attachment, decoded here (not by the engine's reader). */
    private static String noteText() throws Exception {
        JsonNode bundle = new ObjectMapper().readTree(Files.readString(Path.of(CHART)));
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource").path("resourceType").asText().equals("DocumentReference")) {
                String data = entry.path("resource").path("content").get(0).path("attachment").path("data").asText();
                return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("fixture has no note");
    }

    @Test
    void jsonHasTheComplaintAndThePlanAsQuotesAtTheirLocators() throws Exception {
        CliRun run = CliRun.of("summarize", CHART, "--engine", "extractive", "--format", "json");
        assertThat(run.exit).as(run.err()).isZero();
        PatientSummary summary = SummaryJson.read(run.out());
        String text = noteText();

        List<SummaryItem> notes = summary.notes();
        assertThat(notes).hasSizeGreaterThanOrEqualTo(3);
        for (SummaryItem item : notes) {
            NoteQuote quote = item.quote();
            assertThat(item.evidence()).containsExactly(NOTE);
            assertThat(quote.note()).isEqualTo(NOTE);
            assertThat(text.substring(quote.start(), quote.end())).isEqualTo(quote.text()).isEqualTo(item.text());
        }
        assertThat(notes).filteredOn(i -> i.quote().section().equals("chief-complaint")).extracting(SummaryItem::text)
                .containsExactly("Shortness of breath and leg swelling for 5 days.");
        assertThat(notes).filteredOn(i -> i.quote().section().equals("assessment-and-plan")).extracting(SummaryItem::text)
                .contains("Acute on chronic systolic heart failure.", "Start furosemide 40 mg IV twice daily.",
                        "Continue apixaban 5 mg twice daily.", "Hold metformin; insulin sliding scale.");
        // without a reason on the encounter, the complaint says why she is here
        assertThat(summary.narrative()).contains("Shortness of breath and leg swelling for 5 days.");
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
        // the other sections have nothing but the note: none is made up from it
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.medications()).isEmpty();
        assertThat(summary.allergies()).isEmpty();
    }

    @Test
    void textShowsEachQuoteWithItsNoteAndSection() throws Exception {
        CliRun run = CliRun.of("summarize", CHART, "--engine", "extractive", "--format", "text");
        assertThat(run.exit).as(run.err()).isZero();
        String text = noteText();
        String complaint = "Shortness of breath and leg swelling for 5 days.";
        int start = text.indexOf(complaint);
        assertThat(run.out())
                .contains("From the notes\n  - " + complaint + "  [" + NOTE + "]\n"
                        + "    from Admission history and physical, 2026-11-30, chief-complaint, characters " + start + "-"
                        + (start + complaint.length()) + "\n")
                .contains("  - Start furosemide 40 mg IV twice daily.  [" + NOTE + "]")
                .contains("Verification: verified");
    }

    @Test
    void fhirCarriesTheNotesSectionWithEveryQuoteInContextAtItsOffsets() throws Exception {
        CliRun run = CliRun.of("summarize", CHART, "--engine", "extractive", "--format", "fhir");
        assertThat(run.exit).as(run.err()).isZero();
        String text = noteText();
        JsonNode bundle = new ObjectMapper().readTree(run.out());
        JsonNode composition = bundle.path("entry").get(0).path("resource");
        JsonNode notes = null;
        for (JsonNode section : composition.path("section")) {
            if (section.path("code").path("coding").get(0).path("code").asText().equals("34109-9")) {
                notes = section;
            }
        }
        assertThat(notes).as("notes section (LOINC 34109-9)").isNotNull();
        assertThat(notes.path("entry").get(0).path("reference").asText()).isEqualTo(NOTE);
        List<String> quoted = new ArrayList<>();
        for (JsonNode item : notes.path("section")) {
            JsonNode quote = null;
            for (JsonNode extension : item.path("extension")) {
                if (extension.path("url").asText().endsWith("/note-quote")) {
                    quote = extension;
                }
            }
            assertThat(quote).as(item.path("title").asText()).isNotNull();
            int start = part(quote, "start").path("valueInteger").asInt();
            int end = part(quote, "end").path("valueInteger").asInt();
            String passage = part(quote, "text").path("valueString").asText();
            assertThat(text.substring(start, end)).isEqualTo(passage);
            String context = part(quote, "context").path("valueString").asText();
            int contextStart = part(quote, "contextStart").path("valueInteger").asInt();
            assertThat(text.substring(contextStart, contextStart + context.length())).isEqualTo(context);
            quoted.add(passage);
        }
        assertThat(quoted).hasSizeGreaterThanOrEqualTo(3)
                .contains("Shortness of breath and leg swelling for 5 days.", "Start furosemide 40 mg IV twice daily.");
        // the document carries the note it quotes
        assertThat(run.out()).contains("\"resourceType\": \"DocumentReference\"");
    }

    private static JsonNode part(JsonNode extension, String url) {
        for (JsonNode sub : extension.path("extension")) {
            if (sub.path("url").asText().equals(url)) {
                return sub;
            }
        }
        throw new AssertionError("no " + url + " in " + extension);
    }
}
