package io.chartbrief.interop.hl7;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Resource ids as name-based (version 3) UUIDs of stable source identifiers: the same message always yields the
 * same ids, and the same real-world thing (a patient, a visit, an order) gets the same id across messages.
 */
final class DeterministicIds {

    private DeterministicIds() {
    }

    /**
     * @param resourceType FHIR type, part of the name so a Patient and an Encounter with equal keys differ
     * @param parts        stable identifiers; {@code null} reads as empty
     * @return lower-case UUID text
     */
    static String of(String resourceType, String... parts) {
        StringBuilder b = new StringBuilder(64).append("chartbrief/hl7v2/").append(resourceType);
        for (String p : parts) {
            // unit separator: cannot occur in decoded HL7 text, so ("a|b","c") never equals ("a","b|c")
            b.append('\u001f').append(p == null ? "" : p);
        }
        return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
