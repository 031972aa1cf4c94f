package io.chartbrief.summary.notes;

import io.chartbrief.summary.chart.ChartDates;
import io.chartbrief.summary.chart.ChartValues;
import io.chartbrief.summary.chart.ClinicalChart;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Report text as notes: a DiagnosticReport's {@code presentedForm}, or — what HL7 ORU^R01 TX/FT results become after
 * conversion — the string values of its result Observations, one line per Observation, in result order.
 *
 * <p>The converter keeps no trace of OBX-2, so narrative is told from short string results ("Negative") by shape:
 * the report's results are all strings and hold at least {@value #MIN_ALL_TEXT} characters; or one value spans lines
 * or holds {@value #MIN_LONG_VALUE}+ characters; or {@value #MIN_LINES}+ string results hold twice
 * {@value #MIN_ALL_TEXT} characters between them (an echo report: narrative lines between measurements). Only the
 * string results are the note; numbers and codes stay facts.
 * A presentedForm with the same bytes as a DocumentReference is that note (Synthea writes both) and is not read
 * twice. Reports and results entered in error or cancelled are never used. ORU ED (encapsulated) results are not
 * converted to FHIR at all, so there is nothing to read for them.
 */
final class ReportNotes {

    static final int MIN_ALL_TEXT = 40;
    static final int MIN_LONG_VALUE = 200;
    static final int MIN_LINES = 3;
    private static final Set<String> VOID = Set.of("entered-in-error", "cancelled");

    private final ClinicalChart chart;
    private final NoteLimits limits;
    private final Map<ByteBuffer, String> documentBytes;

    /**
     * @param documentBytes DocumentReference attachment bytes by content (from {@link DocumentNotes#contentBytes()})
     */
    ReportNotes(ClinicalChart chart, NoteLimits limits, Map<ByteBuffer, String> documentBytes) {
        this.chart = chart;
        this.limits = limits;
        this.documentBytes = documentBytes;
    }

    List<NoteCandidate> candidates(List<NoteReading.Skipped> skipped) {
        List<NoteCandidate> out = new ArrayList<>();
        for (DiagnosticReport report : chart.all(DiagnosticReport.class)) {
            String ref = chart.referenceOf(report);
            String sortKey = sortKey(report);
            if (report.hasPresentedForm()) {
                String twin = twin(report.getPresentedForm());
                if (twin != null) {
                    skipped.add(new NoteReading.Skipped(ref, "presentedForm is the text of " + twin));
                } else if (VOID.contains(Objects.toString(ChartValues.code(report.getStatusElement())))) {
                    skipped.add(new NoteReading.Skipped(ref, "report " + ChartValues.code(report.getStatusElement())));
                } else {
                    out.add(new NoteCandidate(ref, sortKey, s -> presented(ref, report, s)));
                }
                continue;
            }
            List<Observation> text = textResults(report);
            if (!text.isEmpty()) {
                if (VOID.contains(Objects.toString(ChartValues.code(report.getStatusElement())))) {
                    skipped.add(new NoteReading.Skipped(ref, "report " + ChartValues.code(report.getStatusElement())));
                } else {
                    out.add(new NoteCandidate(ref, sortKey, s -> results(ref, report, text)));
                }
            }
        }
        return out;
    }

    /** The DocumentReference whose bytes every presentedForm repeats, or null. */
    private String twin(List<Attachment> forms) {
        String twin = null;
        for (Attachment form : forms) {
            String same = form.getData() == null ? null : documentBytes.get(ByteBuffer.wrap(form.getData()));
            if (same == null) {
                return null;
            }
            twin = same;
        }
        return twin;
    }

    private NoteText presented(String ref, DiagnosticReport report, List<NoteReading.Skipped> skipped) {
        AttachmentText.Read read = AttachmentText.best(report.getPresentedForm(), ref, "presentedForm", chart, limits,
                skipped);
        if (read == null) {
            skipped.add(new NoteReading.Skipped(ref, "no readable presentedForm"));
            return null;
        }
        return note(ref, report, read.text(), read.truncated(),
                List.of(new NotePart(ref, read.contentType(), read.charset(), 0, read.text().length())));
    }

    private NoteText results(String ref, DiagnosticReport report, List<Observation> observations) {
        StringBuilder text = new StringBuilder();
        List<NotePart> parts = new ArrayList<>();
        boolean truncated = false;
        for (Observation observation : observations) {
            String value = ((StringType) observation.getValue()).getValue();
            String separator = text.length() == 0 ? "" : "\n";
            int room = limits.maxChars() - text.length() - separator.length();
            int keep = room <= 0 ? 0 : NoteLimits.cut(value, room);
            if (keep < value.length()) {
                truncated = true;
            }
            if (keep == 0) {
                break;
            }
            text.append(separator);
            int start = text.length();
            text.append(value, 0, keep);
            parts.add(new NotePart(chart.referenceOf(observation), "text/plain", null, start, text.length()));
            if (truncated) {
                break;
            }
        }
        return note(ref, report, text.toString(), truncated, parts);
    }

    private NoteText note(String ref, DiagnosticReport report, String text, boolean truncated, List<NotePart> parts) {
        String display = NoteTypes.display(report.getCode());
        String date = sortKey(report);
        return new NoteText(ref, display == null ? "Report" : display, date.isEmpty() ? null : date,
                NoteTypes.code(report.getCode()), display, text, truncated, parts);
    }

    /** The string-valued results when they read as narrative (see the class comment); else empty. */
    private List<Observation> textResults(DiagnosticReport report) {
        List<Observation> strings = new ArrayList<>();
        boolean allStrings = true;
        boolean longValue = false;
        int total = 0;
        for (Reference result : report.getResult()) {
            String target = chart.resolve(result);
            if (!(target != null && chart.get(target).orElse(null) instanceof Observation observation)
                    || VOID.contains(Objects.toString(ChartValues.code(observation.getStatusElement())))
                    || !observation.hasValue()) {
                continue;
            }
            if (observation.getValue() instanceof StringType string && ChartValues.present(string)) {
                strings.add(observation);
                String value = string.getValue();
                total += value.length();
                longValue |= value.indexOf('\n') >= 0 || value.length() >= MIN_LONG_VALUE;
            } else {
                allStrings = false;
            }
        }
        boolean narrative = longValue || (allStrings && total >= MIN_ALL_TEXT)
                || (strings.size() >= MIN_LINES && total >= 2 * MIN_ALL_TEXT);
        return narrative ? strings : List.of();
    }

    private static String sortKey(DiagnosticReport report) {
        String key = report.hasEffective() ? ChartDates.sortKey(report.getEffective()) : ChartDates.UNKNOWN;
        return key.isEmpty() && ChartValues.present(report.getIssuedElement())
                ? report.getIssuedElement().getValueAsString() : key;
    }
}
