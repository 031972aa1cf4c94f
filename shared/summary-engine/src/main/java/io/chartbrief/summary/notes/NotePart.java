package io.chartbrief.summary.notes;

/**
 * Where one source resource's text lies in a {@link NoteText}: the note itself, an addendum appended to it, or one
 * text result of a report.
 *
 * @param ref         {@code Type/id} of the resource the text came from
 * @param contentType media type the text was decoded from ({@code text/plain}, {@code text/html}, ...)
 * @param charset     charset used to decode the bytes; null for text that was never bytes (an Observation string)
 * @param start       first character in {@link NoteText#text()}
 * @param end         one past the last character
 */
public record NotePart(String ref, String contentType, String charset, int start, int end) {
}
