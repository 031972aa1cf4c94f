package io.chartbrief.summary;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.ClinicalFacts;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.model.TokenCounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A deterministic summary built from the chart without any model: the current encounter and its reason, active
 * problems, active medications, allergies, latest vital signs, abnormal and recent results, recent note titles.
 * Every item's text is the chart's own wording and cites the resource it came from, so it verifies by
 * construction. Same chart, same summary (no clock, no randomness). Thread-safe.
 */
public final class ExtractiveEngine implements SummaryEngine {

    private final int maxResults;
    private final int maxNotes;
    private final int maxRecommendations;

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
        for (ChartFact admission : facts.admission()) {
            narrative.add("Current " + admission.text() + ".");
            narrativeEvidence.addAll(admission.evidence());
        }
        List<ChartFact> notes = facts.notes().stream().limit(maxNotes).toList();
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
                items(results.stream().limit(maxResults).toList()), items(facts.vitals(1)), recommendations,
                new EngineInfo(EngineInfo.EXTRACTIVE, null, null, null), null,
                new Timings(0, elapsed, 0, elapsed), TokenCounts.NONE);
    }

    private static List<SummaryItem> items(List<ChartFact> facts) {
        return facts.stream().map(f -> new SummaryItem(f.text(), f.evidence(), f.date())).toList();
    }
}
