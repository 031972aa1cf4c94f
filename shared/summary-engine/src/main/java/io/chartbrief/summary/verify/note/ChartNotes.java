package io.chartbrief.summary.verify.note;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.notes.NoteReader;
import io.chartbrief.summary.notes.NoteReading;
import io.chartbrief.summary.notes.NoteSection;
import io.chartbrief.summary.notes.NoteSections;
import io.chartbrief.summary.notes.NoteSentence;
import io.chartbrief.summary.notes.NoteSentences;
import io.chartbrief.summary.notes.NoteText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart's usable notes as the verifier sees them: read once per verification with the same {@link NoteReader}
 * the engines use (so superseded and entered-in-error notes are never evidence), each with its sections and
 * sentence boundaries computed on first use. Not thread-safe (one per verification).
 */
final class ChartNotes {

    private final ClinicalChart chart;
    private Map<String, NoteText> usable;
    private Map<String, String> skipped;
    /** Notes left out for their status (superseded, entered in error, replaced): outdated, not unreadable. */
    private java.util.Set<String> excluded;
    private final Map<String, Layout> layouts = new HashMap<>();

    ChartNotes(ClinicalChart chart) {
        this.chart = chart;
    }

    /** A usable note by reference, or null. */
    NoteText note(String ref) {
        read();
        return usable.get(ref);
    }

    /** Why a note is not usable, or null when the reader never saw it as a note. */
    String skippedReason(String ref) {
        read();
        return skipped.get(ref);
    }

    /** Whether the note was left out for its status (superseded, entered in error, replaced by another). */
    boolean excluded(String ref) {
        read();
        return excluded.contains(ref);
    }

    /** Sections and sentence boundaries of a usable note. */
    Layout layout(NoteText note) {
        return layouts.computeIfAbsent(note.ref(), r -> new Layout(note));
    }

    private void read() {
        if (usable != null) {
            return;
        }
        NoteReading reading = new NoteReader().read(chart);
        usable = new LinkedHashMap<>();
        reading.notes().forEach(n -> usable.put(n.ref(), n));
        skipped = new HashMap<>();
        excluded = new java.util.HashSet<>();
        for (NoteReading.Skipped s : reading.skipped()) {
            int hash = s.ref().indexOf('#');
            String ref = hash < 0 ? s.ref() : s.ref().substring(0, hash);
            skipped.putIfAbsent(ref, s.reason());
            if (s.excluded()) {
                excluded.add(ref);
            }
        }
    }

    /** Where a note's sections and sentences lie. */
    static final class Layout {
        final NoteText note;
        final List<NoteSection> sections;
        final List<NoteSentence> sentences = new ArrayList<>();
        final List<NoteSection> sectionOfSentence = new ArrayList<>();
        final Set<Integer> starts = new HashSet<>();
        final Set<Integer> ends = new HashSet<>();

        Layout(NoteText note) {
            this.note = note;
            this.sections = NoteSections.of(note.text());
            for (NoteSection section : sections) {
                for (NoteSentence sentence : NoteSentences.of(note.text(), section)) {
                    sentences.add(sentence);
                    sectionOfSentence.add(section);
                    starts.add(sentence.start());
                    ends.add(sentence.end());
                }
            }
        }

        /** The section whose body holds {@code [start, end)}, or null when it spans sections or none. */
        NoteSection sectionOf(int start, int end) {
            for (NoteSection section : sections) {
                if (start >= section.bodyStart() && end <= section.bodyEnd()) {
                    return section;
                }
            }
            return null;
        }
    }
}
