package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.cli.stack.LocalStack;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chartbrief up} refuses a port that is taken, naming it and the option that moves it, before starting anything. */
class UpCommandTest {

    @TempDir
    Path runDir;

    @AfterEach
    void clearHome() {
        System.clearProperty("chartbrief.home");
    }

    @Test
    void aTakenPostgresPortIsReportedWithItsOptionAndStatus1() throws Exception {
        System.setProperty("chartbrief.home", Path.of("../..").toAbsolutePath().normalize().toString());
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("up", "--no-build", "--run-dir", runDir.toString(), "--postgres-port=" + port);
            assertThat(run.exit).isEqualTo(1);
            assertThat(run.err()).contains("up: port " + port + " (PostgreSQL) is already in use")
                    .contains("--postgres-port");
            assertThat(run.out()).doesNotContain("ready");
        }
    }

    @Test
    void mdmToWantsHostAndPort() throws Exception {
        System.setProperty("chartbrief.home", Path.of("../..").toAbsolutePath().normalize().toString());
        CliRun run = CliRun.of("up", "--no-build", "--run-dir", runDir.toString(), "--mdm-to", "interface-engine");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err()).contains("up: --mdm-to wants HOST:PORT");
        assertThat(UpCommand.mdmTarget("engine.example.org:6661")).containsEntry("chartbrief.outbound.mdm.enabled", "true")
                .containsEntry("chartbrief.outbound.mdm.host", "engine.example.org")
                .containsEntry("chartbrief.outbound.mdm.port", "6661");
    }

    @Test
    void replicasWantOneToFour() throws Exception {
        System.setProperty("chartbrief.home", Path.of("../..").toAbsolutePath().normalize().toString());
        for (String wrong : new String[] {"0", "5"}) {
            CliRun run = CliRun.of("up", "--no-build", "--run-dir", runDir.toString(), "--replicas", wrong);
            assertThat(run.exit).as(wrong).isEqualTo(2);
            assertThat(run.err()).contains("up: --replicas wants 1 to 4, not " + wrong);
        }
    }

    @Test
    void aReplicaNamesItsService() {
        assertThat(LocalStack.serviceOf("chart-2")).isEqualTo("chart");
        assertThat(LocalStack.serviceOf("summarizer-3")).isEqualTo("summarizer");
        assertThat(LocalStack.serviceOf("inbox")).isEqualTo("inbox");
        assertThat(LocalStack.serviceOf("kafka")).isEqualTo("kafka");
    }

    @Test
    void mdmToAlsoRunsTheOutboundServiceOnItsPort() throws Exception {
        System.setProperty("chartbrief.home", Path.of("../..").toAbsolutePath().normalize().toString());
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("up", "--no-build", "--run-dir", runDir.toString(), "--mdm-to", "localhost:6661",
                    "--postgres-port=" + free(), "--kafka-port=" + free(), "--ingest-port=" + free(),
                    "--mllp-port=" + free(), "--chart-port=" + free(), "--summarizer-port=" + free(),
                    "--inbox-port=" + free(), "--outbound-port=" + port);
            assertThat(run.exit).isEqualTo(1);
            assertThat(run.err()).contains("up: port " + port + " (outbound HTTP) is already in use")
                    .contains("--outbound-port");
        }
    }

    private static int free() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
