package io.chartbrief.summary.notes;

/**
 * One sentence (or list item) of a note: {@code [start, end)} in the note's decoded text, without the list marker
 * and without surrounding whitespace.
 */
public record NoteSentence(int start, int end) {

    /** The sentence in {@code text}, the note's decoded text. */
    public String text(String text) {
        return text.substring(start, end);
    }
}
