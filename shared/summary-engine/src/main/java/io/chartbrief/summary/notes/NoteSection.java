package io.chartbrief.summary.notes;

/**
 * One section of a note. Offsets index the note's decoded text ({@link NoteText#text()}), {@code [start, end)}.
 *
 * @param name         canonical name ({@link SectionHeadings}): {@code chief-complaint}, {@code hpi}, ...,
 *                     {@code other} for an unknown ALL-CAPS heading, {@code preamble} for text before any heading
 * @param heading      the heading as written (no {@code #}, {@code **} or colon); null for the preamble
 * @param headingStart first character of the heading (= bodyStart for the preamble)
 * @param headingEnd   one past its last character
 * @param bodyStart    first non-blank character of the body (text inline after "CC:" included)
 * @param bodyEnd      one past the body's last non-blank character; bodyStart when the body is empty
 */
public record NoteSection(String name, String heading, int headingStart, int headingEnd, int bodyStart,
        int bodyEnd) {

    /** The body's text in {@code text}, the note's decoded text. */
    public String body(String text) {
        return text.substring(bodyStart, bodyEnd);
    }

    /** Whether the body holds no text. */
    public boolean isEmpty() {
        return bodyStart == bodyEnd;
    }
}
