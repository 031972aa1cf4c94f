package io.chartbrief.interop.hl7;

import java.util.Base64;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;

/**
 * OBX values that carry a document rather than a result: ED (encapsulated data: source ^ type ^ subtype ^
 * encoding ^ data, e.g. a Base64 PDF or HTML report) and RP (reference pointer: pointer ^ application ^ type ^
 * subtype) as FHIR Attachments — for an MDM note's content and an ORU report's {@code presentedForm}.
 */
final class EncapsulatedData {

    private EncapsulatedData() {
    }

    /** The ED payload as an attachment, or {@code null} (with a warning) when it is empty or not Base64. */
    static Attachment fromEd(Er7Value ed, ConversionContext ctx) {
        String data = ed.component(5).replace("\n", "").replace("\r", "");
        if (data.isEmpty()) {
            ctx.warn("OBX-5 (encapsulated data) is empty; attachment skipped");
            return null;
        }
        if (!"BASE64".equalsIgnoreCase(ed.component(4))) {
            ctx.warn("OBX-5 (encapsulated data) is not Base64 encoded; attachment skipped");
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            ctx.warn("OBX-5 (encapsulated data) is not valid Base64; attachment skipped");
            return null;
        }
        return new Attachment().setContentType(contentType(ed.component(2), ed.component(3))).setData(bytes);
    }

    /** The RP pointer as an attachment URL when it is an http(s) URL; else {@code null} with a warning. */
    static Attachment fromRp(Er7Value rp, ConversionContext ctx) {
        String pointer = rp.component(1);
        if (!pointer.startsWith("https://") && !pointer.startsWith("http://")) {
            ctx.warn("OBX-5 (reference pointer) is not an http(s) URL; report pointer skipped");
            return null;
        }
        Attachment a = new Attachment().setUrl(pointer);
        if (!rp.component(3).isEmpty() || !rp.component(4).isEmpty()) {
            a.setContentType(contentType(rp.component(3), rp.component(4)));
        }
        return a;
    }

    /** MIME type from the HL7 type of data (table 0191) and subtype (table 0291). */
    static String contentType(String type, String subtype) {
        return switch (subtype.toLowerCase(Locale.ROOT)) {
            case "pdf" -> "application/pdf";
            case "rtf" -> "application/rtf";
            case "html" -> "text/html";
            case "xml" -> "application/xml";
            case "plain", "text" -> "text/plain";
            case "jpeg", "jpg" -> "image/jpeg";
            case "png" -> "image/png";
            case "tiff" -> "image/tiff";
            default -> "TEXT".equalsIgnoreCase(type) ? "text/plain" : "application/octet-stream";
        };
    }
}
