package io.chartbrief.interop.hl7;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;

/**
 * State of one message conversion shared by the segment mappers: header, delimiters, warnings, the bundle under
 * construction and the references later segments point to (patient, encounter).
 */
final class ConversionContext {

    final Hl7MessageHeader header;
    final List<Er7Segment> segments;
    final Hl7Limits limits;
    final List<String> warnings = new ArrayList<>();
    final TransactionBundle bundle = new TransactionBundle();
    /** Identifies this message across senders: sending app, facility and MSH-10. */
    final String messageKey;
    Instant eventTime;
    DateTimeType eventDateTime;
    Reference patient;
    String patientId;
    Reference encounter;
    /** The zone the sender's offset-less times are local to (see {@link SenderTimeZones}). */
    final ZoneId senderZone;

    ConversionContext(Hl7MessageHeader header, List<Er7Segment> segments, Hl7Limits limits, ZoneId senderZone) {
        this.header = header;
        this.segments = segments;
        this.limits = limits;
        this.senderZone = senderZone;
        this.messageKey = header.sendingApplication() + "^" + header.sendingFacility() + "^" + header.controlId();
    }

    String trigger() {
        return header.triggerEvent();
    }

    void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    /**
     * @return the parsed DTM of {@code segment-field}, or {@code null} (with a warning naming the field, never the
     *         value) when it is present but not a valid date/time
     */
    Hl7DateTime dateTime(Er7Segment segment, int field, String label) {
        String text = segment.text(field);
        if (text.isEmpty()) {
            return null;
        }
        Hl7DateTime dt = Hl7DateTime.parse(text, senderZone);
        if (dt == null) {
            warn(segment.name() + "-" + field + " (" + label + ") is not a valid HL7 date/time; skipped");
        }
        return dt;
    }

    /** @return the number in {@code text}, or {@code null} when it is not one (or longer than the limit) */
    java.math.BigDecimal number(String text) {
        return Hl7Numbers.parse(text, limits.maxNumberChars());
    }

    DateTimeType fhirDateTime(Er7Segment segment, int field, String label) {
        Hl7DateTime dt = dateTime(segment, field, label);
        return dt == null ? null : dt.toDateTime();
    }
}
