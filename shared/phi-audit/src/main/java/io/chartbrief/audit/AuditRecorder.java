package io.chartbrief.audit;

import io.chartbrief.interop.audit.BalpAuditEvent;
import io.chartbrief.interop.audit.PhiAccess;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records PHI reads: builds each read's AuditEvent ({@link BalpAuditEvent}) and stores it in the service's audit
 * table ({@code chartbrief.audit.table}) in the read's own path, before the answer goes out. A read whose audit
 * cannot be stored is not answered (the {@link SQLException} reaches the caller as a 500): no audit, no PHI.
 * Kafka is never touched here; {@link AuditRelay} publishes the rows to {@code ehr.audit}.
 */
@ApplicationScoped
public class AuditRecorder {

    static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    private final DataSource dataSource;
    private final String service;
    private final String insert;
    private final MeterRegistry registry;

    public AuditRecorder(DataSource dataSource, AuditConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.service = service;
        this.registry = registry;
        this.insert = "INSERT INTO " + table(config) + " (id, recorded, type, subtype, action, outcome, outcome_desc, "
                + "agent_subject, source, entity_patient, resource) VALUES (?, ?, 'rest', ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
    }

    /** The AuditEvent of {@code access}, observed by this service now (not stored). */
    public AuditEntry entry(PhiAccess access) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return new AuditEntry(id, now, access, BalpAuditEvent.json(id, service, now, access));
    }

    /** This service's name: AuditEvent.source.observer and the server agent. */
    public String service() {
        return service;
    }

    /** Stores the AuditEvent of one access. */
    public void record(PhiAccess access) throws SQLException {
        record(List.of(access));
    }

    /** Stores the AuditEvents of several accesses (one per patient of a search) in one batch. */
    public void record(List<PhiAccess> accesses) throws SQLException {
        if (accesses.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            for (PhiAccess access : accesses) {
                bind(ps, entry(access), service);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        accesses.forEach(this::counted);
    }

    /** Counts a stored event (for a service that stores through its own statement, as the inbox does). */
    public void counted(PhiAccess access) {
        registry.counter("chartbrief.audit.events.recorded", "outcome",
                BalpAuditEvent.outcome(access.status()).toCode()).increment();
    }

    /**
     * Binds the common audit columns, parameters 1–10 in the order id, recorded, subtype, action, outcome,
     * outcome_desc, agent_subject, source, entity_patient, resource (JSON text).
     */
    public static void bind(PreparedStatement ps, AuditEntry entry, String service) throws SQLException {
        PhiAccess access = entry.access();
        ps.setObject(1, UUID.fromString(entry.id()));
        ps.setTimestamp(2, Timestamp.from(entry.recorded()));
        ps.setString(3, access.interaction().code());
        ps.setString(4, access.interaction().action());
        ps.setString(5, entry.outcome());
        ps.setString(6, "HTTP " + access.status());
        ps.setString(7, access.subject());
        ps.setString(8, service);
        ps.setString(9, BalpAuditEvent.patientReference(access.patientKey()));
        ps.setString(10, entry.json());
    }

    static String table(AuditConfig config) {
        if (!TABLE.matcher(config.table()).matches()) {
            throw new IllegalArgumentException("chartbrief.audit.table must be schema.table, was " + config.table());
        }
        return config.table();
    }
}
