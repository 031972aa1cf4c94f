package io.chartbrief.interop.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLetterStageTest {

    /** Operators' filters, dashboards and the re-drive table use these values: they are the contract. */
    @Test
    void wireValuesAreTheOnesOperatorsSelectBy() {
        assertThat(Arrays.stream(DeadLetterStage.values()).map(DeadLetterStage::wireValue)).containsExactly(
                "normalize-hl7v2", "normalize-fhir", "chart-apply", "summarize", "inbox", "outbound");
    }

    @Test
    void aHeaderValueNamesItsStageAndAnUnknownOneNone() {
        assertThat(DeadLetterStage.ofWireValue("chart-apply")).contains(DeadLetterStage.CHART_APPLY);
        assertThat(DeadLetterStage.ofWireValue("CHART_APPLY")).isEmpty();
        assertThat(DeadLetterStage.ofWireValue(null)).isEmpty();
        assertThat(DeadLetterStage.SUMMARIZE).hasToString("summarize");
    }
}
