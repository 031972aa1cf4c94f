package io.chartbrief.summary.verify.note;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.images.ChartImages;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.notes.NoteSection;
import io.chartbrief.summary.notes.NoteSentence;
import io.chartbrief.summary.notes.NoteText;
import io.chartbrief.summary.verify.claim.Verdict;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks statements that rest on clinical notes (docs/clinical-safety.md, "Note items"):
 * <ol>
 *   <li>the cited note must be a usable note of the chart — current, not superseded, not entered in error
 *       (the same {@code NoteReader} the engines use decides);</li>
 *   <li>the quote must occur verbatim at its locator, be whole sentences of the note, and lie in the section it
 *       names; the item's date, when given, must be the note's;</li>
 *   <li>an item whose text is not the quote is a paraphrase and must be supported by the quoted passage
 *       ({@link PassageCheck}: negation, experiencer, certainty, status, laterality, numbers).</li>
 * </ol>
 * A note item without a quote, and a narrative clause that rests on a cited note, must be supported by one sentence
 * of a cited note. One instance per verification. Not thread-safe.
 */
public final class NoteItemCheck {

    /** Most sentences searched for a statement without a locator: a bound on cost, never a pass. */
    static final int MAX_SENTENCES = 4000;
    /** Lead-in words a narrative may put before a note's words. */
    private static final Set<String> NARRATIVE_LEAD_IN = Set.of("chief", "complaint", "reason", "presenting", "visit",
            "history", "present", "illness", "assessment", "impression", "plan");

    private final ChartNotes notes;
    private final PassageCheck passages;
    private final ClinicalChart chart;
    /** Resources holding an image attachment (read on first need). */
    private Set<String> images;

    public NoteItemCheck(ClinicalLexicon lexicon, ClinicalChart chart) {
        this.notes = new ChartNotes(chart);
        this.passages = new PassageCheck(lexicon);
        this.chart = chart;
    }

    /** A {@code notes} section item. */
    public Verdict item(SummaryItem item) {
        NoteQuote quote = item.quote();
        if (quote == null) {
            return unlocated(item.text(), item.evidence(), Set.of());
        }
        Verdict located = quoteOf(item);
        if (!located.supported()) {
            return located;
        }
        NoteText note = notes.note(quote.note());
        Verdict verdict = Verdict.SUPPORTED;
        if (item.date() != null && !item.date().isBlank()) {
            String day = note.date() == null ? null : note.date().substring(0, Math.min(10, note.date().length()));
            if (day == null) {
                verdict = Verdict.unverifiable("the cited note has no date");
            } else if (!day.startsWith(item.date().substring(0, Math.min(10, item.date().length())))) {
                verdict = Verdict.contradicted("the note is dated " + day + ", not " + item.date());
            }
        }
        if (PassageCheck.sameText(item.text(), quote.text())) {
            return verdict;
        }
        NoteSection section = notes.layout(note).sectionOf(quote.start(), quote.end());
        return verdict.and(passages.check(item.text(), quote.text(), headingWords(section)));
    }

    /**
     * Whether an item's quote stands where it says: in a current note the item cites, verbatim at its locator, whole
     * sentences of the named section. An item without a quote passes. For items of any section: the inbox shows the
     * quote as the note's words.
     */
    public Verdict quoteOf(SummaryItem item) {
        NoteQuote quote = item.quote();
        if (quote == null) {
            return Verdict.SUPPORTED;
        }
        if (!item.evidence().contains(quote.note())) {
            return Verdict.unverifiable("the quoted note " + quote.note() + " is not in the item's evidence");
        }
        NoteText note = notes.note(quote.note());
        return note == null ? notUsable(quote.note()) : located(quote, note);
    }

    /** A narrative clause citing notes, checked when the structured facts did not support it. */
    public Verdict narrative(String clause, List<String> evidence) {
        return unlocated(clause, evidence, NARRATIVE_LEAD_IN);
    }

    /** Whether any of the references is a note the reader knows (usable or not). */
    public boolean citesNote(List<String> evidence) {
        for (String ref : evidence) {
            if (notes.note(ref) != null || notes.skippedReason(ref) != null) {
                return true;
            }
        }
        return false;
    }

