package io.chartbrief.interop.event;

/**
 * Input that cannot be turned into a {@link NormalizedEvent}. The message is a one-line reason fit for an HL7
 * ERR segment, a FHIR OperationOutcome, a DLQ header and a CLI error line; it never contains PHI beyond what the
 * sender's own field positions name (no field values).
 */
public class ConversionException extends Exception {

    public ConversionException(String reason) {
        super(reason);
    }

    public ConversionException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
