package io.chartbrief.summary.notes;

import io.chartbrief.summary.chart.ClinicalChart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the usable clinical notes of a chart: the one place both engines get note text from.
 *
 * <p>Sources: DocumentReference (FHIR senders; HL7 MDM^T02/T06/T10 after conversion, whose TX/FT/ST lines become
 * one base64 {@code text/plain; charset=utf-8} attachment) — see {@link DocumentNotes} for status, supersession and
 * addenda — and DiagnosticReport text (presentedForm; HL7 ORU^R01 TX/FT results, which become Observation strings) —
 * see {@link ReportNotes}. Attachments are decoded by {@link AttachmentText}.
 *
 * <p>Bounded: at most {@link NoteLimits#maxNotes()} notes, newest first (only those are decoded), each at most
 * {@link NoteLimits#maxChars()} characters. Never throws for bad content: what cannot be read is in
 * {@link NoteReading#skipped()}. Stateless; thread-safe; the reading is kept with the chart
 * ({@link ClinicalChart#derived}).
 */
public final class NoteReader {

    private final NoteLimits limits;

    /** With {@link NoteLimits#DEFAULT}. */
    public NoteReader() {
        this(NoteLimits.DEFAULT);
    }

    public NoteReader(NoteLimits limits) {
        this.limits = limits;
    }

    /** The limits this reader applies. */
    public NoteLimits limits() {
        return limits;
    }

    /** The chart's usable notes, newest first, and the skipped ones with reasons; decoded once per chart and limits. */
    public NoteReading read(ClinicalChart chart) {
        return chart.derived(new ReadingKey(limits), () -> readNow(chart));
    }

    /** The cache key of a chart's reading: the same limits give the same reading. */
    private record ReadingKey(NoteLimits limits) {
    }

    private NoteReading readNow(ClinicalChart chart) {
        List<NoteReading.Skipped> skipped = new ArrayList<>();
        DocumentNotes documents = new DocumentNotes(chart, limits);
        List<NoteCandidate> candidates = new ArrayList<>(documents.candidates(skipped));
        candidates.addAll(new ReportNotes(chart, limits, documents.contentBytes()).candidates(skipped));
        // newest first; undated ("") last; ties by reference so the order never depends on Bundle order
        candidates.sort(Comparator.comparing(NoteCandidate::sortKey, Comparator.reverseOrder())
                .thenComparing(NoteCandidate::ref));
        List<NoteText> notes = new ArrayList<>();
        for (NoteCandidate candidate : candidates) {
            if (notes.size() >= limits.maxNotes()) {
                skipped.add(new NoteReading.Skipped(candidate.ref(),
                        "over the limit of " + limits.maxNotes() + " notes per chart (newest are read)"));
                continue;
            }
            try {
                NoteText note = candidate.reader().apply(skipped);
                if (note != null) {
                    notes.add(note);
                }
            } catch (RuntimeException e) {
                // content no rule foresaw must cost one note, never the summary
                skipped.add(new NoteReading.Skipped(candidate.ref(),
                        "could not be read (" + e.getClass().getSimpleName() + ")"));
            }
        }
        return new NoteReading(notes, skipped);
    }
}
