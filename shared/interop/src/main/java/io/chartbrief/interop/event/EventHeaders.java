package io.chartbrief.interop.event;

/**
 * Kafka header names carried on {@link Topics#EVENTS} and {@link Topics#DLQ} records. Values are UTF-8 text.
 */
public final class EventHeaders {

    /** Topic the source record was read from (or {@code mllp}/{@code rest} when it entered through ingest). */
    public static final String SOURCE_TOPIC = "chartbrief.source.topic";
    /** Partition of the source record. */
    public static final String SOURCE_PARTITION = "chartbrief.source.partition";
    /** Offset of the source record. */
    public static final String SOURCE_OFFSET = "chartbrief.source.offset";
    /** Source message id: MSH-10 for HL7 v2, Bundle.id (or resource type/id) for FHIR. */
    public static final String SOURCE_ID = "chartbrief.source.id";
    /** Source format: {@code hl7v2} or {@code fhir}. */
    public static final String SOURCE_FORMAT = "chartbrief.source.format";
    /** Event type, e.g. {@code ADT^A01}, {@code ORU^R01}, {@code FHIR:transaction}. */
    public static final String EVENT_TYPE = "chartbrief.event.type";
    /** Event time as ISO-8601 instant (EVN-2, else MSH-7; Bundle.timestamp for FHIR). */
    public static final String EVENT_TIME = "chartbrief.event.time";
    /** Stable patient key (also the record key), {@code Patient/<id>}. */
    public static final String PATIENT_KEY = "chartbrief.patient.key";
    /** Conversion warnings (semicolon separated), when any. */
    public static final String WARNINGS = "chartbrief.warnings";

    /** {@code ehr.summaries}: the summary request id (UUID) the document answers. */
    public static final String SUMMARY_REQUEST_ID = "chartbrief.summary.request.id";
    /** {@code ehr.summaries}: engine that wrote the summary, {@code llama} or {@code extractive}. */
    public static final String SUMMARY_ENGINE = "chartbrief.summary.engine";
    /** {@code ehr.summaries}: verification status, {@code verified|partially-verified|unverified}. */
    public static final String SUMMARY_STATUS = "chartbrief.summary.status";
    /** {@code ehr.summaries}: {@code Encounter/<id>} the summary is for (absent when the chart has none). */
    public static final String SUMMARY_ENCOUNTER = "chartbrief.summary.encounter";

    /** DLQ: the processing stage that failed, e.g. {@code normalize-hl7v2}. */
    public static final String DLQ_STAGE = "chartbrief.dlq.stage";
    /** DLQ: human-readable reason. */
    public static final String DLQ_REASON = "chartbrief.dlq.reason";
    /** DLQ: original topic. */
    public static final String DLQ_ORIGINAL_TOPIC = "chartbrief.dlq.original.topic";
    /** DLQ: original partition. */
    public static final String DLQ_ORIGINAL_PARTITION = "chartbrief.dlq.original.partition";
    /** DLQ: original offset. */
    public static final String DLQ_ORIGINAL_OFFSET = "chartbrief.dlq.original.offset";
    /** DLQ: time the record was dead-lettered (ISO-8601). */
    public static final String DLQ_TIME = "chartbrief.dlq.time";
    /** Prefix of every DLQ header above: a re-drive removes these and keeps the original record's headers. */
    public static final String DLQ_PREFIX = "chartbrief.dlq.";

    /** A re-driven record ({@code chartbrief dlq replay}): the {@code ehr.dlq} record it came from, {@code partition:offset}. */
    public static final String REDRIVE_OF = "chartbrief.redrive.of";
    /** A re-driven record: when it was re-driven (ISO-8601). */
    public static final String REDRIVE_AT = "chartbrief.redrive.at";
    /** Prefix of the re-drive headers. */
    public static final String REDRIVE_PREFIX = "chartbrief.redrive.";

    private EventHeaders() {
    }
}
