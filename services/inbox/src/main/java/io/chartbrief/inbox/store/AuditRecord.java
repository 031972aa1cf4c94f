package io.chartbrief.inbox.store;

import io.chartbrief.audit.AuditEntry;

/**
 * One access to inbox items, stored in {@code inbox.audit_event}: its FHIR AuditEvent ({@code resource}, relayed to
 * {@code ehr.audit}) and the inbox's own columns next to it.
 *
 * @param event              the AuditEvent (subtype, action, outcome, subject and patient are taken from it)
 * @param outcomeDescription what happened, in the inbox's words ({@code success}, {@code not-found-or-not-routed},
 *                           {@code read}, {@code acknowledged}, {@code cds-hooks card}, {@code list})
 * @param practitioner       the caller's practitioner claim, or the EHR user a hook names (may be null)
 * @param clientAddress      the client address (first X-Forwarded-For hop when present)
 * @param source             observing system ({@code chartbrief-inbox}, {@code chartbrief-inbox cds-hooks})
 * @param item               the requested item id, as requested; null for a list call
 */
public record AuditRecord(AuditEntry event, String outcomeDescription, String practitioner, String clientAddress,
        String source, String item) {
}
