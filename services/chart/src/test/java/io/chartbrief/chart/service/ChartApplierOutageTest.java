package io.chartbrief.chart.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.chart.ChartTestSupport;
import io.chartbrief.chart.Hl7Fixtures;
import io.chartbrief.chart.config.ChartConfig;
import io.chartbrief.interop.event.NormalizedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A database outage is never a bad record: the applier throws (the consumer waits and applies the same records
 * again; see DatabaseOutageTest) instead of answering Rejected (which would dead-letter and skip the record). Bad
 * records are rejected without touching the database.
 */
class ChartApplierOutageTest {

    private static final DataSource DOWN = new DataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLTransientConnectionException("connection refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    };

    private static final ChartConfig CONFIG = () -> new ChartConfig.Trigger() {
        @Override
        public Duration settleWindow() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int batchSize() {
            return 200;
        }

        @Override
        public boolean noteUpdates() {
            return true;
        }

        @Override
        public int maxNoteUpdates() {
            return 20;
        }

        @Override
        public Duration noteUpdateWindow() {
            return Duration.ofDays(30);
        }

        @Override
        public Duration brokerAckTimeout() {
            return Duration.ofSeconds(30);
        }
    };

    private final ChartApplier applier = new ChartApplier(DOWN, new ObjectMapper(), CONFIG, new SimpleMeterRegistry());

    @Test
    void databaseOutageIsThrownNotDeadLettered() {
        NormalizedEvent event = ChartTestSupport.hl7(Hl7Fixtures.oru("C1", "MRN1", "R1", "5.0", "20260301120000"));
        IncomingEvent record = new IncomingEvent(event.patientKey(), ChartTestSupport.value(event),
                ChartTestSupport.headers(event), "ehr.events", 0, 7);
        assertThatThrownBy(() -> applier.apply(record)).isInstanceOf(ChartApplier.ChartUnavailableException.class)
                .hasMessageContaining("08001");
    }

    @Test
    void badRecordsAreRejectedWithoutTheDatabase() {
        assertThat(applier.apply(new IncomingEvent("Patient/x", "{oops", null, "ehr.events", 0, 1)))
                .isEqualTo(new ApplyOutcome.Rejected("invalid JSON"));
        assertThat(applier.apply(new IncomingEvent("Patient/x", "[]", null, "ehr.events", 0, 2)))
                .isEqualTo(new ApplyOutcome.Rejected("value is not a FHIR Bundle"));
        assertThat(applier.apply(new IncomingEvent("Patient/x", "{\"resourceType\":\"Bundle\",\"entry\":[]}", null,
                "ehr.events", 0, 3))).isEqualTo(new ApplyOutcome.Rejected("Bundle has no entries"));
        assertThat(applier.apply(new IncomingEvent("Patient/x", "{\"resourceType\":\"Bundle\",\"entry\":"
                + "[{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"bad id!\"}}]}", null, "ehr.events", 0, 4)))
                .isEqualTo(new ApplyOutcome.Rejected("entry 0 (Observation) has no valid resource id"));
    }
}
