package io.chartbrief.summary.prompt;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.model.NoteQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A prompt made from a chart.
 *
 * @param systemText   the instructions (Gemma has no system role: the engine folds them into the user turn)
 * @param factsText    the chart facts, one {@code [alias] text} line each, grouped under headings; note passages
 *                     ({@code [N2.3] HPI: ...}) under a header line per note
 * @param aliases      evidence alias (e.g. {@code M2}, {@code N2.3}) → the fact's {@code ResourceType/id} references
 *                     (the resource it came from first, then e.g. the Condition named as an encounter's reason; a
 *                     note passage maps to its {@code DocumentReference/id} alone), in prompt order
 * @param facts        the facts included, in prompt order (each note passage is one, category NOTE)
 * @param factTokens   tokens of {@code factsText}
 * @param budgetTokens the budget the facts had to fit
 * @param omitted      facts cut for the budget, per category label (e.g. {@code result → 12}, note passages under
 *                     {@code note-passage}), in priority order
 * @param passages     note passage alias (e.g. {@code N2.3}) → where the passage lies, in prompt order; a subset of
 *                     {@code aliases}' keys
 */
public record ChartPrompt(String systemText, String factsText, Map<String, List<String>> aliases, List<ChartFact> facts,
        int factTokens, int budgetTokens, Map<String, Integer> omitted, Map<String, NotePassage> passages) {

    /** Label under which cut note passages are counted in {@link #omitted()}. */
    public static final String OMITTED_NOTE_PASSAGES = "note-passage";

    /**
     * One note passage of the prompt.
     *
     * @param quote    the passage located in its note (note reference, section, offsets, verbatim text, title)
     * @param index    its position among the note's candidate passages in text order: two passages of one note and
     *                 section whose indexes differ by one are adjacent in the note (nothing between them was cut)
     * @param sectionStart where the passage's section body starts in the note (two sections may share a name)
     * @param noteText the note's decoded text the offsets index
     */
    public record NotePassage(NoteQuote quote, int index, int sectionStart, String noteText) {

        /** Without the note's text (it may be long, and logs must not carry it). */
        @Override
        public String toString() {
            return "NotePassage[" + quote.note() + " " + quote.section() + " " + quote.start() + "-" + quote.end()
                    + ", index " + index + "]";
        }
    }

    /** A prompt without note passages. */
    public ChartPrompt(String systemText, String factsText, Map<String, List<String>> aliases, List<ChartFact> facts,
            int factTokens, int budgetTokens, Map<String, Integer> omitted) {
        this(systemText, factsText, aliases, facts, factTokens, budgetTokens, omitted, Map.of());
    }

    public ChartPrompt {
        passages = passages == null ? Map.of() : passages;
    }

    /** The single user message: instructions, a blank line, the facts. */
    public String userMessage() {
        return systemText + "\n\n" + factsText;
    }

    /** Number of facts cut. */
    public int omittedCount() {
        return omitted.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What was cut, as {@code category: count} lines for the summary's token block. */
    public List<String> omittedSummary() {
        return omitted.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    /**
     * The quote of an item that cites these aliases, or null when it cites no note passage. The main passage is
     * {@code about} when that is a passage alias, else the first passage cited; passages the item also cites that
     * continue it in the same note and section without a gap (N1.2 with N1.3, N1.4) extend the quote, which is
     * then the note's text from the first one's start to the last one's end. Other cited passages stay evidence
     * only.
     *
     * @param about the item's claim alias, or null
     * @param cited the item's evidence aliases as the model wrote them (brackets stripped)
     */
    public NoteQuote quote(String about, List<String> cited) {
        NotePassage main = about == null ? null : passages.get(about);
        if (main == null) {
            for (String alias : cited) {
                main = passages.get(alias);
                if (main != null) {
                    break;
                }
            }
        }
        if (main == null) {
            return null;
        }
        List<NotePassage> same = new ArrayList<>();
        for (String alias : cited) {
            NotePassage p = passages.get(alias);
            if (p != null && p.quote().note().equals(main.quote().note()) && p.sectionStart() == main.sectionStart()) {
                same.add(p);
            }
        }
        int low = main.index();
        int high = main.index();
        NotePassage first = main;
        NotePassage last = main;
        boolean grown = true;
        while (grown) {
            grown = false;
            for (NotePassage p : same) {
                if (p.index() == low - 1) {
                    low--;
                    first = p;
                    grown = true;
                } else if (p.index() == high + 1) {
                    high++;
                    last = p;
                    grown = true;
                }
            }
        }
        if (first == last) {
            return main.quote();
        }
        NoteQuote q = main.quote();
        int start = first.quote().start();
        int end = last.quote().end();
        return new NoteQuote(q.note(), q.section(), start, end, main.noteText().substring(start, end), q.title());
    }
}
