package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.remote.ChatCompletionsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesARemoteModelServerWithTheSameOptionsAsSummarize() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of(SummarizeCommandTest.PATIENT_A), data.resolve("a.json"));
        Path report = dir.resolve("report.json");
        String label;
        try (ChatCompletionsServer server = new ChatCompletionsServer()) {
            label = "medgemma-27b-it at 127.0.0.1:" + server.baseUrl().getPort();
            CliRun run = CliRun.of("eval", data.toString(), "--engine", "remote", "--url", server.baseUrl().toString(),
                    "--model", "medgemma-27b-it", "--json", report.toString());
            assertThat(run.exit).as(run.err()).isZero();
            assertThat(run.out()).contains("engine remote (" + label + ")").contains("verified   a.json");
            assertThat(server.requests()).hasSize(1);
        }
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("engine").asText()).isEqualTo("remote");
        assertThat(json.path("model").asText()).isEqualTo(label);
    }

    @Test
    void reportsEveryPatientAndSkipsJunkWithTheReason() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/nested"));
        Files.copy(Path.of(SummarizeCommandTest.PATIENT_A), dir.resolve("data/a.json"));
        Files.copy(Path.of(SummarizeCommandTest.PATIENT_B), data.resolve("b.json"));
        Files.writeString(dir.resolve("data/junk.json"), "not json at all");
        Files.writeString(dir.resolve("data/readme.txt"), "ignored: not *.json");
        Path report = dir.resolve("out/report.json");

        CliRun run = CliRun.of("eval", dir.resolve("data").toString(), "--engine", "extractive", "--json",
                report.toString());

        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.out())
                .contains("engine extractive")
                .contains("verified   a.json: 10/10 items supported, coverage 1.00 (problems 2/2, medications 1/1, allergies 1/1)")
                .contains("nested/b.json: 4/4 items supported, coverage 1.00 (problems 1/1, medications 1/1, allergies 0/0)")
                .contains("skipped  junk.json: not JSON")
                .doesNotContain("readme")
                .contains("overall: 2 patients (1 skipped, 0 failed); 2/2 verified; items 14 supported, 0 unsupported "
                        + "(0 contradicted, 0 not verifiable) of 14; "
                        + "coverage 1.00 (6/6)");

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("engine").asText()).isEqualTo("extractive");
        assertThat(json.path("patients")).hasSize(2);
        assertThat(json.path("skipped")).hasSize(1);
        assertThat(json.path("skipped").get(0).path("reason").asText()).isEqualTo("not JSON");
        JsonNode overall = json.path("overall");
        assertThat(overall.path("patients").asInt()).isEqualTo(2);
        assertThat(overall.path("verifiedPatients").asInt()).isEqualTo(2);
        assertThat(overall.path("supported").asInt()).isEqualTo(14);
        assertThat(overall.path("unsupported").asInt()).isZero();
        assertThat(overall.path("coverageShare").asDouble()).isEqualTo(1.0);
        assertThat(overall.path("coverage").path("medications").path("expected").asInt()).isEqualTo(2);
        JsonNode first = json.path("patients").get(0);
        assertThat(first.path("file").asText()).isEqualTo("a.json");
        assertThat(first.path("verification").asText()).isEqualTo("verified");
        assertThat(first.has("latencyMs")).isTrue();
    }

    @Test
    void aDirectoryWithoutPatientsFails() throws Exception {
        Files.writeString(dir.resolve("x.json"), "{\"resourceType\":\"Patient\",\"id\":\"x\"}");
        CliRun run = CliRun.of("eval", dir.toString(), "--engine", "extractive");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out()).contains("skipped  x.json: not a patient Bundle (resourceType Patient)");
        assertThat(run.err()).contains("no patient Bundle found");
    }

    @Test
    void notADirectory() {
        CliRun run = CliRun.of("eval", dir.resolve("nope").toString());
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err().trim()).endsWith("nope: not a directory");
    }

    /** Optional: the extractive engine over the Synthea corpus verifies fully and covers every active entry. */
    @Test
    void syntheaCorpusVerifiesAndIsFullyCovered() throws Exception {
        Path synthea = Path.of(System.getProperty("chartbrief.corpus", "../../../shared/corpus"), "fhir", "synthea");
        if (!Files.isDirectory(synthea)) {
            System.out.println("[cli] corpus not found at " + synthea.toAbsolutePath().normalize()
                    + ": skipping the eval corpus test");
            return;
        }
        Path report = dir.resolve("corpus.json");
        CliRun run = CliRun.of("eval", synthea.toString(), "--engine", "extractive", "--json", report.toString());
        assertThat(run.exit).as(run.err()).isZero();
        JsonNode overall = new ObjectMapper().readTree(report.toFile()).path("overall");
        assertThat(overall.path("patients").asInt()).isGreaterThanOrEqualTo(20);
        assertThat(overall.path("verifiedPatients").asInt()).isEqualTo(overall.path("patients").asInt());
        assertThat(overall.path("unsupported").asInt()).isZero();
        assertThat(overall.path("coverageShare").asDouble()).isEqualTo(1.0);
        System.out.println("[cli] eval corpus: " + run.out().lines().reduce((a, b) -> b).orElse(""));
    }
}
