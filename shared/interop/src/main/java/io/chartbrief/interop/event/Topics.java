package io.chartbrief.interop.event;

/**
 * Kafka topic names of the ChartBrief event backbone. See docs/architecture.md for keys, value formats,
 * producers and consumers of each topic.
 */
public final class Topics {

    /** Raw HL7 v2 messages (value = ER7 text exactly as received; key = MSH-10 control id). */
    public static final String HL7V2_INBOUND = "ehr.hl7v2.inbound";
    /** Raw FHIR R4 JSON (a resource or a Bundle; key = Bundle/resource id when known). */
    public static final String FHIR_INBOUND = "ehr.fhir.inbound";
    /** Canonical stream: one FHIR R4 transaction Bundle per source event, keyed by patient key. */
    public static final String EVENTS = "ehr.events";
    /**
     * Verified patient summaries from the summarizer: one FHIR R4 {@code document} Bundle per summary request
     * (key = patient key), with {@link EventHeaders#SUMMARY_REQUEST_ID} and friends. Consumed by the inbox.
     */
    public static final String SUMMARIES = "ehr.summaries";
    /** Records that could not be processed, with {@link EventHeaders#DLQ_STAGE} and friends. */
    public static final String DLQ = "ehr.dlq";
    /**
     * Compacted ledger of {@code chartbrief dlq replay}: key = the {@link #DLQ} record's {@code partition:offset},
     * value = JSON naming where it was re-driven and when. Lets a replay skip what was already re-driven.
     */
    public static final String DLQ_REDRIVES = "ehr.dlq.redrives";
    /**
     * Summary requests from the chart service (value = JSON of {@link SummaryRequest}; key = patient key
     * {@code Patient/<id>}). Consumers must deduplicate by {@link SummaryRequest#requestId()}: a request may be
     * delivered more than once, always with the same id.
     */
    public static final String SUMMARY_REQUESTS = "ehr.summary.requests";
    /**
     * Audit of PHI reads: one FHIR R4 AuditEvent (IHE BALP basic-audit shape, JSON) per read and patient, key =
     * the patient key {@code Patient/<id>} (absent when the read named no patient). Published by chart,
     * summarizer and inbox from their audit tables; for a SIEM.
     */
    public static final String AUDIT = "ehr.audit";

    private Topics() {
    }
}
