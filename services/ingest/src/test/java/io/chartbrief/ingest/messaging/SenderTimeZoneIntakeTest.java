package io.chartbrief.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.ingest.Fixtures;
import io.chartbrief.ingest.mllp.MllpListener;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * A feed's configured time zone reaches {@code ehr.events} through the real MLLP listener, broker and normalizer:
 * its offset-less admit, collection and event times are its local times (issue 13 point 1), another feed keeps
 * the default.
 */
@QuarkusTest
@TestProfile(SenderTimeZoneIntakeTest.DenverLab.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class SenderTimeZoneIntakeTest {

    /** The GOODHEALTH lab writes Denver time; everything else is read in the default, Chicago. */
    public static class DenverLab implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chartbrief.ingest.hl7.time-zones.\"LAB^GOODHEALTH\"", "America/Denver",
                    "chartbrief.ingest.hl7.default-time-zone", "America/Chicago");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MllpListener listener;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final IParser json = FhirContexts.r4().newJsonParser();

    @Test
    void theLabsOffsetLessTimesAreDenverTimeAndTheAdtFeedsChicagoTime() throws Exception {
        String lab = "TZ-LAB-" + UUID.randomUUID();
        String adt = "TZ-ADT-" + UUID.randomUUID();
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            assertThat(client.send(Fixtures.oruR01(lab, "MRN-" + lab))).contains("MSA|AA|" + lab);
            assertThat(client.send(Fixtures.adtA01(adt, "MRN-" + adt))).contains("MSA|AA|" + adt);
        }
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            Bundle results = event(kafka, lab);
            Observation potassium = results.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Observation.class::isInstance).map(Observation.class::cast)
                    .filter(o -> "2823-3".equals(o.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
            // OBX-14 20260301113000 in Denver (MST, -07:00): 18:30 UTC, written with its offset
            assertThat(potassium.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-03-01T11:30:00-07:00");
            assertThat(results.getTimestamp().toInstant()).isEqualTo(Instant.parse("2026-03-01T19:00:00Z"));

            Bundle admission = event(kafka, adt);
            Encounter encounter = admission.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Encounter.class::isInstance).map(Encounter.class::cast).findFirst().orElseThrow();
            // PV1-44 20260301100000 from ADT1^GOODHEALTH: no feed setting, no MSH-7 offset → Chicago (CST, -06:00)
            assertThat(encounter.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-03-01T10:00:00-06:00");
        }
    }

    private Bundle event(KafkaTestClient kafka, String controlId) {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.EVENTS, TIMEOUT,
                r -> controlId.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
        return json.parseResource(Bundle.class, record.value());
    }
}
