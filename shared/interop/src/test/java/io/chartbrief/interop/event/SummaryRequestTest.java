package io.chartbrief.interop.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.interop.event.SummaryRequest.InvalidRequestException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@code ehr.summary.requests} value as the chart writes it and the summarizer reads it (docs/architecture.md). */
class SummaryRequestTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant AT = Instant.parse("2026-03-01T10:14:33.120Z");

    @Test
    void writesTheDocumentedJsonExactly() {
        assertThat(new SummaryRequest(UUID.fromString(ID), "Patient/p1", "Encounter/e1", SummaryRequest.ADMISSION, AT)
                .toJson()).isEqualTo("{\"requestId\":\"" + ID + "\",\"patient\":\"Patient/p1\",\"encounter\":\"Encounter/e1\","
                        + "\"reason\":\"admission\",\"requestedAt\":\"2026-03-01T10:14:33.120Z\"}");
        // An on-demand request of a patient without encounters: encounter is written as null, not left out.
        assertThat(new SummaryRequest(UUID.fromString(ID), "Patient/p1", null, SummaryRequest.ON_DEMAND,
                Instant.parse("2026-03-01T10:14:33Z")).toJson())
                .isEqualTo("{\"requestId\":\"" + ID + "\",\"patient\":\"Patient/p1\",\"encounter\":null,"
                        + "\"reason\":\"on-demand\",\"requestedAt\":\"2026-03-01T10:14:33Z\"}");
    }

    @Test
    void whatTheChartWritesTheSummarizerReadsBack() throws Exception {
        for (SummaryRequest written : new SummaryRequest[] {
                new SummaryRequest(UUID.randomUUID(), "Patient/p-1", "Encounter/e.1", SummaryRequest.ADMISSION, AT),
                new SummaryRequest(UUID.randomUUID(), "Patient/p-1", null, SummaryRequest.ON_DEMAND, AT),
                new SummaryRequest(UUID.randomUUID(), "Patient/p-1", "Encounter/e1", SummaryRequest.CANCELLED,
                        Instant.now())}) {
            assertThat(SummaryRequest.parse(written.patient(), written.toJson())).isEqualTo(written);
        }
    }

    @Test
    void parsesTheDocumentedRecordAndIgnoresUnknownFields() throws Exception {
        SummaryRequest r = SummaryRequest.parse("Patient/p1", "{\"requestId\":\"" + ID + "\",\"patient\":\"Patient/p1\","
                + "\"encounter\":\"Encounter/e1\",\"reason\":\"admission\",\"requestedAt\":\"2026-01-01T00:00:00Z\",\"x\":{}}");
        assertThat(r).isEqualTo(new SummaryRequest(UUID.fromString(ID), "Patient/p1", "Encounter/e1", "admission",
                Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(r.patientId()).isEqualTo("p1");
        assertThat(r.cancelled()).isFalse();
    }

    @Test
    void toleratesMissingOptionalFields() throws Exception {
        SummaryRequest r = SummaryRequest.parse("Patient/p2", "{\"requestId\":\"" + ID + "\",\"encounter\":null}");
        assertThat(r.patient()).isEqualTo("Patient/p2");
        assertThat(r.encounter()).isNull();
        assertThat(r.reason()).isEqualTo(SummaryRequest.ON_DEMAND);
        assertThat(r.requestedAt()).isNull();
        assertThat(SummaryRequest.parse(null, "{\"requestId\":\" " + ID + " \",\"patient\":\"p3\",\"reason\":\"CANCELLED\"}"))
                .satisfies(c -> {
                    assertThat(c.patient()).isEqualTo("Patient/p3");
                    assertThat(c.cancelled()).isTrue();
                });
        // A time with an offset is the same instant; an unreadable time is no reason to drop the request.
        assertThat(SummaryRequest.parse("Patient/p", "{\"requestId\":\"" + ID + "\",\"requestedAt\":\"2026-01-01T01:00:00+01:00\"}")
                .requestedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(SummaryRequest.parse("Patient/p", "{\"requestId\":\"" + ID + "\",\"requestedAt\":\"yesterday\"}")
                .requestedAt()).isNull();
        assertThat(SummaryRequest.parse("Patient/p", "{\"requestId\":\"" + ID + "\",\"encounter\":\"\",\"reason\":\"\"}"))
                .satisfies(e -> {
                    assertThat(e.encounter()).isNull();
                    assertThat(e.reason()).isEqualTo(SummaryRequest.ON_DEMAND);
                });
    }

    @Test
    void rejectsWhatCannotBeProcessedWithAReasonFreeOfPatientData() {
        assertThatThrownBy(() -> SummaryRequest.parse("k", "")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("empty request value");
        assertThatThrownBy(() -> SummaryRequest.parse("k", "{not json Patient/secret"))
                .hasMessage("request value is not JSON");
        assertThatThrownBy(() -> SummaryRequest.parse("k", "[1]")).hasMessage("request value is not a JSON object");
        assertThatThrownBy(() -> SummaryRequest.parse("Patient/p", "{\"patient\":\"Patient/p\"}"))
                .hasMessage("requestId missing");
        assertThatThrownBy(() -> SummaryRequest.parse("Patient/p", "{\"requestId\":\"nope\"}"))
                .hasMessage("requestId is not a UUID");
        assertThatThrownBy(() -> SummaryRequest.parse(null, "{\"requestId\":\"" + ID + "\"}"))
                .hasMessage("patient missing or not Patient/<id>");
        assertThatThrownBy(() -> SummaryRequest.parse("Patient/p", "{\"requestId\":\"" + ID + "\",\"encounter\":\"Encounter/a b\"}"))
                .hasMessage("encounter is not Encounter/<id>");
    }
}
