package io.chartbrief.outbound.mapping;

/**
 * The parts of an HL7 v2 ACK the connector acts on: MSA-1 (acknowledgment code), MSA-2 (the control id it answers)
 * and the receiver's reason (MSA-3, else ERR-8, else ERR-3). Read leniently from the ER7 text — any version, any
 * segment separator — since an interface engine's ACK need not match the message's version.
 *
 * @param code      AA, AE, AR (or CA, CE, CR), or null when the text has no MSA segment
 * @param controlId MSA-2, or null
 * @param reason    the receiver's text, one line, at most 200 characters, or null
 */
public record MdmAck(String code, String controlId, String reason) {

    private static final int MAX_REASON = 200;

    /** Reads an ACK; text that is no ACK gives a null code. */
    public static MdmAck parse(String text) {
        if (text == null || text.length() < 8 || !text.startsWith("MSH")) {
            return new MdmAck(null, null, null);
        }
        char fields = text.charAt(3);
        char components = text.charAt(4);
        String code = null;
        String controlId = null;
        String reason = null;
        String errReason = null;
        for (String segment : text.split("[\r\n]+")) {
            String[] f = segment.split(java.util.regex.Pattern.quote(String.valueOf(fields)), -1);
            if (f[0].equals("MSA")) {
                code = field(f, 1);
                controlId = field(f, 2);
                reason = field(f, 3);
            } else if (f[0].equals("ERR") && errReason == null) {
                String user = field(f, 8);
                String condition = field(f, 3);
                errReason = user != null ? user : condition == null ? null
                        : condition.replace(components, ' ').trim();
            }
        }
        String text1 = reason != null ? reason : errReason;
        return new MdmAck(code, controlId, text1 == null ? null : oneLine(text1));
    }

    /** Accepted: AA (or CA). */
    public boolean accepted() {
        return "AA".equals(code) || "CA".equals(code);
    }

    /** Rejected for good: AR (or CR). */
    public boolean rejected() {
        return "AR".equals(code) || "CR".equals(code);
    }

    private static String field(String[] fields, int index) {
        return index < fields.length && !fields[index].isBlank() ? fields[index].trim() : null;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON - 1) + "…" : line;
    }
}
