package io.chartbrief.summary.verify;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import java.util.List;

/**
 * One labelled summary item: what an engine might write about a chart, and whether a careful physician would accept
 * it as faithful to the resources it cites.
 *
 * @param source    {@code hand} (hand-written file) or {@code gen:TEMPLATE} (generated from the chart's values)
 * @param chart     the chart's name ({@link ConformanceCharts})
 * @param section   {@code narrative}, one of {@link PatientSummary#SECTIONS}, or {@code recommendations}
 * @param text      the item's text (for the narrative: the whole narrative)
 * @param evidence  {@code Type/id} references it cites
 * @param date      the item's {@code date} field (yyyy-mm-dd) or null
 * @param recommendationRationale for recommendations: the rationale the engine gives; else null
 * @param category  the kind of statement; its label is the item's label
 * @param rationale one line of clinical reasoning for the label
 */
record LabelledItem(String source, String chart, String section, String text, List<String> evidence, String date,
        String recommendationRationale, Category category, String rationale) {

    static final String NARRATIVE = "narrative";
    static final String RECOMMENDATIONS = "recommendations";

    LabelledItem {
        evidence = List.copyOf(evidence);
        if (!NARRATIVE.equals(section) && !RECOMMENDATIONS.equals(section) && !PatientSummary.SECTIONS.contains(section)) {
            throw new IllegalArgumentException("unknown section " + section + " for: " + text);
        }
    }

    boolean faithful() {
        return category.faithful();
    }

    /**
     * What makes two items the same: the same statement with the same citations (and rationale) about the same
     * chart. The date field is left out: it does not make another statement.
     */
    String key() {
        return chart + "|" + section + "|" + text + "|" + String.join(",", evidence) + "|" + recommendationRationale;
    }

    /** A draft holding this item only, so items cannot lend each other support. */
    PatientSummary draft(ClinicalChart chart) {
        SummaryItem item = new SummaryItem(text, evidence, date);
        List<SummaryItem> one = List.of(item);
        PatientSummary empty = new PatientSummary(PatientSummary.SCHEMA_VERSION, chart.patientRef(), chart.encounterRef(),
                "", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new EngineInfo(EngineInfo.LLAMA, "conformance.gguf", "00", null), null, null, null);
        return switch (section) {
            case NARRATIVE -> empty.withNarrative(text, evidence);
            case RECOMMENDATIONS -> empty.withRecommendations(List.of(
                    new Recommendation(text, Priority.MEDIUM, recommendationRationale, evidence)));
            default -> empty.withSections((name, items) -> name.equals(section) ? one : items);
        };
    }
}
