package io.chartbrief.inbox.service;

import io.chartbrief.audit.AuditRecorder;
import io.chartbrief.inbox.security.Caller;
import io.chartbrief.inbox.store.AuditRecord;
import io.chartbrief.inbox.store.InboxStore;
import io.chartbrief.interop.audit.PhiAccess;
import io.chartbrief.interop.audit.PhiAccess.Interaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Records accesses to inbox items in {@code inbox.audit_event}, each as a FHIR AuditEvent (IHE BALP shape, built by
 * {@link AuditRecorder}; relayed to {@code ehr.audit}) with the inbox's columns next to it: item detail reads,
 * list calls (one event per patient on the page), read/ack changes and CDS Hooks cards. Denied and not-found
 * accesses are recorded too, with outcome 4. The row is written before the answer goes out; when it cannot be,
 * the call fails (no audit, no PHI).
 */
@ApplicationScoped
public class AuditTrail {

    /** AuditEvent.source.observer of this service. */
    public static final String SOURCE = "chartbrief-inbox";

    private final InboxStore store;
    private final AuditRecorder recorder;

    public AuditTrail(InboxStore store, AuditRecorder recorder) {
        this.store = store;
        this.recorder = recorder;
    }

    /** A read of an item's detail. */
    public void read(Caller caller, String clientAddress, String item, String patient, boolean success) throws SQLException {
        PhiAccess access = access(caller, clientAddress, Interaction.READ, "GET /api/inbox/{id}", patient, List.of(),
                success ? 200 : 404);
        write(List.of(record(access, success ? "success" : "not-found-or-not-routed", caller.practitioner(),
                clientAddress, SOURCE, item)));
    }

    /** A state change ({@code read}/{@code ack}) of an item. */
    public void update(Caller caller, String clientAddress, String item, String patient, boolean success,
            String change) throws SQLException {
        String operation = "POST /api/inbox/{id}/" + ("read".equals(change) ? "read" : "ack");
        PhiAccess access = access(caller, clientAddress, Interaction.UPDATE, operation, patient, List.of(),
                success ? 200 : 404);
        write(List.of(record(access, success ? change : "not-found-or-not-routed", caller.practitioner(),
                clientAddress, SOURCE, item)));
    }

    /**
     * A list call: one AuditEvent per patient whose items it answered (BALP's rule for a query's results), or one
     * naming no patient when it answered none. Query parameters by name only ({@code patient=} is a reference, but
     * the names are enough to tell what was asked).
     */
    public void list(Caller caller, String clientAddress, Collection<String> patients, List<String> parameters)
            throws SQLException {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(patients));
        if (distinct.isEmpty()) {
            distinct.add(null);
        }
        List<AuditRecord> records = new ArrayList<>();
        for (String patient : distinct) {
            records.add(record(access(caller, clientAddress, Interaction.SEARCH, "GET /api/inbox", patient,
                    parameters, 200), "list", caller.practitioner(), clientAddress, SOURCE, null));
        }
        write(records);
    }

    /**
     * A CDS Hooks card showing an item: agent = the EHR's client id ({@code sub}) and the EHR user the hook names,
     * source = this service's CDS Hooks endpoint.
     */
    public void cdsRead(String clientSubject, String ehrUser, String clientAddress, String item, String patient)
            throws SQLException {
        PhiAccess access = new PhiAccess(Interaction.READ, clientSubject, null, List.of(), clientAddress, patient,
                null, "POST /cds-services/{id}", List.of(), 200);
        write(List.of(record(access, "cds-hooks card", ehrUser, clientAddress, SOURCE + " cds-hooks", item)));
    }

    private static PhiAccess access(Caller caller, String clientAddress, Interaction interaction, String operation,
            String patient, List<String> parameters, int status) {
        return new PhiAccess(interaction, caller.subject(), null, List.of(), clientAddress, patient, null, operation,
                parameters, status);
    }

    private AuditRecord record(PhiAccess access, String description, String practitioner, String clientAddress,
            String source, String item) {
        return new AuditRecord(recorder.entry(access), description, practitioner, clientAddress, source, item);
    }

    private void write(List<AuditRecord> records) throws SQLException {
        store.audit(records);
        records.forEach(r -> recorder.counted(r.event().access()));
    }
}