    private Verdict located(NoteQuote quote, NoteText note) {
        String text = note.text();
        if (quote.text() == null || quote.start() < 0 || quote.end() > text.length() || quote.start() >= quote.end()) {
            return Verdict.contradicted("the quote's locator lies outside the note");
        }
        if (!text.substring(quote.start(), quote.end()).equals(quote.text())) {
            return Verdict.contradicted("the quote is not in the note at its locator");
        }
        ChartNotes.Layout layout = notes.layout(note);
        if (!layout.starts.contains(quote.start()) || !layout.ends.contains(quote.end())) {
            // a part of a sentence can drop its negation or subject ("chest pain" of "denies chest pain")
            return Verdict.unverifiable("the quote is not whole sentences of the note");
        }
        NoteSection section = layout.sectionOf(quote.start(), quote.end());
        if (section == null) {
            return Verdict.unverifiable("the quote spans more than one section of the note");
        }
        if (quote.section() != null && !quote.section().equals(section.name())) {
            return Verdict.contradicted("the passage lies in the note's " + section.name() + " section, not "
                    + quote.section());
        }
        if (quote.title() != null && !quote.title().equals(note.title())) {
            return Verdict.unverifiable("the note's title is not '" + quote.title() + "'");
        }
        return Verdict.SUPPORTED;
    }

    /** Supported when one sentence of a cited usable note supports it. */
    private Verdict unlocated(String text, List<String> evidence, Set<String> leadIn) {
        Verdict best = null;
        int searched = 0;
        for (String ref : evidence) {
            NoteText note = notes.note(ref);
            if (note == null) {
                if (notes.skippedReason(ref) != null && best == null) {
                    best = notUsable(ref);
                }
                continue;
            }
            ChartNotes.Layout layout = notes.layout(note);
            for (int i = 0; i < layout.sentences.size() && searched < MAX_SENTENCES; i++, searched++) {
                NoteSentence sentence = layout.sentences.get(i);
                Set<String> allowed = new HashSet<>(leadIn);
                allowed.addAll(headingWords(layout.sectionOfSentence.get(i)));
                Verdict v = passages.check(text, sentence.text(note.text()), allowed);
                if (v.supported()) {
                    return v;
                }
                if (best == null || v.outcome().ordinal() < best.outcome().ordinal()) {
                    best = v;
                }
            }
        }
        if (best == null) {
            return Verdict.unverifiable("no cited note to check against");
        }
        // no sentence was read (only unusable notes, e.g. an image): their own reason is the answer
        if (searched == 0) {
            return best;
        }
        // the closest sentence's reason says little about the whole note: name the outcome plainly
        return best.outcome() == Verdict.Outcome.CONTRADICTED ? best
                : Verdict.unverifiable("no sentence of the cited notes supports it (closest: " + best.reason() + ")");
    }

    /**
     * A cited note that cannot be read. A current image with no text the verifier could read (a JPEG in a
     * DocumentReference, a report whose only form is an image) is no outdated note: what a model says it shows is
     * not contradicted, only not checkable — unverifiable, so it is listed apart with the image cited, never shown
     * as verified. An image in a superseded, replaced, entered-in-error or cancelled resource stays contradicted.
     */
    private Verdict notUsable(String ref) {
        if (images == null) {
            images = ChartImages.imageResources(chart);
        }
        if (images.contains(ref) && !notes.excluded(ref) && !voided(ref)) {
            return Verdict.unverifiable("the cited " + ref + " holds an image, and ChartBrief does not verify what "
                    + "a model reads in an image");
        }
        String reason = notes.skippedReason(ref);
        return Verdict.contradicted("the cited note " + ref + " is not a current note"
                + (reason == null ? "" : " (" + reason + ")"));
    }

    /** A report withdrawn by its status (the notes reader skips it without marking it excluded). */
    private boolean voided(String ref) {
        return chart.get(ref).orElse(null) instanceof org.hl7.fhir.r4.model.DiagnosticReport report
                && (report.getStatus() == org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.CANCELLED
                        || report.getStatus()
                                == org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR);
    }

    /** The words of a section's heading and canonical name ("assessment-and-plan": assessment, plan). */
    private static Set<String> headingWords(NoteSection section) {
        Set<String> words = new HashSet<>();
        if (section == null) {
            return words;
        }
        for (String w : section.name().split("-")) {
            words.add(w);
        }
        if (section.heading() != null) {
            for (String w : section.heading().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return words;
    }
}
