package io.chartbrief.interop.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Record key for {@code ehr.hl7v2.inbound}, used by ingest and by anything else that publishes HL7 v2 there (the CLI). Messages of one patient must land on one partition so that the
 * normalizer sees them in arrival order; the key is a hash of the first PID-3 identifier (id + assigning
 * authority), so no identifier appears in clear in the key. Messages without a usable PID-3 fall back to the
 * control id (they carry no patient to keep in order).
 */
public final class InboundPartitionKey {

    private InboundPartitionKey() {
    }

    public static String ofHl7(String message, String controlId) {
        if (message.length() < 8) {
            return "msh:" + controlId;
        }
        int msh = message.indexOf("MSH");
        if (msh < 0 || message.length() < msh + 5) {
            return "msh:" + controlId;
        }
        char field = message.charAt(msh + 3);
        char component = message.charAt(msh + 4);
        char repetition = message.length() > msh + 5 ? message.charAt(msh + 5) : '~';
        for (String segment : message.split("[\r\n]+")) {
            if (segment.startsWith("PID" + field)) {
                String[] fields = segment.split(java.util.regex.Pattern.quote(String.valueOf(field)), -1);
                if (fields.length > 3 && !fields[3].isBlank()) {
                    String first = fields[3].split(java.util.regex.Pattern.quote(String.valueOf(repetition)), -1)[0];
                    String[] parts = first.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
                    String id = parts[0].trim();
                    String authority = parts.length > 3 ? parts[3].trim() : "";
                    if (!id.isEmpty()) {
                        return "pid:" + digest(authority + "|" + id);
                    }
                }
                break;
            }
        }
        return "msh:" + controlId;
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
