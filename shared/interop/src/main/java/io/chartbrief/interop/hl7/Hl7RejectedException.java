package io.chartbrief.interop.hl7;

import io.chartbrief.interop.event.ConversionException;

/**
 * An HL7 v2 message refused with an HL7 error code (table 0357), carrying what an ACK's MSA and ERR segments
 * need. The message is a one-line reason naming the field, never a field value.
 */
public class Hl7RejectedException extends ConversionException {

    /** Segment sequence error (e.g. no MSH first). */
    public static final String SEGMENT_SEQUENCE_ERROR = "100";
    /** Required field missing. */
    public static final String REQUIRED_FIELD_MISSING = "101";
    /** Data type error. */
    public static final String DATA_TYPE_ERROR = "102";
    /** Unsupported message type. */
    public static final String UNSUPPORTED_MESSAGE_TYPE = "200";
    /** Unsupported event code. */
    public static final String UNSUPPORTED_EVENT_CODE = "201";
    /** Unsupported version id. */
    public static final String UNSUPPORTED_VERSION_ID = "203";
    /** Application internal error. */
    public static final String APPLICATION_INTERNAL_ERROR = "207";

    private final String errorCode;
    private final String segment;
    private final int field;
    private final boolean reject;

    /**
     * @param errorCode HL7 table 0357 code, e.g. {@code 101}
     * @param segment   segment id the error is located in, e.g. {@code MSH}
     * @param field     field position, 0 when not applicable
     * @param reject    {@code true} for AR (structurally unacceptable), {@code false} for AE
     * @param reason    one-line reason without PHI
     */
    public Hl7RejectedException(String errorCode, String segment, int field, boolean reject, String reason) {
        super(reason);
        this.errorCode = errorCode;
        this.segment = segment;
        this.field = field;
        this.reject = reject;
    }

    /** @return HL7 table 0357 error code */
    public String errorCode() {
        return errorCode;
    }

    /** @return segment id where the error is located, e.g. {@code MSH} */
    public String segment() {
        return segment;
    }

    /** @return field position, 0 when not applicable */
    public int field() {
        return field;
    }

    /** @return {@code true} when the ACK code is AR (resending unchanged won't help), {@code false} for AE */
    public boolean reject() {
        return reject;
    }

    /** @return the ACK code this rejection calls for: {@code AR} or {@code AE} */
    public String ackCode() {
        return reject ? "AR" : "AE";
    }
}
