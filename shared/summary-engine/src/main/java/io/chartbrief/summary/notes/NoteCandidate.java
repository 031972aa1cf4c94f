package io.chartbrief.summary.notes;

import java.util.List;
import java.util.function.Function;

/**
 * A note found in the chart but not yet decoded: {@link NoteReader} orders candidates newest first and decodes only
 * as many as {@link NoteLimits#maxNotes()} allows, so a chart with thousands of notes costs no more than 200.
 *
 * @param ref     {@code Type/id}
 * @param sortKey date as written ({@code ""} when undated: sorts last)
 * @param reader  decodes the note, recording unreadable parts in the list; null when nothing is readable
 */
record NoteCandidate(String ref, String sortKey, Function<List<NoteReading.Skipped>, NoteText> reader) {
}
