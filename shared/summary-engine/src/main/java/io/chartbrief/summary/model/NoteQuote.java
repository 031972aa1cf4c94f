package io.chartbrief.summary.model;

/**
 * Where a note item comes from: a passage of one clinical note, located in the note's decoded text
 * ({@code io.chartbrief.summary.notes.NoteText#text()}). Schema: docs/summary-schema.md ("Note items").
 *
 * <p>The extractive engine quotes: the item's text <em>is</em> {@link #text()}. A model item may paraphrase: its text
 * is the model's, {@link #text()} the passage it cited. Either way the verifier checks that {@link #text()} occurs
 * verbatim at {@code [start, end)} of the cited note, that it is whole sentences, and that the item's text says
 * nothing the passage does not.
 *
 * @param note    {@code DocumentReference/id} (or {@code DiagnosticReport/id} for report text); also in the item's
 *                evidence
 * @param section canonical name of the note section the passage lies in ({@code chief-complaint}, {@code hpi},
 *                {@code assessment-plan}, ...; {@code preamble} before any heading)
 * @param start   first character of the passage in the decoded note text
 * @param end     one past its last character
 * @param text    the passage, verbatim
 * @param title   the note's title, for display (as the chart has it)
 */
public record NoteQuote(String note, String section, int start, int end, String text, String title) {
}
