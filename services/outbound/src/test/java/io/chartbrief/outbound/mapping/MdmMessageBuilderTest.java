package io.chartbrief.outbound.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.chartbrief.interop.summary.SummaryDocument;
import io.chartbrief.interop.summary.SummaryDocumentReader;
import io.chartbrief.outbound.SummaryDocuments;
import io.chartbrief.outbound.SummaryDocuments.SummaryRecord;
import io.chartbrief.outbound.config.OutboundConfig;
import io.chartbrief.outbound.service.Delivery;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The MDM message of a summary, read back by HAPI's parser. */
class MdmMessageBuilderTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:30:00Z");

    @Test
    void anOidAuthorityTravelsAsUniversalIdAndAReplacementNamesItsParent() throws Exception {
        SummaryDocument doc = read(SummaryDocuments.admission("extractive", NOW));
        Patient patient = (Patient) doc.resource(doc.patient());
        patient.getIdentifier().clear();
        patient.addIdentifier(new Identifier().setSystem("urn:oid:2.16.840.1.113883.3.1").setValue("778899"));

        Terser t = parse(builder(Map.of()).build(new Delivery("s-2", doc, "verified", "s-1", "CBX0000000000000001", 1), NOW));

        assertThat(t.get("/MSH-9-2")).isEqualTo("T10");
        assertThat(t.get("/MSH-7-1")).isEqualTo("20261102093000+0000");
        assertThat(t.get("/PID-3-1")).isEqualTo("778899");
        assertThat(t.get("/PID-3-4-2")).isEqualTo("2.16.840.1.113883.3.1");
        assertThat(t.get("/PID-3-4-3")).isEqualTo("ISO");
        assertThat(t.get("/TXA-12-1")).isEqualTo("s-2");
        assertThat(t.get("/TXA-13-1")).isEqualTo("s-1");
        assertThat(t.get("/TXA-13-2")).isEqualTo("CHARTBRIEF");
    }

    @Test
    void aPatientWithoutIdentifiersIsNamedByChartbriefsIdAndTheSettingsReachTheMessage() throws Exception {
        SummaryDocument doc = read(SummaryDocuments.admission("extractive", NOW));
        ((Patient) doc.resource(doc.patient())).getIdentifier().clear();

        Terser t = parse(builder(Map.of("chartbrief.outbound.mdm.document-type", "DS",
                "chartbrief.outbound.mdm.receiving-application", "EPIC", "chartbrief.outbound.mdm.include-evidence", "false"))
                .build(new Delivery("s-1", doc, "verified", null, "CBX0000000000000002", 1), NOW));

        assertThat(t.get("/MSH-9-2")).isEqualTo("T02");
        assertThat(t.get("/MSH-5-1")).isEqualTo("EPIC");
        assertThat(t.get("/PID-3-1")).isEqualTo(doc.patient().substring("Patient/".length()));
        assertThat(t.get("/PID-3-4-1")).isEqualTo("CHARTBRIEF");
        assertThat(t.get("/TXA-2")).isEqualTo("DS");
        assertThat(t.get("/TXA-13-1")).isNull();
        assertThat(t.getSegment("/TXA").getMessage().encode()).doesNotContain("Evidence cited");
    }

    private static SummaryDocument read(SummaryRecord summary) throws Exception {
        return new SummaryDocumentReader().read(summary.json(), summary.key(), null);
    }

    private static MdmMessageBuilder builder(Map<String, String> settings) {
        // Quarkus's duration syntax ("30s") as the service reads it.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OutboundConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).withDefaultValues(settings).build();
        return new MdmMessageBuilder(config.getConfigMapping(OutboundConfig.class).mdm());
    }

    private static Terser parse(String er7) throws Exception {
        try (HapiContext hapi = new DefaultHapiContext(ValidationContextFactory.noValidation())) {
            Message message = hapi.getPipeParser().parse(er7);
            return new Terser(message);
        }
    }
}
