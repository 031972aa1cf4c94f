package io.chartbrief.inbox.service;

import io.chartbrief.inbox.security.Caller;
import io.chartbrief.inbox.store.InboxItem;
import io.chartbrief.inbox.store.InboxStore;
import io.chartbrief.inbox.store.InboxStore.Filter;
import io.chartbrief.inbox.store.InboxStore.ItemDetail;
import io.chartbrief.inbox.store.InboxStore.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a clinician may do with inbox items — list them, open one, mark it read, acknowledge it — each checked against
 * the items' recipients and audited ({@link AuditTrail}), allowed or not, in this one place. An item not routed to the
 * caller answers like a missing one (empty), so its existence does not leak.
 */
@ApplicationScoped
public class ItemAccess {

    private final InboxStore store;
    private final AuditTrail audit;
    private final InboxMetrics metrics;

    public ItemAccess(InboxStore store, AuditTrail audit, InboxMetrics metrics) {
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * The caller's items (routed to their practitioner identifier or units) by {@code filter}; audited as a search,
     * one AuditEvent per patient on the page.
     *
     * @param parameters the names of the query parameters of the call (recorded; their values are not)
     */
    public Page list(Caller caller, String clientAddress, Filter filter, List<String> parameters) throws SQLException {
        Page page = caller.keys().isEmpty() ? new Page(List.of(), 0)
                : store.list(caller.keys(), caller.subject(), filter);
        audit.list(caller, clientAddress, page.items().stream().map(InboxItem::patient).toList(), parameters);
        return page;
    }

    /** The item with its document and evidence, if routed to the caller; audited as a read. */
    public Optional<ItemDetail> open(Caller caller, String clientAddress, String id) throws SQLException {
        Optional<ItemDetail> detail = find(id, caller);
        boolean allowed = detail.isPresent() && caller.sees(detail.get().item().recipients());
        audit.read(caller, clientAddress, id, detail.map(d -> d.item().patient()).orElse(null), allowed);
        metrics.read(allowed ? "success" : "denied");
        return allowed ? detail : Optional.empty();
    }

    /** Marks the item read, if routed to the caller; audited as an update. */
    public Optional<InboxItem> markRead(Caller caller, String clientAddress, String id) throws SQLException {
        return change(caller, clientAddress, id, "read");
    }

    /** Acknowledges the item (implies read), if routed to the caller; audited as an update. */
    public Optional<InboxItem> acknowledge(Caller caller, String clientAddress, String id) throws SQLException {
        return change(caller, clientAddress, id, "acknowledged");
    }

    private Optional<InboxItem> change(Caller caller, String clientAddress, String id, String change)
            throws SQLException {
        Optional<ItemDetail> detail = find(id, caller);
        Optional<InboxItem> updated = Optional.empty();
        if (detail.isPresent() && caller.sees(detail.get().item().recipients())) {
            UUID uuid = detail.get().item().id();
            updated = "read".equals(change) ? store.markRead(uuid, caller.subject())
                    : store.markAcknowledged(uuid, caller.subject());
        }
        audit.update(caller, clientAddress, id, detail.map(d -> d.item().patient()).orElse(null), updated.isPresent(),
                change);
        return updated;
    }

    private Optional<ItemDetail> find(String id, Caller caller) throws SQLException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return store.find(uuid, caller.subject());
    }
}
