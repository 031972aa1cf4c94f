package io.chartbrief.summary.verify;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;

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
 * @param quote     note items: the passage the item quotes or paraphrases, else null
 */
record LabelledItem(String source, String chart, String section, String text, List<String> evidence, String date,
        String recommendationRationale, Category category, String rationale, QuoteSpec quote) {

    /**
     * A note item's quote as the set writes it: the note, the passage's text and where it is — {@code start} when
     * known, else the {@code occurrence}-th place the text occurs in the note's text — moved by {@code shift}
     * characters (a wrong locator).
     */
    record QuoteSpec(String note, String section, String text, Integer start, int occurrence, int shift) {

        String key() {
            return note + "@" + (start == null ? "#" + occurrence : start) + "+" + shift + "/" + section + ":" + text;
        }

        /** The quote with its offsets in the note's text (the attachment as UTF-8, as this set's charts hold it). */
        NoteQuote resolve(ClinicalChart chart) {
            DocumentReference note = (DocumentReference) chart.get(this.note).orElseThrow(
                    () -> new IllegalStateException("no note " + this.note));
            String body = new String(note.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
            int at = start != null ? start : -1;
            for (int i = 0; start == null && i < occurrence; i++) {
                at = body.indexOf(text, at + 1);
            }
            if (at < 0) {
                throw new IllegalStateException("quote not in " + this.note + ": " + text);
            }
            String title = note.getType().getCodingFirstRep().getDisplay();
            return new NoteQuote(this.note, section, at + shift, at + shift + text.length(), text, title);
        }
    }

    LabelledItem(String source, String chart, String section, String text, List<String> evidence, String date,
            String recommendationRationale, Category category, String rationale) {
        this(source, chart, section, text, evidence, date, recommendationRationale, category, rationale, null);
    }

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
        return chart + "|" + section + "|" + text + "|" + String.join(",", evidence) + "|" + recommendationRationale
                + (quote == null ? "" : "|" + quote.key());
    }

    /** A draft holding this item only, so items cannot lend each other support. */
    PatientSummary draft(ClinicalChart chart) {
        SummaryItem item = new SummaryItem(text, evidence, date, null, quote == null ? null : quote.resolve(chart));
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
