package io.chartbrief.summary.notes;

import java.util.List;

/**
 * One usable clinical note of a chart, decoded.
 *
 * <p>{@link #text()} is the <em>decoded text</em> that character offsets (sections, sentences, later quote locators)
 * index: the attachment bytes decoded with their charset, without a byte-order mark; for HTML the output of
 * {@link HtmlText#strip}; line breaks as the source wrote them (not normalized); addenda appended after a marker line
 * {@code ADDENDUM (date):}; cut at a line boundary when over {@link NoteLimits#maxChars()}.
 *
 * @param ref         {@code Type/id} of the note (DocumentReference, or DiagnosticReport for report text)
 * @param title       description, attachment title or type; "Note" when none
 * @param date        the note's date as written (DocumentReference.date, else context period start; a report's
 *                    effective or issued time); null when undated
 * @param typeCode    code of the note type (LOINC preferred); null when uncoded
 * @param typeDisplay display or text of the type; null when none
 * @param text        the decoded text
 * @param truncated   whether text was cut to the size limit
 * @param parts       where each source resource's text lies in {@code text}, in order
 */
public record NoteText(String ref, String title, String date, String typeCode, String typeDisplay, String text,
        boolean truncated, List<NotePart> parts) {

    public NoteText {
        parts = List.copyOf(parts);
    }
}
