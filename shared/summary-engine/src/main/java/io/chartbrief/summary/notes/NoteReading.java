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
     * @param ref    {@code Type/id}, with {@code #content[i]} / {@code #presentedForm[i]} for one attachment
     * @param reason why, in words (no note text: reasons may be logged)
     */
    public record Skipped(String ref, String reason) {
    }

    public NoteReading {
        notes = List.copyOf(notes);
        skipped = List.copyOf(skipped);
    }
}
