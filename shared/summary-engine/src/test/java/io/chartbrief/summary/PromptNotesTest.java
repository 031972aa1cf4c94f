package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.FactCategory;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.prompt.ChartPrompt;
import io.chartbrief.summary.prompt.PromptBuilder;
import io.chartbrief.summary.prompt.TokenCounter;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Note passages in the model prompt: aliases, located quotes, priority and the token budget. */
class PromptNotesTest {

    private final ClinicalChart chart = ClinicalChart.of(PromptNoteFixtures.notesChart(), null, null);
    private final PromptBuilder builder = new PromptBuilder(TokenCounter.ESTIMATE, 2);

    @Test
    void passagesEnterWithAliasesPerNoteAfterTheVitalsAndTheHistoryAndPhysicalFirst() {
        ChartPrompt prompt = builder.build(chart, 10_000);

        // The H&P outranks the newer progress note; passages in text order; list items are passages of their own,
        // wrapped prose sentences of one paragraph join.
        assertThat(prompt.factsText()).contains("""
                Note passages:
                Note N1: History and physical note (dated 2024-03-01)
                [N1.1] Chief complaint: Shortness of breath.
                [N1.2] HPI: Mr. Doe is a 72-year-old man with heart failure who presents with 3 days of worsening \
                dyspnea. He denies chest pain. He reports swelling of the left leg. He sleeps on three pillows.
                [N1.3] Family history: His mother had a stroke at 80.
                [N1.4] Exam: Crackles at both lung bases.
                [N1.5] Assessment and plan: Acute on chronic systolic heart failure. Start furosemide 40 mg IV twice daily.
                [N1.6] Assessment and plan: Community-acquired pneumonia, continue ceftriaxone.
                Note N2: Progress note (dated 2024-03-03)
                [N2.1] HPI: Breathing is better today.
                [N2.2] Assessment: Heart failure improving.
                [N2.3] Plan: Continue diuresis. Recheck potassium in the morning.
                """);
        String text = prompt.factsText();
        assertThat(text.indexOf("Vital signs")).isLessThan(text.indexOf("Note passages:"));
        assertThat(text.indexOf("Note passages:")).isLessThan(text.indexOf("Other recent results"));
        // Note titles alone are no longer facts (the admission chart's textless note has nothing to show).
        assertThat(text).doesNotContain("Recent notes").doesNotContain("Day 2 progress");

        assertThat(prompt.aliases()).containsEntry("N1.1", List.of("DocumentReference/hp"))
                .containsEntry("N2.3", List.of("DocumentReference/prog"));
        assertThat(prompt.passages().keySet()).containsExactly("N1.1", "N1.2", "N1.3", "N1.4", "N1.5", "N1.6",
                "N2.1", "N2.2", "N2.3");
        assertThat(prompt.aliases().keySet()).containsAll(prompt.passages().keySet());
        assertThat(prompt.aliases()).hasSize(prompt.facts().size());
        assertThat(prompt.facts().stream().filter(f -> f.category() == FactCategory.NOTE).map(ChartFact::text))
                .contains("Chief complaint: Shortness of breath.").hasSize(9);
        assertThat(prompt.omitted()).isEmpty();
        ChartPrompt counted = new PromptBuilder(String::length, 2).build(chart, 100_000);
        assertThat(counted.factTokens()).isEqualTo(counted.factsText().length());
    }

    @Test
    void everyPassageIsLocatedVerbatimInItsNote() {
        ChartPrompt prompt = builder.build(chart, 10_000);

        for (Map.Entry<String, ChartPrompt.NotePassage> entry : prompt.passages().entrySet()) {
            NoteQuote quote = entry.getValue().quote();
            String note = entry.getValue().noteText();
            assertThat(note.substring(quote.start(), quote.end())).as(entry.getKey()).isEqualTo(quote.text());
            assertThat(prompt.factsText()).contains("[" + entry.getKey() + "] ");
        }
        NoteQuote cc = prompt.passages().get("N1.1").quote();
        assertThat(cc).isEqualTo(new NoteQuote("DocumentReference/hp", "chief-complaint",
                PromptNoteFixtures.HP.indexOf("Shortness"), PromptNoteFixtures.HP.indexOf("breath.") + 7,
                "Shortness of breath.", "History and physical note"));
        assertThat(prompt.passages().get("N1.2").quote().section()).isEqualTo("hpi");
        // The quote keeps the note's line breaks; the prompt line shows the passage on one line.
        assertThat(prompt.passages().get("N1.2").quote().text()).contains("chest pain.\nHe reports");
        assertThat(prompt.passages().get("N1.6").quote().section()).isEqualTo("assessment-and-plan");
        assertThat(prompt.passages().get("N2.3").quote().section()).isEqualTo("plan");
    }

