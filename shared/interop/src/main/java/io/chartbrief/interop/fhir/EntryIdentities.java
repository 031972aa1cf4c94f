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
 * {@code Type/x}) is rewritten to the entry's {@code Type/id}; so is a conditional reference
 * {@code Type?identifier=system|value} that exactly one entry matches. Other conditional references and
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
                if (local == null && target.contains("?")) {
                    local = conditionalTarget(target, entries);
                }
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

    /**
     * A conditional reference ({@code Practitioner?identifier=system|value}, newer Synthea bundles) resolved to
     * the one entry of the submission that has that identifier; {@code null} when none or several match, or the
     * search is not a single {@code identifier} token.
     */
    static String conditionalTarget(String target, List<SubmissionEntry> entries) {
        int q = target.indexOf('?');
        String type = target.substring(0, q);
        String query = target.substring(q + 1);
        if (!query.startsWith("identifier=") || query.indexOf('&') >= 0) {
            return null;
        }
        String token = java.net.URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8);
        int bar = token.indexOf('|');
        String system = bar < 0 ? null : token.substring(0, bar);
        String value = bar < 0 ? token : token.substring(bar + 1);
        String found = null;
        for (SubmissionEntry entry : entries) {
            Resource resource = entry.resource();
            if (!resource.fhirType().equals(type) || !hasIdentifier(resource, system, value)) {
                continue;
            }
            if (found != null) {
                return null; // two candidates: not ours to choose
            }
            found = entry.localReference();
        }
        return found;
    }

    private static boolean hasIdentifier(Resource resource, String system, String value) {
        org.hl7.fhir.r4.model.Base[] identifiers;
        try {
            identifiers = resource.getProperty("identifier".hashCode(), "identifier", false);
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            return false; // a type without identifiers
        }
        if (identifiers == null) {
            return false;
        }
        for (org.hl7.fhir.r4.model.Base base : identifiers) {
            if (base instanceof org.hl7.fhir.r4.model.Identifier id && value.equals(id.getValue())
                    && (system == null || system.isEmpty() && !id.hasSystem() || system.equals(id.getSystem()))) {
                return true;
            }
        }
        return false;
    }

    static String nameUuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
