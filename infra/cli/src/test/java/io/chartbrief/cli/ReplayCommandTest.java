package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chartbrief replay}'s error paths: a one-line reason on stderr and the documented exit status. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingInputFileIsAUsageError() {
        Path missing = dir.resolve("no-such.hl7");
        CliRun run = CliRun.of("replay", "--mllp", "localhost:2575", missing.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err()).contains("replay: no such file or directory: " + missing);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMalformedTargetIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("a.hl7"), "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r");
        CliRun run = CliRun.of("replay", "--mllp", "localhost", file.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err()).contains("replay: expected HOST:PORT, got 'localhost'");
    }

    @Test
    void anUnreachableReceiverExitsWithStatus3() throws Exception {
        Path file = Files.writeString(dir.resolve("a.hl7"), "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of("replay", "--mllp", "localhost:" + port, "--timeout", "2", file.toString());
        assertThat(run.exit).isEqualTo(3);
        assertThat(run.err()).contains("replay: cannot connect to MLLP localhost:" + port);
    }

    @Test
    void anUnreachableKafkaExitsWithStatus3NamingTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("a.hl7"), "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of("replay", "--kafka", "localhost:" + port, "--timeout", "2", file.toString());
        assertThat(run.exit).isEqualTo(3);
        assertThat(run.err()).contains("replay: Kafka did not acknowledge the write of " + file)
                .contains("not present in metadata");
    }

    @Test
    void noTargetIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("a.hl7"), "MSH|^~\\&|A\r");
        CliRun run = CliRun.of("replay", file.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err()).contains("--mllp");
    }
}
