package io.chartbrief.inbox.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the CDS Hooks services read and write in schema {@code inbox}: which patient (and encounter) an EHR's
 * identifiers name, the patient's current summary, and the EHR's card feedback.
 */
@ApplicationScoped
public class CdsStore {

    private final DataSource dataSource;

    public CdsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A card's outcome as the EHR reported it. */
    public record Feedback(String service, String clientIssuer, String card, String outcome, Instant outcomeTimestamp,
            String overrideReasonJson, String acceptedSuggestionsJson) {
    }

    /**
     * The distinct patient keys of items carrying any of these identifiers ({@code system|value}); more than one
     * means the identifiers are ambiguous.
     */
    public List<String> patientsWithIdentifiers(List<String> identifiers) throws SQLException {
        return distinct("SELECT DISTINCT patient FROM inbox.item WHERE patient_identifiers && ? LIMIT 5", identifiers,
                null);
    }

    /** The distinct encounters of a patient's items carrying any of these identifiers. */
    public List<String> encountersWithIdentifiers(String patient, List<String> identifiers) throws SQLException {
        return distinct("SELECT DISTINCT encounter FROM inbox.item WHERE encounter_identifiers && ? AND patient = ? "
                + "AND encounter IS NOT NULL LIMIT 5", identifiers, patient);
    }

    /** Whether any item (current or superseded) belongs to the patient. */
    public boolean knowsPatient(String patient) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM inbox.item WHERE patient = ? LIMIT 1")) {
            ps.setString(1, patient);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The newest current (not superseded) summary of the patient — of the encounter when one is given — that the
     * verifier did not reject as a whole (verification {@code unverified}).
     */
    public Optional<InboxStore.ItemDetail> currentSummary(String patient, String encounter) throws SQLException {
        String sql = "SELECT " + InboxStore.COLUMNS + ", content::text, evidence::text FROM inbox.item WHERE patient = ? "
                + "AND superseded_by IS NULL AND verification IS DISTINCT FROM 'unverified'"
                + (encounter == null ? "" : " AND encounter = ?") + " ORDER BY document_time DESC, created_at DESC LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, patient);
            if (encounter != null) {
                ps.setString(2, encounter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new InboxStore.ItemDetail(InboxStore.item(rs), rs.getString("content"),
                        rs.getString("evidence"))) : Optional.empty();
            }
        }
    }

    /** Stores one feedback entry. */
    public void feedback(Feedback feedback) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO inbox.cds_feedback (id, service, client_issuer, "
                        + "card, outcome, outcome_timestamp, override_reason, accepted_suggestions) VALUES (?, ?, ?, ?, ?, ?, "
                        + "?::jsonb, ?::jsonb)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, feedback.service());
            ps.setString(3, feedback.clientIssuer());
            ps.setString(4, feedback.card());
            ps.setString(5, feedback.outcome());
            ps.setTimestamp(6, feedback.outcomeTimestamp() == null ? null : Timestamp.from(feedback.outcomeTimestamp()));
            ps.setString(7, feedback.overrideReasonJson());
            ps.setString(8, feedback.acceptedSuggestionsJson());
            ps.executeUpdate();
        }
    }

    private List<String> distinct(String sql, List<String> identifiers, String patient) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", identifiers.toArray()));
            if (patient != null) {
                ps.setString(2, patient);
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }
}
