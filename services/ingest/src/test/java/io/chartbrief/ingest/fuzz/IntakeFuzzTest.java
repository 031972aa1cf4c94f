package io.chartbrief.ingest.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.ingest.mllp.MllpFrameDecoder;
import io.chartbrief.ingest.mllp.MllpListener;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.HealthWatch;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes both intakes of a running ingest: thousands of mutated HL7 v2 messages over real MLLP and mutated FHIR
 * bodies over REST, plus NUL, invalid UTF-8, oversized and deeply nested cases. Every answer must be an ACK
 * (AA/AR, AE only for "receiver busy") or a 2xx/4xx with an OperationOutcome — never a 5xx, never a hang; liveness
 * and readiness stay UP throughout, the heap stays roughly flat, and good messages sent afterwards are accepted
 * and reach {@code ehr.events} through the normalizer (which had to get through everything accepted before).
 *
 * <p>{@code -Dchartbrief.fuzz.iterations=N} sets the number of HL7 messages (FHIR bodies: N/3);
 * {@code -Dchartbrief.fuzz.seed=S} the seed (fixed by default, so a failure reproduces).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class IntakeFuzzTest {

    private static final Logger LOG = Logger.getLogger(IntakeFuzzTest.class);
    private static final int ITERATIONS = Integer.getInteger("chartbrief.fuzz.iterations", 3_000);
    private static final long SEED = Long.getLong("chartbrief.fuzz.seed", 18L);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    /** Allowed growth of the used heap (after GC) over the whole run. */
    private static final long HEAP_GROWTH_BYTES = 128L * 1024 * 1024;

    @Inject
    MllpListener listener;

    @TestHTTPResource("/q/health")
    URL health;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void badInputIsAnsweredAndContainedAndGoodInputStillFlows() throws Exception {
        Random random = new Random(SEED);
        Hl7Mutator hl7 = new Hl7Mutator(hl7Seeds(), random);
        FhirMutator fhir = new FhirMutator(fhirSeeds(), random);
        String token = Fixtures.intakeToken();
        sendGoodAdmissions("WARMUP", 3, token); // warm up before measuring the heap
        long heapBefore = usedHeapAfterGc();

        try (HealthWatch watch = new HealthWatch(URI.create(health.toString()), Duration.ofMillis(500))) {
            Mllp mllp = new Mllp();
            try {
                for (int i = 0; i < ITERATIONS; i++) {
                    mllp.send(hl7.next());
                }
                for (byte[] special : specialHl7()) {
                    mllp.send(special);
                }
            } finally {
                mllp.close();
            }
            for (int i = 0; i < ITERATIONS / 3; i++) {
                FhirMutator.Request request = fhir.next();
                post(request.path(), request.contentType(), request.body(), token);
            }
            for (byte[] special : specialFhir()) {
                post("/fhir/r4", "application/fhir+json", special, token);
            }
            LOG.infof("fuzz outcomes (seed %d, %d HL7, %d FHIR): %s", SEED, ITERATIONS, ITERATIONS / 3, outcomes);

            sendGoodAdmissions("AFTER", 10, token);
            assertThat(watch.liveNotUp()).as("liveness samples not UP").isEmpty();
            assertThat(watch.readyNotUp()).as("readiness samples not UP").isEmpty();
            assertThat(watch.samples()).isNotEmpty();
        }
        long heapAfter = usedHeapAfterGc();
        assertThat(heapAfter - heapBefore).as("heap growth over the run (bytes)").isLessThan(HEAP_GROWTH_BYTES);
        assertThat(listener.bufferedBytes()).isZero();
        assertThat(outcomes).containsKeys("AA", "AR", "400", "413", "415", "422");
        assertThat(outcomes.keySet()).as("some mutated FHIR bodies still accepted").containsAnyOf("201", "202");
    }

    /** Ten admissions over MLLP and one FHIR Patient each: accepted, and normalized onto ehr.events. */
    private void sendGoodAdmissions(String label, int count, String token) throws Exception {
        String run = label + "-" + UUID.randomUUID();
        List<String> controlIds = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        try (MllpClient client = new MllpClient("localhost", listener.port(), ANSWER_TIMEOUT)) {
            for (int i = 0; i < count; i++) {
                String controlId = run + "-" + i;
                assertThat(client.send(Fixtures.adtA01(controlId, "MRN-" + controlId))).contains("MSA|AA|" + controlId);
                controlIds.add(controlId);
            }
        }
        for (int i = 0; i < count; i++) {
            String patient = UUID.randomUUID().toString();
            given().auth().oauth2(token).contentType("application/fhir+json")
                    .body(Fixtures.fhirPatient(patient, "MRN-" + run + "-" + i))
                    .post("/fhir/r4/Patient").then().statusCode(201);
            patients.add("Patient/" + patient);
        }
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            assertThat(kafka.awaitRecords(Topics.EVENTS, count, Duration.ofSeconds(180),
                    r -> controlIds.contains(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)))).hasSize(count);
            assertThat(kafka.awaitRecords(Topics.EVENTS, count, Duration.ofSeconds(60),
                    r -> patients.contains(r.key()))).hasSize(count);
        }
    }

    private void post(String path, String contentType, byte[] body, String token) {
        RequestSpecification request = given().auth().oauth2(token).body(body);
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        Response response = request.post(path);
        int status = response.statusCode();
        count(Integer.toString(status));
        assertThat(status).as("HTTP status for %d bytes to %s", body.length, path).isBetween(200, 499);
        // 200: an accepted transaction/batch gets its response Bundle; every other answer is an OperationOutcome
        assertThat(response.asString()).as("body of a %d", status).contains(status == 200
                ? "\"resourceType\":\"Bundle\"" : "\"resourceType\":\"OperationOutcome\"");
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** One MLLP connection at a time; reopened when ingest closes it (oversized frame). */
    private final class Mllp {
        private MllpClient client;

        void send(byte[] payload) throws IOException {
            if (client == null) {
                client = new MllpClient("localhost", listener.port(), ANSWER_TIMEOUT, StandardCharsets.ISO_8859_1);
            }
            byte[] frame = new byte[payload.length + 3];
            frame[0] = MllpFrameDecoder.START_BLOCK;
            System.arraycopy(payload, 0, frame, 1, payload.length);
            frame[frame.length - 2] = MllpFrameDecoder.END_BLOCK;
            frame[frame.length - 1] = MllpFrameDecoder.CARRIAGE_RETURN;
            String ack;
            try {
                client.rawOutput().write(frame);
                client.rawOutput().flush();
                ack = client.readFrame(); // a SocketTimeoutException here is a hang
            } catch (java.net.SocketException | java.io.EOFException e) {
                // ingest answers an oversized frame with AR and closes; the ACK may race the close
                assertThat(payload.length).as("connection closed on a %d-byte message", payload.length)
                        .isGreaterThan(4_194_304);
                count("closed");
                close();
                return;
            }
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("MSA\\|(AA|AE|AR)\\|").matcher(ack);
            assertThat(code.find()).as("ACK for a %d-byte message: %s", payload.length, ack).isTrue();
            count(code.group(1));
            if (!"AA".equals(code.group(1))) {
                assertThat(ack).contains("ERR|").doesNotContain("internal error");
            }
            if ("AE".equals(code.group(1))) {
                assertThat(ack).as("AE only when the receiver is busy").contains("receiver busy");
            }
            if (payload.length > 4_194_304) {
                close(); // ingest closes after an oversized frame
            }
        }

        void close() throws IOException {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }

    private static List<byte[]> specialHl7() {
        String adt = Fixtures.adtA01("SPECIAL-" + UUID.randomUUID(), "MRN-S");
        List<byte[]> cases = new ArrayList<>();
        cases.add("MSH|^~\\&".getBytes(StandardCharsets.US_ASCII));
        cases.add(new byte[0]);
        cases.add(new byte[] {0, 0, 0});
        cases.add(adt.replace("TESTPATIENT", "TEST\u0000PATIENT").getBytes(StandardCharsets.UTF_8));
        byte[] invalidUtf8 = adt.getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length / 2] = (byte) 0xFF;
        cases.add(invalidUtf8);
        cases.add(Fixtures.oruWithTwinObx("TWINS-" + UUID.randomUUID(), "MRN-S", 8_000).getBytes(StandardCharsets.UTF_8));
        cases.add(Fixtures.oruWithTwinObx("TOOMANY-" + UUID.randomUUID(), "MRN-S", 10_001).getBytes(StandardCharsets.UTF_8));
        cases.add((adt + "OBX|1|NM|X^Y^L||" + "9".repeat(1_000_000) + "\r").getBytes(StandardCharsets.UTF_8));
        cases.add((adt + "NTE|1||" + "n".repeat(2_100_000) + "\r").getBytes(StandardCharsets.UTF_8));
        cases.add((adt + "OBX|1|ST|X^Y^L||" + "~".repeat(6_000) + "\r").getBytes(StandardCharsets.UTF_8));
        cases.add((adt + "Z".repeat(4_200_000)).getBytes(StandardCharsets.UTF_8)); // over max-message-bytes
        return cases;
    }

    private static List<byte[]> specialFhir() {
        List<byte[]> cases = new ArrayList<>();
        cases.add(FhirMutator.utf8("{\"resourceType\":\"Patient\",\"id\":\"p\",\"extension\":" + "[".repeat(1_500_000)
                + "]".repeat(1_500_000) + "}"));
        cases.add(FhirMutator.utf8("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{},".repeat(999_999) + "{}]}"));
        cases.add(FhirMutator.utf8("{\"resourceType\":\"Patient\",\"id\":\"p\",\"name\":["
                + "{\"family\":\"T\"},".repeat(399_999) + "{\"family\":\"T\"}]}"));
        cases.add(FhirMutator.utf8("{\"resourceType\":\"Patient\",\"id\":\"a\\u0000b\"}"));
        cases.add(new byte[] {'{', (byte) 0xC3, '(', '}'});
        cases.add(new byte[] {0, 0, 0, 0});
        cases.add(new byte[11 * 1024 * 1024]); // over max-body-bytes
        cases.add(FhirMutator.utf8("{\"resourceType\":\"Observation\",\"id\":\"o\",\"valueQuantity\":{\"value\":"
                + "1".repeat(100_000) + "}}"));
        return cases;
    }

    private static List<String> hl7Seeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(Fixtures.adtA01("SEED-1", "MRN-1"), Fixtures.oruR01("SEED-2",
                "MRN-2")));
        seeds.addAll(samples("hl7v2"));
        return seeds;
    }

    private static List<String> fhirSeeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(Fixtures.fhirPatient("seed-p", "MRN-3"),
                Fixtures.fhirTransaction(UUID.nameUUIDFromBytes(new byte[] {1}).toString(),
                        UUID.nameUUIDFromBytes(new byte[] {2}).toString())));
        seeds.addAll(samples("fhir"));
        return seeds;
    }

    /** The demo's sample files, when the module is built inside the repository. */
    private static List<String> samples(String folder) throws IOException {
        Path dir = Path.of("../../infra/samples", folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                out.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