    @Test
    void enteredInErrorAndSupersededNotesNeverEnter() {
        ChartPrompt prompt = builder.build(chart, 10_000);

        assertThat(prompt.userMessage()).doesNotContain("WRONG PATIENT").doesNotContain("Amputation")
                .doesNotContain("SUPERSEDED").doesNotContain("sepsis");
        assertThat(prompt.aliases().values()).allSatisfy(refs -> assertThat(refs)
                .doesNotContain("DocumentReference/err", "DocumentReference/old"));
    }

    @Test
    void otherSectionsAreCutFirstAndTheCutIsRecorded() {
        ChartPrompt full = builder.build(chart, 10_000);
        ChartPrompt tight = builder.build(chart, full.factTokens() - 1);

        // The family history ranks last (other sections come after every fact and key passage).
        assertThat(tight.factTokens()).isLessThan(full.factTokens());
        assertThat(tight.factsText()).doesNotContain("Family history").contains("[N1.3] Exam: Crackles")
                .contains("[E2] Ambulatory encounter");
        assertThat(tight.omitted()).containsExactly(Map.entry(ChartPrompt.OMITTED_NOTE_PASSAGES, 1));
        assertThat(tight.omittedSummary()).containsExactly("note-passage: 1");
        // Numbers follow what fits: no gap where the family history was.
        assertThat(tight.passages().keySet()).containsExactly("N1.1", "N1.2", "N1.3", "N1.4", "N1.5", "N2.1", "N2.2",
                "N2.3");
    }

    @Test
    void anAddendumIsReadWithItsNoteAndOutranksItsOtherSections() {
        Bundle bundle = PromptNoteFixtures.notesChart();
        DocumentReference addendum = PromptNoteFixtures.note("hp-add", "2024-03-01T18:00:00Z", "34117-2",
                "History and physical note", "Correction: the swelling is of the right leg, not the left.\n");
        addendum.addRelatesTo().setCode(DocumentReference.DocumentRelationshipType.APPENDS)
                .setTarget(new Reference("DocumentReference/hp"));
        ChartFixtures.add(bundle, addendum);
        ClinicalChart withAddendum = ClinicalChart.of(bundle, null, null);
        ChartPrompt full = builder.build(withAddendum, 10_000);
        ChartPrompt tight = builder.build(withAddendum, full.factTokens() - 1);

        assertThat(full.factsText()).contains("Addendum: Correction: the swelling is of the right leg, not the left.");
        assertThat(full.aliases().values()).allSatisfy(refs -> assertThat(refs).doesNotContain("DocumentReference/hp-add"));
        assertThat(tight.factsText()).contains("Addendum: Correction").doesNotContain("Family history");
    }

    @Test
    void budgetIsRespectedAndEveryCutCountedAtAnyBudget() {
        ChartPrompt full = builder.build(chart, 10_000);
        for (int budget = 0; budget <= full.factTokens() + 10; budget += 3) {
            ChartPrompt prompt = builder.build(chart, budget);

            assertThat(prompt.factTokens()).as("budget %d", budget).isLessThanOrEqualTo(budget);
            assertThat(prompt.omittedCount()).as("budget %d", budget)
                    .isEqualTo(full.facts().size() - prompt.facts().size());
            assertThat(prompt.omitted().getOrDefault(ChartPrompt.OMITTED_NOTE_PASSAGES, 0)).as("budget %d", budget)
                    .isEqualTo(full.passages().size() - prompt.passages().size());
            assertThat(prompt.aliases()).hasSize(prompt.facts().size());
        }
    }

