package io.chartbrief.summary.prompt;

import io.chartbrief.summary.notes.NoteKind;
import io.chartbrief.summary.notes.NoteSection;
import io.chartbrief.summary.notes.NoteSections;
import io.chartbrief.summary.notes.NoteSentence;
import io.chartbrief.summary.notes.NoteSentences;
import io.chartbrief.summary.notes.NoteText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The note passages a prompt may show, in budget priority order. A passage is one sentence, or a few consecutive
 * sentences of one section on one line or in one wrapped paragraph (never across a list marker or a blank line),
 * at most {@value #MAX_PASSAGE_CHARS} characters unless a single sentence is longer.
 *
 * <p>Notes are ranked by {@link NoteKind} (history and physical, ED note, consult, progress note, discharge summary,
 * then others), newest first within a kind — the order the extractive engine reads them in too. Passages come in four tiers:
 * <ol>
 *   <li>{@link Tier#KEY}: per note in rank order, for the {@value #KEY_NOTES} most relevant notes, the leading
 *       passages of their key sections — chief complaint (2),
 *       HPI (3), assessment and plan / assessment / plan / impression (6 each), hospital course (3), addendum (3);
 *       a note with none of these offers its first passages of text before or outside known headings instead
 *       (4);</li>
 *   <li>{@link Tier#LATER}: the same leading passages of the other notes, in rank order;</li>
 *   <li>{@link Tier#MORE}: the rest of the key sections, notes in rank order;</li>
 *   <li>{@link Tier#OTHER}: the other sections (disposition, results, PMH, exam, ...), notes in rank
 *       order.</li>
 * </ol>
 * Within a note and tier: section rank, then text order. Kept package-private: it only orders what the model reads;
 * the extractive engine picks its own excerpts ({@code NoteExcerpts}).
 */
final class NotePassages {

    /** Longest passage built from several sentences. */
    static final int MAX_PASSAGE_CHARS = 240;

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Notes whose leading key passages are in the first tier. */
    static final int KEY_NOTES = 5;

    /** Budget tiers of a passage. */
    enum Tier { KEY, LATER, MORE, OTHER }

    /**
     * One candidate passage.
     *
     * @param note      the note
     * @param noteRank  0 for the most relevant note
     * @param index     0-based position among the note's candidate passages in text order (adjacent passages of
     *                  one section have consecutive indexes)
     * @param section   the section it lies in
     * @param start     first character in the note's decoded text
     * @param end       one past its last character
     * @param tier      budget tier
     * @param rank      section rank (lower first)
     */
    record Passage(NoteText note, int noteRank, int index, NoteSection section, int start, int end, Tier tier,
            int rank) {

        /** The passage verbatim. */
        String text() {
            return note.text().substring(start, end);
        }

        /** The passage on one line (runs of whitespace as one space), as the prompt shows it. */
        String line() {
            return SPACES.matcher(text()).replaceAll(" ").strip();
        }

        /** The label the prompt shows before the passage ({@code Chief complaint}, {@code HPI}, ...). */
        String label() {
            return NotePassages.label(section);
        }
    }

    /** Key sections: rank and how many leading passages of each enter the first tier. */
    private static final Map<String, int[]> KEY = Map.of(
            "chief-complaint", new int[] {0, 2},
            "hpi", new int[] {1, 3},
            "assessment-and-plan", new int[] {2, 6},
            "assessment", new int[] {2, 6},
            "plan", new int[] {2, 6},
            "impression", new int[] {2, 6},
            "hospital-course", new int[] {3, 3},
            // an addendum often corrects the note above it: never leave it for last
            "addendum", new int[] {4, 3});
    /** The other sections in rank order; those not listed come after them. */
    private static final List<String> OTHER_ORDER = List.of("disposition", "results", "pmh",
            "physical-exam", "vitals", "medications", "allergies", "psh", "family-history", "social-history", "ros",
            "instructions", "other", "preamble");
    /** Text outside known headings, used as a key section when a note has no key section at all. */
    private static final Set<String> UNSTRUCTURED = Set.of("preamble", "other");
    private static final int UNSTRUCTURED_LEADING = 4;

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("chief-complaint", "Chief complaint"), Map.entry("hpi", "HPI"),
            Map.entry("pmh", "Past medical history"), Map.entry("psh", "Past surgical history"),
            Map.entry("family-history", "Family history"), Map.entry("social-history", "Social history"),
            Map.entry("medications", "Medications"), Map.entry("allergies", "Allergies"),
            Map.entry("ros", "Review of systems"), Map.entry("physical-exam", "Exam"), Map.entry("vitals", "Vitals"),
            Map.entry("results", "Results"), Map.entry("assessment-and-plan", "Assessment and plan"),
            Map.entry("assessment", "Assessment"), Map.entry("plan", "Plan"), Map.entry("impression", "Impression"),
            Map.entry("hospital-course", "Hospital course"), Map.entry("disposition", "Disposition"),
            Map.entry("instructions", "Instructions"), Map.entry("addendum", "Addendum"));

    private NotePassages() {
    }

    /** The candidate passages of the notes (newest first, as {@code NoteReader} gives them), in budget order. */
    static List<Passage> of(List<NoteText> notes) {
        List<NoteText> ranked = new ArrayList<>(notes);
        ranked.sort(Comparator.comparing(NoteKind::of)); // stable: newest first within a kind
        List<Passage> all = new ArrayList<>();
        int noteRank = 0;
        for (NoteText note : ranked) {
            List<Passage> passages = passages(note, noteRank);
            if (!passages.isEmpty()) {
                all.addAll(passages);
                noteRank++;
            }
        }
        all.sort(Comparator.comparing(Passage::tier).thenComparingInt(Passage::noteRank)
                .thenComparingInt(Passage::rank).thenComparingInt(Passage::index));
        return all;
    }

    private static List<Passage> passages(NoteText note, int noteRank) {
        String text = note.text();
        List<NoteSection> sections = NoteSections.of(text);
        boolean structured = sections.stream().anyMatch(s -> KEY.containsKey(s.name()));
        List<Passage> out = new ArrayList<>();
        for (NoteSection section : sections) {
            int[] key = KEY.get(section.name());
            boolean asKey = key != null || (!structured && UNSTRUCTURED.contains(section.name()));
            int rank = key != null ? key[0] : asKey ? 1 : 10 + otherRank(section.name());
            int leading = key != null ? key[1] : UNSTRUCTURED_LEADING;
            int inSection = 0;
            for (int[] span : group(text, NoteSentences.of(text, section))) {
                Tier tier = !asKey ? Tier.OTHER : inSection >= leading ? Tier.MORE
                        : noteRank < KEY_NOTES ? Tier.KEY : Tier.LATER;
                out.add(new Passage(note, noteRank, out.size(), section, span[0], span[1], tier, rank));
                inSection++;
            }
        }
        return out;
    }

    /** Consecutive sentences joined while on one line or wrapped prose, up to the length limit. */
    static List<int[]> group(String text, List<NoteSentence> sentences) {
        List<int[]> spans = new ArrayList<>();
        int[] open = null;
        for (NoteSentence sentence : sentences) {
            if (open != null && joins(text, open[1], sentence.start())
                    && sentence.end() - open[0] <= MAX_PASSAGE_CHARS) {
                open[1] = sentence.end();
                continue;
            }
            open = new int[] {sentence.start(), sentence.end()};
            spans.add(open);
        }
        return spans;
    }

    /**
     * Whether the gap between two sentences keeps them in one passage: only whitespace (no list marker), and no
     * line break, or one line break after a sentence that ended with {@code . ! ?} (wrapped prose, not a list of
     * unpunctuated lines).
     */
    private static boolean joins(String text, int previousEnd, int nextStart) {
        int breaks = 0;
        for (int i = previousEnd; i < nextStart; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return false;
            }
            if (c == '\n' || (c == '\r' && (i + 1 >= nextStart || text.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        if (breaks == 0) {
            return true;
        }
        char last = previousEnd > 0 ? text.charAt(previousEnd - 1) : ' ';
        return breaks == 1 && (last == '.' || last == '!' || last == '?');
    }

    private static int otherRank(String name) {
        int i = OTHER_ORDER.indexOf(name);
        return i < 0 ? OTHER_ORDER.size() : i;
    }

    static String label(NoteSection section) {
        String label = LABELS.get(section.name());
        if (label != null) {
            return label;
        }
        return section.heading() == null ? "Text" : SPACES.matcher(section.heading()).replaceAll(" ").strip();
    }
}
