package io.chartbrief.summary.fhir;

import io.chartbrief.interop.fhir.FhirContexts;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The copy of a cited chart resource that a summary document carries (a FHIR document contains what its sections
 * reference). A note's or report's attachment content over {@value #MAX_INLINE_BYTES} bytes stays in the chart: the
 * copy keeps the attachment's type, title, language and creation date and states its {@code size} and SHA-1
 * {@code hash} (so a reader can match it to the original), without {@code data}. The quotes the document shows
 * carry their own context ({@link NotePassages}); a 5 MB note must not make a 5 MB summary message.
 * A conditional reference the chart could not resolve ({@code Practitioner?identifier=sys|value}: valid in the
 * transaction it came in, not in a document) becomes a logical reference: its type and identifier.
 */
final class EvidenceCopy {

    /** Largest attachment content copied whole. */
    static final int MAX_INLINE_BYTES = 64 * 1024;

    private static final Pattern CONDITIONAL = Pattern.compile("^([A-Z][A-Za-z]+)\\?(.*)$");

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
        for (Reference reference : FhirContexts.r4().newTerser().getAllPopulatedChildElementsOfType(copy,
                Reference.class)) {
            asLogicalReference(reference);
        }
        return copy;
    }

    /** {@code Type?identifier=system|value} → type + identifier; other references are left as they are. */
    private static void asLogicalReference(Reference reference) {
        Matcher conditional = reference.hasReference() ? CONDITIONAL.matcher(reference.getReference()) : null;
        if (conditional == null || !conditional.matches()) {
            return;
        }
        for (String parameter : conditional.group(2).split("&")) {
            if (parameter.startsWith("identifier=")) {
                String token = URLDecoder.decode(parameter.substring("identifier=".length()), StandardCharsets.UTF_8);
                int bar = token.indexOf('|');
                Identifier identifier = bar < 0 ? new Identifier().setValue(token)
                        : new Identifier().setSystem(bar == 0 ? null : token.substring(0, bar))
                                .setValue(token.substring(bar + 1));
                if (identifier.hasValue()) {
                    reference.setReference(null);
                    reference.setType(conditional.group(1));
                    reference.setIdentifier(identifier);
                }
                return;
            }
        }
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
