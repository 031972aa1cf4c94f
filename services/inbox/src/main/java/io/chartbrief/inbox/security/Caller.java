package io.chartbrief.inbox.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The authenticated clinician of a request.
 *
 * @param subject      token {@code sub}
 * @param practitioner practitioner identifier from the configured claim ({@code value} or {@code system|value}),
 *                     null when the token has none
 * @param units        units from the configured claim
 */
public record Caller(String subject, String practitioner, List<String> units) {

    /** Recipient key of a practitioner identifier ({@code value} or {@code system|value}). */
    public static String practitionerKey(String identifier) {
        return "p:" + identifier.trim();
    }

    /** Recipient key of a unit (case-insensitive). */
    public static String unitKey(String unit) {
        return "u:" + unit.trim().toUpperCase(Locale.ROOT);
    }

    /** The recipient keys this caller matches. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (practitioner != null && !practitioner.isBlank()) {
            keys.add(practitionerKey(practitioner));
        }
        units.forEach(u -> keys.add(unitKey(u)));
        return keys;
    }

    /** Whether an item with these recipient keys is routed to this caller. */
    public boolean sees(List<String> recipients) {
        return keys().stream().anyMatch(recipients::contains);
    }
}
