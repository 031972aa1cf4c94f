package io.chartbrief.chart.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Read side of the chart (plain JDBC, autocommit reads). */
@ApplicationScoped
public class ChartQueries {

    /** A stored resource: type, id and its JSON text. */
    public record StoredResource(String type, String id, String json) {
    }

    private final DataSource dataSource;

    public ChartQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The chart id answering for {@code patientId}: the survivor of a merge, or the id itself; empty when that
     * chart holds no Patient resource (unknown patient).
     */
    public Optional<String> knownPatient(String patientId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String survivor = ChartStore.resolvePatient(c, patientId);
            return ChartStore.patientExists(c, survivor) ? Optional.of(survivor) : Optional.empty();
        }
    }

    public boolean hasResource(String patientId, String type, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chart.resource "
                        + "WHERE patient_id = ? AND resource_type = ? AND resource_id = ?")) {
            ps.setString(1, patientId);
            ps.setString(2, type);
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The patient's current resources, ordered by type and id.
     *
     * @param types only these resource types (empty: all)
     * @param since only resources whose event time (else the time they were stored) is at or after it; may be null
     */
    public List<StoredResource> chart(String patientId, Collection<String> types, Instant since)
            throws SQLException {
        return chartPage(patientId, types, since, 0, Integer.MAX_VALUE).resources();
    }

    /** One page of a chart: its resources and how many the whole chart (with the same filters) has. */
    public record ChartPage(List<StoredResource> resources, int total) {
    }

    /**
     * A page of {@link #chart}: {@code count} resources from {@code offset} in the same order (type, id), and the
     * total, in one query.
     */
    public ChartPage chartPage(String patientId, Collection<String> types, Instant since, int offset, int count)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT resource_type, resource_id, body::text, count(*) OVER () "
                + "FROM chart.resource WHERE patient_id = ?");
        if (!types.isEmpty()) {
            sql.append(" AND resource_type = ANY (?)");
        }
        if (since != null) {
            sql.append(" AND COALESCE(event_time, updated_at) >= ?");
        }
        sql.append(" ORDER BY resource_type, resource_id OFFSET ? LIMIT ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, patientId);
            if (!types.isEmpty()) {
                ps.setArray(i++, c.createArrayOf("text", types.toArray(new String[0])));
            }
            if (since != null) {
                ps.setObject(i++, since.atOffset(ZoneOffset.UTC));
            }
            ps.setInt(i++, offset);
            ps.setInt(i, count);
            List<StoredResource> out = new ArrayList<>();
            int total = -1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredResource(rs.getString(1), rs.getString(2), rs.getString(3)));
                    total = rs.getInt(4);
                }
            }
            if (total < 0) {
                // past the last page (or nothing matches): the total needs its own count
                total = offset == 0 ? 0 : chartPage(patientId, types, since, 0, Integer.MAX_VALUE).total();
            }
            return new ChartPage(out, total);
        }
    }

    /** Patient resources whose identifier list contains {@code identifierJson} (jsonb containment). */
    public List<StoredResource> patientsByIdentifier(String identifierJson) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT DISTINCT ON (resource_id) resource_type, resource_id, body::text FROM chart.resource
                        WHERE resource_type = 'Patient' AND body -> 'identifier' @> ?::jsonb
                        ORDER BY resource_id, (patient_id = resource_id) DESC, event_time DESC NULLS LAST""")) {
            ps.setString(1, "[" + identifierJson + "]");
            return read(ps);
        }
    }

    /** The id of the patient's encounter with the latest period.start (text order of ISO dates), if any. */
    public Optional<String> newestEncounterId(String patientId) throws SQLException {
        List<StoredResource> encounters = chart(patientId, List.of("Encounter"), null);
        return EncounterOrder.newestFirst(encounters).stream().findFirst().map(StoredResource::id);
    }

    private static List<StoredResource> read(PreparedStatement ps) throws SQLException {
        List<StoredResource> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredResource(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
