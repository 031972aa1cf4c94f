package io.chartbrief.summary.notes;

import java.util.List;

/**
 * The notes of a chart that can be used, newest first, and what was left out and why.
 *
 * @param notes   usable notes, newest first
 * @param skipped notes and attachments not used, with the reason
 */
public record NoteReading(List<NoteText> notes, List<Skipped> skipped) {

    /**
     * A note or attachment left out.
     *
     * @param ref      {@code Type/id}, with {@code #content[i]} / {@code #presentedForm[i]} for one attachment
     * @param reason   why, in words (no note text: reasons may be logged)
     * @param excluded the note is not current (superseded, replaced, entered in error, or an addendum of such a
     *                 note): nothing may be said from it; false when it merely could not be read
     */
    public record Skipped(String ref, String reason, boolean excluded) {

        /** A note or attachment that could not be read (not excluded by its status). */
        public Skipped(String ref, String reason) {
            this(ref, reason, false);
        }
    }

    public NoteReading {
        notes = List.copyOf(notes);
        skipped = List.copyOf(skipped);
    }

    /** References of the notes excluded by their status ({@link Skipped#excluded()}). */
    public java.util.Set<String> excluded() {
        java.util.Set<String> out = new java.util.HashSet<>();
        skipped.stream().filter(Skipped::excluded).forEach(s -> out.add(s.ref()));
        return out;
    }
}
