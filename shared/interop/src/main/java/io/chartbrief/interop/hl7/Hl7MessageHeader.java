package io.chartbrief.interop.hl7;

/**
 * The MSH fields ChartBrief needs for routing, acknowledgement and idempotency. Values are the raw component
 * text (HL7 escape sequences not decoded); empty string when absent, never {@code null}.
 *
 * @param fieldSeparator       MSH-1, usually {@code |}
 * @param encodingCharacters   MSH-2, e.g. {@code ^~\&} or {@code ^~\&#}
 * @param sendingApplication   MSH-3 (first component)
 * @param sendingFacility      MSH-4 (first component)
 * @param receivingApplication MSH-5 (first component)
 * @param receivingFacility    MSH-6 (first component)
 * @param timestamp            MSH-7 as sent (HL7 DTM)
 * @param messageCode          MSH-9.1, e.g. {@code ADT}
 * @param triggerEvent         MSH-9.2, e.g. {@code A01} (may be empty for {@code ACK})
 * @param messageStructure     MSH-9.3, e.g. {@code ADT_A01} (often empty before v2.5)
 * @param controlId            MSH-10
 * @param processingId         MSH-11 (first component), e.g. {@code P}
 * @param version              MSH-12 (first component), e.g. {@code 2.5.1}
 */
public record Hl7MessageHeader(String fieldSeparator, String encodingCharacters, String sendingApplication,
        String sendingFacility, String receivingApplication, String receivingFacility, String timestamp,
        String messageCode, String triggerEvent, String messageStructure, String controlId, String processingId,
        String version) {

    /** @return {@code CODE^TRIGGER}, e.g. {@code ADT^A01}; just the code when there is no trigger event */
    public String messageType() {
        return triggerEvent.isEmpty() ? messageCode : messageCode + "^" + triggerEvent;
    }
}
