package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