    @Test
    void keyPassagesOfTheMostRelevantNotesOutrankOtherResultsOnAThirtyNoteChart() {
        ClinicalChart many = ClinicalChart.of(thirtyNotes(), null, null);
        ChartPrompt prompt = builder.build(many, 1200);

        assertThat(prompt.factTokens()).isLessThanOrEqualTo(1200);
        String text = prompt.factsText();
        // The newest H&P is note 1; its chief complaint and assessment/plan are in, before any other result.
        assertThat(text).contains("Note N1: History and physical note (dated 2024-03-10)")
                .contains("[N1.1] Chief complaint: Shortness of breath for 9 days.")
                .contains("Assessment and plan: Acute on chronic systolic heart failure")
                .doesNotContain("Family history").doesNotContain("Exam:")
                .doesNotContain("Other recent results").doesNotContain("Earlier encounters");
        assertThat(prompt.omitted()).containsKeys(ChartPrompt.OMITTED_NOTE_PASSAGES, "result", "encounter");
        // H&Ps (newest first) before progress notes before discharge summaries.
        List<String> headers = text.lines().filter(l -> l.startsWith("Note N")).toList();
        assertThat(headers.get(0)).contains("History and physical");
        int firstProgress = indexOf(headers, "Progress note");
        int lastHp = lastIndexOf(headers, "History and physical");
        if (firstProgress >= 0) {
            assertThat(firstProgress).isGreaterThan(lastHp);
        }
        // With room for more, the other results and encounters come before the sixth note's passages.
        ChartPrompt roomier = builder.build(many, 4000);
        assertThat(roomier.factsText()).contains("Other recent results").contains("Earlier encounters")
                .contains("Note N6: ");
        assertThat(roomier.omitted()).containsOnlyKeys(ChartPrompt.OMITTED_NOTE_PASSAGES);
        // A long HPI is split into passages of whole sentences.
        assertThat(prompt.passages().values()).allSatisfy(p -> assertThat(p.quote().text().length())
                .isLessThanOrEqualTo(240));
    }

    @Test
    void aQuoteSpansAdjacentPassagesOfOneSectionThatAnItemCites() {
        ChartPrompt prompt = builder.build(chart, 10_000);
        String hp = PromptNoteFixtures.HP;

        NoteQuote both = prompt.quote("N1.5", List.of("N1.5", "N1.6"));
        assertThat(both.start()).isEqualTo(hp.indexOf("Acute on"));
        assertThat(both.end()).isEqualTo(hp.indexOf("ceftriaxone.") + "ceftriaxone.".length());
        assertThat(both.text()).isEqualTo(hp.substring(both.start(), both.end()))
                .startsWith("Acute on").endsWith("continue ceftriaxone.");
        // Another section, another note, or a fact alias: evidence only, the main passage is the quote.
        assertThat(prompt.quote("N1.4", List.of("N1.4", "N1.5"))).isEqualTo(prompt.passages().get("N1.4").quote());
        assertThat(prompt.quote(null, List.of("C1", "N2.2", "N1.1"))).isEqualTo(prompt.passages().get("N2.2").quote());
        assertThat(prompt.quote("C1", List.of("C1"))).isNull();
    }

    @Test
    void aChartWithoutNoteTextHasNoNotesBlock() {
        ChartPrompt prompt = builder.build(ClinicalChart.of(ChartFixtures.admissionChart(), null, null), 10_000);

        assertThat(prompt.factsText()).doesNotContain("Note passages");
        assertThat(prompt.passages()).isEmpty();
    }

    /** The admission chart plus 30 long notes: 10 H&Ps, 10 progress notes, 10 discharge summaries. */
    static Bundle thirtyNotes() {
        Bundle bundle = ChartFixtures.admissionChart();
        String[][] types = {{"34117-2", "History and physical note"}, {"11506-3", "Progress note"},
            {"18842-5", "Discharge summary"}};
        for (int i = 0; i < 30; i++) {
            String[] type = types[i % 3];
            String day = String.format("2024-03-%02d", 1 + i / 3);
            String text = PromptNoteFixtures.HP.replace("Shortness of breath.", "Shortness of breath for " + (i / 3)
                    + " days.").replace("He sleeps on three pillows.", "He sleeps on three pillows. ".repeat(20));
            ChartFixtures.add(bundle, PromptNoteFixtures.note("n" + i, day + "T12:00:00Z", type[0], type[1], text));
        }
        return bundle;
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> lines, String part) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                last = i;
            }
        }
        return last;
    }
}
