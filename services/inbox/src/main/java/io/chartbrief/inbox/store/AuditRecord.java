package io.chartbrief.inbox.store;

/**
 * One access to an inbox item, stored FHIR AuditEvent-shaped in {@code inbox.audit_event}.
 *
 * @param subtype       {@code read} or {@code update}
 * @param action        AuditEvent.action: {@code R} or {@code U}
 * @param success       outcome 0 (success) or 4 (minor failure: denied / not found)
 * @param subject       the token subject
 * @param practitioner  the caller's practitioner claim (may be null)
 * @param clientAddress the client address (first X-Forwarded-For hop when present)
 * @param source        observing system ({@code chartbrief-inbox})
 * @param item          the requested item id, as requested
 * @param patient       the item's patient, when the item exists
 */
public record AuditRecord(String subtype, String action, boolean success, String outcomeDescription, String subject,
        String practitioner, String clientAddress, String source, String item, String patient) {
}
