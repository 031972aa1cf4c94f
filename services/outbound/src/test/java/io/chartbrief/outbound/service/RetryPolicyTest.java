package io.chartbrief.outbound.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.outbound.service.WriteBackConnector.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theBackoffDoublesUpToItsCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 10);
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.backoffAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffAfter(60)).isEqualTo(Duration.ofSeconds(30));
    }
}
