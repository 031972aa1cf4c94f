package io.chartbrief.summary.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One clinician-facing statement of a summary section, with the chart resources that support it.
 *
 * @param text     the statement, e.g. {@code Amlodipine 5 MG Oral Tablet (since 2015-04-01)}
 * @param evidence {@code ResourceType/id} references into the chart; never empty in a verified summary
 * @param date     the clinically relevant date (onset, effective, authored) as {@code yyyy-mm-dd}, or null
 * @param claim    schema 2: the claim in fields (what the item is about, stated value/status/direction), or null
 * @param quote    note items: the located note passage the item quotes or paraphrases, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryItem(String text, List<String> evidence, String date, ItemClaim claim, NoteQuote quote) {

    public SummaryItem {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** An item that quotes no note. */
    public SummaryItem(String text, List<String> evidence, String date, ItemClaim claim) {
        this(text, evidence, date, claim, null);
    }

    /** A free-text item (no claim fields). */
    public SummaryItem(String text, List<String> evidence, String date) {
        this(text, evidence, date, null, null);
    }
}
