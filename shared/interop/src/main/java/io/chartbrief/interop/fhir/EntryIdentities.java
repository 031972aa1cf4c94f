package io.chartbrief.interop.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import io.chartbrief.interop.event.ConversionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Gives every entry of a submission a stable id and points references between entries at {@code Type/id}.
 *
 * <p>Ids: the resource's own id; else the UUID of a {@code urn:uuid:} fullUrl (Synthea style); else a name-based
 * UUID of the fullUrl; else a name-based UUID of the resource's canonical JSON. Nothing random: the same input
 * always gets the same ids.
 *
 * <p>References: a reference equal to an entry's fullUrl (or, for an absolute {@code .../Type/x} fullUrl, to
 * {@code Type/x}) is rewritten to the entry's {@code Type/id}. Conditional references ({@code Type?search}) and
 * {@code urn:} references to nothing in the submission are left as they are and counted as warnings.
 */
final class EntryIdentities {

    private static final Pattern UUID_URN = Pattern.compile("urn:uuid:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final Pattern ABSOLUTE_TAIL = Pattern.compile("^https?://.+/([A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})$");

    private final FhirContext context;

    EntryIdentities(FhirContext context) {
        this.context = context;
    }

    /**
     * Sets the id of every entry's resource and rewrites references among them.
     *
     * @return warnings (counts only, no values)
     * @throws ConversionException when two entries end up with the same {@code Type/id}
     */
    List<String> assign(List<SubmissionEntry> entries) throws ConversionException {
        Map<String, String> targets = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            SubmissionEntry entry = entries.get(i);
            Resource resource = entry.resource();
            resource.setIdElement(new IdType(resource.fhirType(), idFor(entry)));
            String local = entry.localReference();
            Integer earlier = seen.putIfAbsent(local, i);
            if (earlier != null) {
                throw new ConversionException("entries " + earlier + " and " + i + " are the same "
                        + resource.fhirType() + " (same id or fullUrl)");
            }
            if (entry.fullUrl() != null) {
                targets.put(entry.fullUrl(), local);
                Matcher tail = ABSOLUTE_TAIL.matcher(entry.fullUrl());
                if (tail.matches()) {
                    targets.putIfAbsent(tail.group(1) + "/" + tail.group(2), local);
                }
            }
        }
        return rewrite(entries, targets);
    }

    private String idFor(SubmissionEntry entry) {
        String own = entry.resource().getIdElement().getIdPart();
        if (own != null && !own.isEmpty()) {
            return own;
        }
        if (entry.fullUrl() != null) {
            Matcher uuid = UUID_URN.matcher(entry.fullUrl());
            return uuid.matches() ? uuid.group(1).toLowerCase() : nameUuid(entry.fullUrl());
        }
        return nameUuid(context.newJsonParser().encodeResourceToString(entry.resource()));
    }

    private List<String> rewrite(List<SubmissionEntry> entries, Map<String, String> targets) {
        FhirTerser terser = context.newTerser();
        int conditional = 0;
        int dangling = 0;
        for (SubmissionEntry entry : entries) {
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(entry.resource(), Reference.class)) {
                String target = reference.getReference();
                if (target == null) {
                    continue;
                }
                String local = targets.get(target);
                if (local != null) {
                    reference.setReference(local);
                } else if (target.contains("?")) {
                    conditional++;
                } else if (target.startsWith("urn:")) {
                    dangling++;
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        if (conditional > 0) {
            warnings.add(conditional + " conditional references left unresolved");
        }
        if (dangling > 0) {
            warnings.add(dangling + " urn: references point at no entry of the submission");
        }
        return warnings;
    }

    static String nameUuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
