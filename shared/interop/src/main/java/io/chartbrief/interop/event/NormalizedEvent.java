package io.chartbrief.interop.event;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * One source event (an HL7 v2 message or a FHIR submission) converted to the canonical form published on
 * {@link Topics#EVENTS}.
 *
 * @param bundle     FHIR R4 {@code transaction} Bundle: one {@code PUT Type/id} entry per resource; ids are
 *                   deterministic from source identifiers, so the same input always yields the same resources
 * @param patientKey stable patient key {@code Patient/<id>}; the Kafka record key
 * @param eventType  e.g. {@code ADT^A01}, {@code ORU^R01}, {@code FHIR:transaction}
 * @param eventTime  when the event happened at the source, or {@code null} when the source does not say
 * @param sourceId   MSH-10 control id, or the FHIR Bundle/resource id
 * @param format     {@code hl7v2} or {@code fhir}
 * @param warnings   problems that did not stop the conversion (e.g. an unparseable date that was skipped)
 */
public record NormalizedEvent(Bundle bundle, String patientKey, String eventType, Instant eventTime,
        String sourceId, String format, List<String> warnings) {

    public NormalizedEvent {
        warnings = List.copyOf(warnings);
    }
}
