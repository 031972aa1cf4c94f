package io.chartbrief.interop.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a record was dead-lettered: the value of {@link EventHeaders#DLQ_STAGE} on an {@link Topics#DLQ} record.
 * Operators select by it ({@code chartbrief dlq list --stage chart-apply}) and the re-drive table of
 * docs/operations.md is keyed by it, so the wire values never change.
 */
public enum DeadLetterStage {

    /** Ingest: an {@code ehr.hl7v2.inbound} record that could not be converted. */
    NORMALIZE_HL7V2("normalize-hl7v2"),
    /** Ingest: an {@code ehr.fhir.inbound} record that could not be normalized. */
    NORMALIZE_FHIR("normalize-fhir"),
    /** Chart: an {@code ehr.events} record that cannot be applied to the chart. */
    CHART_APPLY("chart-apply"),
    /** Summarizer: an {@code ehr.summary.requests} record that cannot be summarized. */
    SUMMARIZE("summarize"),
    /** Inbox: an {@code ehr.summaries} document the inbox cannot store. */
    INBOX("inbox"),
    /** Outbound: an {@code ehr.summaries} document no receiver took. */
    OUTBOUND("outbound");

    private final String wireValue;

    DeadLetterStage(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The header value, e.g. {@code chart-apply}. */
    public String wireValue() {
        return wireValue;
    }

    /** The stage of a header value; empty for a value no stage writes (e.g. of another version). */
    public static Optional<DeadLetterStage> ofWireValue(String value) {
        return Arrays.stream(values()).filter(s -> s.wireValue.equals(value)).findFirst();
    }

    /** The wire value, so that a stage prints (and picocli lists it) as operators type it. */
    @Override
    public String toString() {
        return wireValue;
    }
}
