package io.chartbrief.inbox.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which database failures are the record's fault (dead-letter) and which are an outage (fail the channel). */
class SummaryConsumerTest {

    @Test
    void dataAndIntegrityErrorsAreTheRecordsFault() {
        assertThat(SummaryConsumer.isDataError(new SQLException("NUL in text", "22021"))).isTrue();
        assertThat(SummaryConsumer.isDataError(new SQLException("duplicate", "23505"))).isTrue();
    }

    @Test
    void outagesAndUnknownStatesFailTheChannel() {
        assertThat(SummaryConsumer.isDataError(new SQLException("connection failure", "08006"))).isFalse();
        assertThat(SummaryConsumer.isDataError(new SQLException("admin shutdown", "57P01"))).isFalse();
        assertThat(SummaryConsumer.isDataError(new SQLException("pool closed"))).isFalse();
    }

    @Test
    void bundleIdIsReadOnlyFromABundle() {
        assertThat(SummaryConsumer.bundleId("{\"resourceType\":\"Bundle\",\"id\":\"s-1\"}")).isEqualTo("s-1");
        assertThat(SummaryConsumer.bundleId("{\"resourceType\":\"Patient\",\"id\":\"p-1\"}")).isNull();
        assertThat(SummaryConsumer.bundleId("{\"resourceType\":\"Bundle\",")).isNull();
        assertThat(SummaryConsumer.bundleId(null)).isNull();
    }
}
