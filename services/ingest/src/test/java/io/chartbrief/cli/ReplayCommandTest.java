package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.ingest.mllp.MllpListener;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code chartbrief replay} against the real ingest service and broker. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ReplayCommandTest {

    @Inject
    MllpListener listener;

    @TestHTTPResource("/fhir/r4")
    URL fhirBase;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int replay(String... args) {
        CommandLine cli = new CommandLine(new ChartbriefCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "replay";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.execute(full);
    }

    @Test
    void replaysADirectoryOverMllpAndReportsEachAck() throws IOException {
        Files.writeString(dir.resolve("1-admission.hl7"), Fixtures.adtA01("RPL-" + UUID.randomUUID(), "MRN-R1").replace('\r', '\n'));
        Files.writeString(dir.resolve("2-no-control-id.hl7"), Fixtures.withoutControlId());
        Files.writeString(dir.resolve("3-results.hl7"), Fixtures.oruR01("RPL-" + UUID.randomUUID(), "MRN-R1"));
        Files.writeString(dir.resolve("4-patient.json"), Fixtures.fhirPatient("p-r1", "MRN-R1"));

        int exit = replay("--mllp", "localhost:" + listener.port(), dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines()).contains(
                dir.resolve("1-admission.hl7") + ": AA",
                dir.resolve("3-results.hl7") + ": AA",
                dir.resolve("4-patient.json") + ": skipped (FHIR JSON; use --fhir or --kafka)",
                "replayed 4 file(s): AA=2 AR=1 skipped=1");
        assertThat(out.toString()).contains(dir.resolve("2-no-control-id.hl7") + ": AR MSH-10");
    }

    @Test
    void replaysFhirToTheRestEndpointWithAToken() throws IOException {
        Path file = dir.resolve("patient.json");
        Files.writeString(file, Fixtures.fhirPatient(UUID.randomUUID().toString(), "MRN-R2"));
        String token = Jwt.issuer("https://chartbrief.local/issuer").subject("engine").groups(Set.of("ingest"))
                .expiresIn(300).sign();

        assertThat(replay("--fhir", fhirBase.toString(), "--token", token, file.toString())).isZero();
        assertThat(out.toString()).contains(file + ": 202").contains("replayed 1 file(s): 202=1");

        out.getBuffer().setLength(0);
        assertThat(replay("--fhir", fhirBase.toString(), file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(file + ": 401");
    }

    @Test
    void replaysStraightOntoTheInboundTopicsAndTheNormalizerPicksItUp() throws IOException {
        String controlId = "RPL-K-" + UUID.randomUUID();
        Path file = dir.resolve("admission.hl7");
        Files.writeString(file, Fixtures.adtA01(controlId, "MRN-R3"));

        assertThat(replay("--kafka", bootstrapServers, file.toString())).as("%s", err).isZero();
        assertThat(out.toString()).contains(file + ": written");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            var event = kafka.awaitRecord(Topics.EVENTS, Duration.ofSeconds(30),
                    r -> controlId.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
            assertThat(event.key()).startsWith("Patient/");
        }
    }

    @Test
    void anUnreachableTargetIsExit3WithAMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = dir.resolve("a.hl7");
        Files.writeString(file, Fixtures.adtA01("X", "Y"));
        assertThat(replay("--mllp", "localhost:" + closedPort, file.toString())).isEqualTo(3);
        assertThat(err.toString()).startsWith("replay: cannot connect to MLLP localhost:" + closedPort);
    }
}
