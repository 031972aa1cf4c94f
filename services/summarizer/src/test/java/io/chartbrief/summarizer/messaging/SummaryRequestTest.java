package io.chartbrief.summarizer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.summarizer.messaging.SummaryRequest.InvalidRequestException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SummaryRequestTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void parsesTheDocumentedRecordAndIgnoresUnknownFields() throws Exception {
        SummaryRequest r = SummaryRequest.parse("Patient/p1", "{\"requestId\":\"" + ID + "\",\"patient\":\"Patient/p1\","
                + "\"encounter\":\"Encounter/e1\",\"reason\":\"admission\",\"requestedAt\":\"2026-01-01T00:00:00Z\",\"x\":{}}");
        assertThat(r).isEqualTo(new SummaryRequest(UUID.fromString(ID), "Patient/p1", "Encounter/e1", "admission",
                "2026-01-01T00:00:00Z"));
        assertThat(r.patientId()).isEqualTo("p1");
        assertThat(r.cancelled()).isFalse();
    }

    @Test
    void toleratesMissingOptionalFields() throws Exception {
        SummaryRequest r = SummaryRequest.parse("Patient/p2", "{\"requestId\":\"" + ID + "\",\"encounter\":null}");
        assertThat(r.patient()).isEqualTo("Patient/p2");
        assertThat(r.encounter()).isNull();
        assertThat(r.reason()).isEqualTo("on-demand");
        assertThat(SummaryRequest.parse(null, "{\"requestId\":\"" + ID + "\",\"patient\":\"p3\",\"reason\":\"CANCELLED\"}"))
                .satisfies(c -> {
                    assertThat(c.patient()).isEqualTo("Patient/p3");
                    assertThat(c.cancelled()).isTrue();
                });
    }

    @Test
    void rejectsWhatCannotBeProcessed() {
        assertThatThrownBy(() -> SummaryRequest.parse("k", "")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> SummaryRequest.parse("k", "[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SummaryRequest.parse("Patient/p", "{\"requestId\":\"nope\"}"))
                .hasMessageContaining("not a UUID");
        assertThatThrownBy(() -> SummaryRequest.parse(null, "{\"requestId\":\"" + ID + "\"}"))
                .hasMessageContaining("patient");
        assertThatThrownBy(() -> SummaryRequest.parse("Patient/p", "{\"requestId\":\"" + ID + "\",\"encounter\":\"Encounter/a b\"}"))
                .hasMessageContaining("encounter");
    }
}
