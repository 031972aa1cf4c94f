package io.chartbrief.summary.fhir;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.notes.NoteReader;
import io.chartbrief.summary.notes.NoteSection;
import io.chartbrief.summary.notes.NoteSections;
import io.chartbrief.summary.notes.NoteSentence;
import io.chartbrief.summary.notes.NoteSentences;
import io.chartbrief.summary.notes.NoteText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The note text around quoted passages, for the summary document: a reader of the document (the inbox) shows a
 * quote in its context without decoding the note's attachment itself (docs/summary-schema.md, "Note items").
 *
 * <p>The context of a quote is the quote plus the whole sentences of its note section next to it, at most
 * {@value #CONTEXT_CHARS} characters on either side (a sentence that would go past that bound is left out, so the
 * context never starts or ends mid-sentence). It is taken only when the note text holds the quote verbatim at its
 * locator; otherwise the quote is published without context. Notes are decoded once per instance, on first use,
 * with the same {@link NoteReader} the engines use. Not thread-safe (one instance per document).
 */
final class NotePassages {

    /** Most characters of context before the quote, and after it. */
    static final int CONTEXT_CHARS = 300;

    /**
     * Where a quote lies in its note.
     *
     * @param note         the note, or null when the chart has no such usable note
     * @param heading      the heading of the note section the quote is in, as written; null for the preamble or
     *                     when the quote is not found at its locator
     * @param context      the quote with the sentences around it, verbatim; null when the quote is not found at its
     *                     locator
     * @param contextStart offset of {@code context} in the note's decoded text
     */
    record Passage(NoteText note, String heading, String context, int contextStart) {
    }

    private final ClinicalChart chart;
    private final NoteReader reader;
    private Map<String, NoteText> notes;

    NotePassages(ClinicalChart chart, NoteReader reader) {
        this.chart = chart;
        this.reader = reader;
    }

    /** Where {@code quote} lies; never null (its fields are null for what could not be found). */
    Passage locate(NoteQuote quote) {
        NoteText note = quote.note() == null ? null : notes().get(quote.note());
        if (note == null) {
            return new Passage(null, null, null, 0);
        }
        String text = note.text();
        int start = quote.start();
        int end = quote.end();
        if (quote.text() == null || start < 0 || end > text.length() || start > end
                || !text.regionMatches(start, quote.text(), 0, quote.text().length())
                || end - start != quote.text().length()) {
            return new Passage(note, null, null, 0);
        }
        NoteSection section = sectionAt(NoteSections.of(text), start);
        int from = section == null ? 0 : Math.min(section.bodyStart(), start);
        int to = section == null ? text.length() : Math.max(section.bodyEnd(), end);
        List<NoteSentence> sentences = NoteSentences.split(text, from, to);
        int contextStart = start;
        for (int i = sentences.size() - 1; i >= 0; i--) {
            NoteSentence sentence = sentences.get(i);
            if (sentence.end() > start) {
                continue;
            }
            if (start - sentence.start() > CONTEXT_CHARS) {
                break;
            }
            contextStart = sentence.start();
        }
        int contextEnd = end;
        for (NoteSentence sentence : sentences) {
            if (sentence.start() < end) {
                continue;
            }
            if (sentence.end() - end > CONTEXT_CHARS) {
                break;
            }
            contextEnd = sentence.end();
        }
        return new Passage(note, section == null ? null : section.heading(), text.substring(contextStart, contextEnd),
                contextStart);
    }

    /** The section a character lies in: the last that starts at or before it. */
    private static NoteSection sectionAt(List<NoteSection> sections, int offset) {
        NoteSection found = null;
        for (NoteSection section : sections) {
            if (section.headingStart() <= offset) {
                found = section;
            }
        }
        return found;
    }

    private Map<String, NoteText> notes() {
        if (notes == null) {
            notes = new HashMap<>();
            for (NoteText note : reader.read(chart).notes()) {
                notes.putIfAbsent(note.ref(), note);
            }
        }
        return notes;
    }
}
