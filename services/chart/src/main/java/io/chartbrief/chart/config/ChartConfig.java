package io.chartbrief.chart.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Chart service settings ({@code chartbrief.chart.*}); defaults documented in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.chart")
public interface ChartConfig {

    Trigger trigger();

    /** Summary request triggers. */
    interface Trigger {
        /**
         * How long after an inpatient admission was applied its summary request is published, so that results
         * arriving with the admission are in the chart first. {@code 0s} publishes on the next scheduler tick.
         */
        @WithDefault("30s")
        Duration settleWindow();

        /** Most due triggers published per scheduler tick (the scheduler runs every second). */
        @WithDefault("200")
        int batchSize();

        /** How long to wait for the broker to acknowledge a summary request (scheduler and on-demand POST). */
        @WithDefault("30s")
        Duration brokerAckTimeout();
    }
}
