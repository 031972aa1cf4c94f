package io.chartbrief.inbox.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The inbox's change notifications (PostgreSQL {@code LISTEN/NOTIFY} on channel {@value #CHANNEL}). The item
 * transaction announces the new item's id; PostgreSQL delivers it to every listening replica only once that
 * transaction committed, in commit order. The payload is the item id only (36 characters, never PHI): listeners
 * load the item and the items it superseded by id. All methods work on a caller-supplied connection (the
 * listener's dedicated one, or the item transaction's).
 */
public final class ItemChanges {

    /** The notification channel. */
    public static final String CHANNEL = "inbox_item";

    private ItemChanges() {
    }

    /** A stored item and the items its transaction superseded (oldest first). */
    public record Change(InboxItem item, List<InboxItem> superseded) {
    }

    /** Queues the notification for item {@code id}; it is sent when (and only if) the transaction commits. */
    static void announce(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, id.toString());
            ps.execute();
        }
    }

    /**
     * Loads the changes of the given item ids, in the order given; ids no longer stored are skipped. The superseded
     * items of an item are those whose {@code superseded_by} is that item: an item marks older items only in its own
     * transaction (an item stored already superseded points at an older one and replaces nothing).
     */
    public static List<Change> load(Connection c, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> wanted = new HashSet<>(ids);
        Map<UUID, InboxItem> items = new LinkedHashMap<>();
        Map<UUID, List<InboxItem>> superseded = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + InboxStore.COLUMNS + " FROM inbox.item "
                + "WHERE id = ANY(?) OR superseded_by = ANY(?) ORDER BY created_at, id")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    InboxItem item = InboxStore.item(rs);
                    if (wanted.contains(item.id())) {
                        items.put(item.id(), item);
                    }
                    if (item.supersededBy() != null && wanted.contains(item.supersededBy())) {
                        superseded.computeIfAbsent(item.supersededBy(), k -> new ArrayList<>()).add(item);
                    }
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        for (UUID id : ids) {
            InboxItem item = items.get(id);
            if (item != null) {
                changes.add(new Change(item, superseded.getOrDefault(id, List.of())));
            }
        }
        return changes;
    }

    /** Ids of the items created at or after {@code since}, oldest first. */
    public static List<UUID> createdSince(Connection c, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM inbox.item WHERE created_at >= ? ORDER BY created_at, id")) {
            ps.setTimestamp(1, Timestamp.from(since));
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** The database server's clock (the clock {@code created_at} is written with). */
    public static Instant databaseTime(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
