package io.chartbrief.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FhirFormatTest {

    @Test
    void formatParameterWinsOverAccept() {
        assertThat(FhirFormat.negotiate("json", "application/fhir+xml")).contains(FhirFormat.JSON);
        assertThat(FhirFormat.negotiate("xml", "application/fhir+json")).contains(FhirFormat.XML);
        assertThat(FhirFormat.negotiate("application/fhir+xml", null)).contains(FhirFormat.XML);
        // an unencoded '+' arrives as a space
        assertThat(FhirFormat.negotiate("application/fhir xml", null)).contains(FhirFormat.XML);
        assertThat(FhirFormat.negotiate("turtle", null)).isEmpty();
        assertThat(FhirFormat.lenient("turtle", "application/fhir+xml")).isEqualTo(FhirFormat.JSON);
    }

    @Test
    void acceptChoosesByQualityAndATieGoesToJson() {
        assertThat(FhirFormat.negotiate(null, null)).contains(FhirFormat.JSON);
        assertThat(FhirFormat.negotiate(null, "application/fhir+xml")).contains(FhirFormat.XML);
        assertThat(FhirFormat.negotiate(null, "application/fhir+xml;q=1.0, application/fhir+json;q=1.0"))
                .contains(FhirFormat.JSON);
        assertThat(FhirFormat.negotiate(null, "application/fhir+json;q=0.4, application/xml")).contains(FhirFormat.XML);
        assertThat(FhirFormat.negotiate(null, "*/*")).contains(FhirFormat.JSON);
    }
}
