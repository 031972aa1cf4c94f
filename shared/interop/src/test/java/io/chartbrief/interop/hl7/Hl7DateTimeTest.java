package io.chartbrief.interop.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Hl7DateTimeTest {

    @Test
    void keepsPrecision() {
        assertThat(Hl7DateTime.parse("2024").fhir()).isEqualTo("2024");
        assertThat(Hl7DateTime.parse("202403").fhir()).isEqualTo("2024-03");
        assertThat(Hl7DateTime.parse("20240301").fhir()).isEqualTo("2024-03-01");
        assertThat(Hl7DateTime.parse("2024030112").fhir()).isEqualTo("2024-03-01T12:00:00Z");
        assertThat(Hl7DateTime.parse("202403011234").fhir()).isEqualTo("2024-03-01T12:34:00Z");
        assertThat(Hl7DateTime.parse("20240301123456.1234").fhir()).isEqualTo("2024-03-01T12:34:56.123Z");
    }

    @Test
    void appliesOffsetAndReadsMissingOffsetAsUtc() {
        Hl7DateTime withOffset = Hl7DateTime.parse("20190423150137+0215");
        assertThat(withOffset.fhir()).isEqualTo("2019-04-23T15:01:37+02:15");
        assertThat(withOffset.instant()).isEqualTo(Instant.parse("2019-04-23T12:46:37Z"));
        assertThat(Hl7DateTime.parse("20240301120000-0000").fhir()).isEqualTo("2024-03-01T12:00:00+00:00");
        assertThat(Hl7DateTime.parse("20240301120000").instant()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(Hl7DateTime.parse("202402210152-0500").date()).isEqualTo("2024-02-21");
    }

    @Test
    void rejectsInvalidValues() {
        for (String bad : new String[] {"", "DOB", "February 2 2024", "20241301", "20240230", "2024030125",
                "2024030112345", "20240301120000+99", "20240301120000+1500", "2004062916460000"}) {
            assertThat(Hl7DateTime.parse(bad)).as(bad).isNull();
        }
    }
}
