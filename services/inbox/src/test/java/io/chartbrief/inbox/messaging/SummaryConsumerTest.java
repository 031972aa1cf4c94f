package io.chartbrief.inbox.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Bundle id fallback. (Which database failures are an outage and which the record's fault: DatabaseFailureTest in
 * shared/database-outage; the consumer under a real outage: DatabaseOutageTest.)
 */
class SummaryConsumerTest {

    @Test
    void bundleIdIsReadOnlyFromABundle() {
        assertThat(SummaryConsumer.bundleId("{\"resourceType\":\"Bundle\",\"id\":\"s-1\"}")).isEqualTo("s-1");
        assertThat(SummaryConsumer.bundleId("{\"resourceType\":\"Patient\",\"id\":\"p-1\"}")).isNull();
        assertThat(SummaryConsumer.bundleId("{\"resourceType\":\"Bundle\",")).isNull();
        assertThat(SummaryConsumer.bundleId(null)).isNull();
    }
}
