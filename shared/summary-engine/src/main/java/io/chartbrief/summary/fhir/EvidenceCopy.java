package io.chartbrief.summary.fhir;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The copy of a cited chart resource that a summary document carries (a FHIR document contains what its sections
 * reference). A note's or report's attachment content over {@value #MAX_INLINE_BYTES} bytes stays in the chart: the
 * copy keeps the attachment's type, title, language and creation date and states its {@code size} and SHA-1
 * {@code hash} (so a reader can match it to the original), without {@code data}. The quotes the document shows
 * carry their own context ({@link NotePassages}); a 5 MB note must not make a 5 MB summary message.
 */
final class EvidenceCopy {

    /** Largest attachment content copied whole. */
    static final int MAX_INLINE_BYTES = 64 * 1024;

    private EvidenceCopy() {
    }

    /** A copy of the resource with the given id, no meta, and large attachment content left out. */
    static Resource of(Resource resource, String id) {
        Resource copy = resource.copy();
        copy.setMeta(null);
        copy.setId(id);
        for (Attachment attachment : attachments(copy)) {
            byte[] data = attachment.getData();
            if (data != null && data.length > MAX_INLINE_BYTES) {
                attachment.setSize(data.length);
                attachment.setHash(sha1(data));
                attachment.setData(null);
            }
        }
        return copy;
    }

    private static List<Attachment> attachments(Resource resource) {
        List<Attachment> out = new ArrayList<>();
        if (resource instanceof DocumentReference d) {
            d.getContent().forEach(c -> out.add(c.getAttachment()));
        } else if (resource instanceof DiagnosticReport r) {
            out.addAll(r.getPresentedForm());
        }
        return out;
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
