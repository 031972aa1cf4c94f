package io.chartbrief.inbox.service;

import io.chartbrief.inbox.security.Caller;
import io.chartbrief.inbox.store.AuditRecord;
import io.chartbrief.inbox.store.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;

/**
 * Records accesses to inbox items in {@code inbox.audit_event} (FHIR AuditEvent-shaped: type {@code rest}, subtype
 * read/update, agent = token subject + practitioner, source = this service, entity = item + patient, outcome).
 * Denied and not-found accesses are recorded too, with outcome 4.
 */
@ApplicationScoped
public class AuditTrail {

    /** AuditEvent.source.observer of this service. */
    public static final String SOURCE = "chartbrief-inbox";

    private final InboxStore store;

    public AuditTrail(InboxStore store) {
        this.store = store;
    }

    /** A read of an item's detail. */
    public void read(Caller caller, String clientAddress, String item, String patient, boolean success) throws SQLException {
        store.audit(new AuditRecord("read", "R", success, success ? "success" : "not-found-or-not-routed",
                caller.subject(), caller.practitioner(), clientAddress, SOURCE, item, patient));
    }

    /** A state change ({@code read}/{@code ack}) of an item. */
    public void update(Caller caller, String clientAddress, String item, String patient, boolean success,
            String change) throws SQLException {
        store.audit(new AuditRecord("update", "U", success, success ? change : "not-found-or-not-routed",
                caller.subject(), caller.practitioner(), clientAddress, SOURCE, item, patient));
    }

    /**
     * A CDS Hooks card showing an item: agent = the EHR's client id ({@code sub}) and the EHR user the hook names,
     * source = this service's CDS Hooks endpoint.
     */
    public void cdsRead(String clientSubject, String ehrUser, String clientAddress, String item, String patient)
            throws SQLException {
        store.audit(new AuditRecord("read", "R", true, "cds-hooks card", clientSubject, ehrUser, clientAddress,
                SOURCE + " cds-hooks", item, patient));
    }
}
