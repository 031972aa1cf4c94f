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

        /**
         * Whether a clinical note created or changed after an admission's summary was requested (an H&amp;P signed
         * hours after the ADT^A01, a replacement, a note entered in error) asks for a new summary of that admission,
         * published one settle window after the note; notes arriving meanwhile join it.
         */
        @WithDefault("true")
        boolean noteUpdates();

        /** Most re-summaries one admission gets from notes (bounds model work on a chatty document feed). */
        @WithDefault("20")
        int maxNoteUpdates();

        /** Admissions admitted longer ago than this get no re-summary from notes. */
        @WithDefault("720h")
        Duration noteUpdateWindow();

        /** How long to wait for the broker to acknowledge a summary request (scheduler and on-demand POST). */
        @WithDefault("30s")
        Duration brokerAckTimeout();
    }
}
