package io.chartbrief.summary;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.ClinicalFacts;
import io.chartbrief.summary.images.ChartImages;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.model.TokenCounts;
import io.chartbrief.summary.notes.NoteExcerpt;
import io.chartbrief.summary.notes.NoteExcerpts;
import io.chartbrief.summary.notes.NoteReader;
import io.chartbrief.summary.notes.NoteReading;
import io.chartbrief.summary.notes.NoteText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;

/**
 * A deterministic summary built from the chart without any model: a patient's death first, the current encounter
 * and its reason, active
 * problems, active medications, allergies, latest vital signs, abnormal and recent results, recent note titles, and
 * from the notes ({@link NoteExcerpts}) the chief complaint, the opening of the history and the assessment/plan
 * statements, each quoted verbatim with its locator. Every item's text is the chart's own wording and cites the
 * resource it came from, so it verifies by construction. Same chart, same summary (no clock, no randomness).
 * Thread-safe.
 */
public final class ExtractiveEngine implements SummaryEngine {

    private final int maxResults;
    private final int maxNotes;
    private final int maxRecommendations;
    private final NoteReader noteReader = new NoteReader();
    private final NoteExcerpts noteExcerpts = new NoteExcerpts();

    /** Defaults: up to 10 results (abnormal first), 3 note titles, 5 recommendations. */
    public ExtractiveEngine() {
        this(10, 3, 5);
    }

    /** With explicit list limits. */
    public ExtractiveEngine(int maxResults, int maxNotes, int maxRecommendations) {
        this.maxResults = maxResults;
        this.maxNotes = maxNotes;
        this.maxRecommendations = maxRecommendations;
    }

    @Override
    public String kind() {
        return EngineInfo.EXTRACTIVE;
    }

    @Override
    public PatientSummary summarize(ClinicalChart chart) {
        long start = System.nanoTime();
        ClinicalFacts facts = new ClinicalFacts(chart);
        List<ChartFact> abnormal = facts.abnormalResults();
        List<ChartFact> results = new ArrayList<>(abnormal);
        results.addAll(facts.otherResults());

        List<String> narrative = new ArrayList<>();
        Set<String> narrativeEvidence = new LinkedHashSet<>();
        if (facts.patientDeceased()) {
            // first, so that no reader takes the rest for a living patient's current state
            ChartFact patient = facts.patient().get(0);
            narrative.add(patient.text() + ".");
            narrativeEvidence.addAll(patient.evidence());
        }
        for (ChartFact admission : facts.admission()) {
            narrative.add("Current " + admission.text() + ".");
            narrativeEvidence.addAll(admission.evidence());
        }
        NoteReading reading = noteReader.read(chart);
        List<NoteExcerpt> excerpts = noteExcerpts.select(reading.notes());
        NoteExcerpt complaint = excerpts.stream().filter(e -> e.role() == NoteExcerpt.Role.CHIEF_COMPLAINT)
                .findFirst().orElse(null);
        if (complaint != null && !encounterGivesReason(chart)) {
            // the reason for the visit, in the note's words, when the encounter records none
            narrative.add("Chief complaint: " + sentence(complaint.text()));
            narrativeEvidence.add(complaint.note().ref());
        }
        // titles of notes that could not be read are still facts; superseded or replaced notes are not
        Set<String> excluded = reading.excluded();
        List<ChartFact> notes = facts.notes().stream().filter(n -> n.evidence().stream().noneMatch(excluded::contains))
                .limit(maxNotes).toList();
        if (!notes.isEmpty()) {
            narrative.add("Recent notes: " + String.join("; ", notes.stream().map(ChartFact::text).toList()) + ".");
            notes.forEach(n -> narrativeEvidence.addAll(n.evidence()));
        }

        List<Recommendation> recommendations = new ArrayList<>();
        for (ChartFact result : abnormal.stream().limit(maxRecommendations).toList()) {
            recommendations.add(new Recommendation("Review abnormal result: " + result.text(), Priority.MEDIUM,
                    "Flagged abnormal in the chart.", result.evidence()));
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new PatientSummary(PatientSummary.SCHEMA_VERSION, chart.patientRef(), chart.encounterRef(),
                String.join(" ", narrative), List.copyOf(narrativeEvidence), items(facts.activeProblems()),
                items(facts.activeMedications()), items(facts.allergies()),
                items(results.stream().limit(maxResults).toList()), items(facts.vitals(1)), noteItems(excerpts),
                recommendations,
                new EngineInfo(EngineInfo.EXTRACTIVE, null, null, null,
                        ChartImages.notRead(chart, "not read: the extractive engine uses no model")), null,
                new Timings(0, elapsed, 0, elapsed), TokenCounts.NONE);
    }

    /** Each passage quoted verbatim: the item's text is the passage, its quote locates it. */
    private static List<SummaryItem> noteItems(List<NoteExcerpt> excerpts) {
        List<SummaryItem> items = new ArrayList<>();
        for (NoteExcerpt e : excerpts) {
            NoteText note = e.note();
            String day = note.date() == null ? null : note.date().length() > 10 ? note.date().substring(0, 10) : note.date();
            items.add(new SummaryItem(e.text(), List.of(note.ref()), day, null,
                    new NoteQuote(note.ref(), e.section().name(), e.start(), e.end(), e.text(), note.title())));
        }
        return items;
    }

    private static boolean encounterGivesReason(ClinicalChart chart) {
        if (chart.encounterRef() == null) {
            return false;
        }
        Encounter encounter = (Encounter) chart.get(chart.encounterRef()).orElseThrow();
        return encounter.hasReasonCode() || encounter.hasReasonReference();
    }

    /** A quote as a narrative sentence: ends with a period. */
    private static String sentence(String quote) {
        String s = quote.strip();
        return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
    }

    private static List<SummaryItem> items(List<ChartFact> facts) {
        return facts.stream().map(f -> new SummaryItem(f.text(), f.evidence(), f.date())).toList();
    }
}
