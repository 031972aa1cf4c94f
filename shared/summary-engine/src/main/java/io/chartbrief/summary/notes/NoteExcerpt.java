package io.chartbrief.summary.notes;

/**
 * One quotable passage of a note: whole sentences {@code [start, end)} of one section of {@link #note()}'s decoded
 * text, and what it is to the summary.
 *
 * @param note    the note
 * @param section the section it lies in
 * @param start   first character (a sentence start)
 * @param end     one past the last character (a sentence end)
 * @param role    why it was chosen
 */
public record NoteExcerpt(NoteText note, NoteSection section, int start, int end, Role role) {

    /** Why a passage is in the summary. */
    public enum Role {
        /** The chief complaint (reason for the visit). */
        CHIEF_COMPLAINT,
        /** An opening sentence of the history of present illness. */
        HISTORY,
        /** A statement of the assessment, plan or impression. */
        ASSESSMENT_PLAN,
        /** An opening sentence of a note without recognised headings. */
        OPENING
    }

    /** The passage, verbatim. */
    public String text() {
        return note.text().substring(start, end);
    }
}
