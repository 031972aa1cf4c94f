package io.chartbrief.interop.hl7;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Builds HL7 v2 original-mode acknowledgements (ACK) in ER7, segments separated by {@code \r}.
 */
public final class Hl7Acknowledgement {

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    private static final String DEFAULT_VERSION = "2.5.1";

    /** Display text of HL7 table 0357 codes. */
    private static final Map<String, String> ERROR_TEXT = Map.ofEntries(
            Map.entry("0", "Message accepted"),
            Map.entry("100", "Segment sequence error"),
            Map.entry("101", "Required field missing"),
            Map.entry("102", "Data type error"),
            Map.entry("103", "Table value not found"),
            Map.entry("200", "Unsupported message type"),
            Map.entry("201", "Unsupported event code"),
            Map.entry("202", "Unsupported processing id"),
            Map.entry("203", "Unsupported version id"),
            Map.entry("204", "Unknown key identifier"),
            Map.entry("205", "Duplicate key identifier"),
            Map.entry("206", "Application record locked"),
            Map.entry("207", "Application internal error"));

    private Hl7Acknowledgement() {
    }

    /**
     * @param h header of the accepted message
     * @return {@code MSH} + {@code MSA|AA|<controlId>}
     */
    public static String accept(Hl7MessageHeader h) {
        Delims d = Delims.of(h);
        return header(h, d) + "\rMSA" + d.fs + "AA" + d.fs + h.controlId();
    }

    /**
     * @param hOrNull   header of the refused message, or {@code null} when it could not be read
     * @param ackCode   {@code AE} or {@code AR}
     * @param errorCode HL7 table 0357 code, e.g. {@code 101}
     * @param segment   segment id of the error location (may be {@code null} or empty)
     * @param field     field position, 0 when not applicable
     * @param reason    one-line reason (escaped here; must not contain PHI)
     * @return {@code MSH} + {@code MSA|<ackCode>|<controlId>|<reason>} + {@code ERR}
     */
    public static String error(Hl7MessageHeader hOrNull, String ackCode, String errorCode, String segment,
            int field, String reason) {
        Delims d = Delims.of(hOrNull);
        String controlId = hOrNull == null ? "" : hOrNull.controlId();
        String text = d.escape(reason == null ? "" : reason.replace('\r', ' ').replace('\n', ' '));
        String code = errorCode == null || errorCode.isEmpty() ? "207" : errorCode;
        String location = segment == null || segment.isEmpty() ? ""
                : segment + d.cs + "1" + (field > 0 ? d.cs + Integer.toString(field) : "");
        String fs = String.valueOf(d.fs);
        String err = "ERR" + fs + fs + location + fs + code + d.cs + ERROR_TEXT.getOrDefault(code, "") + d.cs
                + "HL70357" + fs + "E" + fs + fs + fs + fs + text;
        String ack = "AR".equals(ackCode) ? "AR" : "AE";
        return header(hOrNull, d) + "\rMSA" + fs + ack + fs + controlId + fs + text + "\r" + err;
    }

    private static String header(Hl7MessageHeader h, Delims d) {
        String fs = String.valueOf(d.fs);
        String trigger = h == null ? "" : h.triggerEvent();
        String type = trigger.isEmpty() ? "ACK" : "ACK" + d.cs + trigger + d.cs + "ACK";
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(DTM);
        String controlId = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String processing = h == null || h.processingId().isEmpty() ? "P" : h.processingId();
        String version = h == null || h.version().isEmpty() ? DEFAULT_VERSION : h.version();
        return "MSH" + fs + d.enc
                + fs + (h == null ? "" : h.receivingApplication())
                + fs + (h == null ? "" : h.receivingFacility())
                + fs + (h == null ? "" : h.sendingApplication())
                + fs + (h == null ? "" : h.sendingFacility())
                + fs + now + fs + fs + type + fs + controlId + fs + processing + fs + version;
    }

    /** Delimiters of the acknowledged message, so copied MSH values stay valid. */
    private record Delims(char fs, String enc, char cs, char rs, char esc, char ss) {
        static Delims of(Hl7MessageHeader h) {
            String enc = h == null || h.encodingCharacters().length() < 4 ? "^~\\&" : h.encodingCharacters();
            char fs = h == null || h.fieldSeparator().isEmpty() ? '|' : h.fieldSeparator().charAt(0);
            return new Delims(fs, enc, enc.charAt(0), enc.charAt(1), enc.charAt(2), enc.charAt(3));
        }

        String escape(String s) {
            StringBuilder b = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == esc) {
                    b.append(esc).append('E').append(esc);
                } else if (c == fs) {
                    b.append(esc).append('F').append(esc);
                } else if (c == cs) {
                    b.append(esc).append('S').append(esc);
                } else if (c == ss) {
                    b.append(esc).append('T').append(esc);
                } else if (c == rs) {
                    b.append(esc).append('R').append(esc);
                } else if (enc.length() > 4 && c == enc.charAt(4)) {
                    b.append(esc).append('P').append(esc); // v2.7+ truncation character
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }
}
