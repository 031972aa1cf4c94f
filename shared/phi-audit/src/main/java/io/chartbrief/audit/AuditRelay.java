package io.chartbrief.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the audit table's unpublished rows to {@code ehr.audit} (channel {@code ehr-audit}; key = patient
 * reference, value = the AuditEvent JSON) on its own thread, so a slow or absent broker never delays a read. Each
 * drain claims up to {@code batch-size} rows ({@code FOR UPDATE SKIP LOCKED}: replicas share the work), publishes
 * them, waits for the broker's acknowledgement and only then marks them published in the same transaction — a
 * failure rolls back and the rows are published again next time: at least once, never silently lost.
 */
@ApplicationScoped
public class AuditRelay {

    private static final Logger LOG = Logger.getLogger(AuditRelay.class);

    private final DataSource dataSource;
    private final AuditConfig config;
    private final MutinyEmitter<String> emitter;
    private final AuditMetrics metrics;
    private final String claim;
    private final String markPublished;
    private final String backlog;
    private ScheduledExecutorService executor;
    private boolean failing;

    public AuditRelay(DataSource dataSource, AuditConfig config, AuditMetrics metrics,
            @Channel("ehr-audit") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> emitter) {
        this.dataSource = dataSource;
        this.config = config;
        this.emitter = emitter;
        this.metrics = metrics;
        String table = AuditRecorder.table(config);
        String unpublished = " WHERE published_at IS NULL AND resource IS NOT NULL";
        this.claim = "SELECT id, entity_patient, resource::text FROM " + table + unpublished
                + " ORDER BY recorded LIMIT ? FOR UPDATE SKIP LOCKED";
        this.markPublished = "UPDATE " + table + " SET published_at = now() WHERE id = ANY(?)";
        this.backlog = "SELECT count(*), min(recorded) FROM " + table + unpublished;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, config.relay().interval().toMillis());
        executor.scheduleWithFixedDelay(this::drainQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // The scheduled task must never die: a thrown exception would stop every later drain.
            failed(e);
        }
    }

    /**
     * Publishes unpublished rows, batch after batch, until none is left or one batch failed.
     *
     * @return how many rows were published
     */
    public int drain() {
        int published = 0;
        while (true) {
            int batch;
            try {
                batch = drainBatch();
            } catch (SQLException | RuntimeException e) {
                failed(e);
                break;
            }
            if (batch == 0) {
                break; // nothing published: says nothing about a broker that was failing
            }
            published += batch;
            boolean probe = failing;
            if (failing) {
                LOG.info("ehr.audit publishing resumed");
                failing = false;
            }
            metrics.lastDrainFailed(false);
            if (!probe && batch < config.relay().batchSize()) {
                break;
            }
        }
        countBacklog();
        return published;
    }

    private int drainBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<UUID> ids = new ArrayList<>();
                List<Uni<Void>> acks = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(claim)) {
                    // While publishing fails, one row probes the broker: a whole batch would only fail the same way
                    // (and the connector logs every failed record).
                    ps.setInt(1, failing ? 1 : config.relay().batchSize());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                            OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                                    .withKey(rs.getString(2)).build();
                            acks.add(emitter.sendMessage(Message.of(rs.getString(3)).addMetadata(key)));
                        }
                    }
                }
                if (!ids.isEmpty()) {
                    Uni.join().all(acks).andFailFast().await().atMost(config.relay().publishTimeout());
                    try (PreparedStatement ps = c.prepareStatement(markPublished)) {
                        Array array = c.createArrayOf("uuid", ids.toArray());
                        ps.setArray(1, array);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                metrics.published(ids.size());
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void countBacklog() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(backlog);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            java.sql.Timestamp oldest = rs.getTimestamp(2);
            metrics.backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        } catch (SQLException e) {
            // The next drain counts again; the failure itself is what the drain reports.
            LOG.debugf("audit backlog not counted: %s", e.getClass().getSimpleName());
        }
    }

    private void failed(Exception e) {
        metrics.publishFailed(e);
        if (!failing) {
            // Once per failure streak: a broker outage must not flood the log. No PHI: the class name only.
            LOG.warnf("ehr.audit publishing failed (%s); the events stay in the audit table and are retried",
                    e.getClass().getSimpleName());
            failing = true;
        }
    }
}
