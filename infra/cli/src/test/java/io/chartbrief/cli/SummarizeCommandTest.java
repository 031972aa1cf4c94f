package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.testsupport.GemmaGguf;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryJson;
import io.chartbrief.summary.model.VerificationStatus;
import io.chartbrief.summary.remote.ChatCompletionsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizeCommandTest {

    static final String PATIENT_A = "src/test/resources/bundles/patient-a.json";
    static final String PATIENT_B = "src/test/resources/bundles/patient-b.json";
    static final String P = "0b6c1c2e-1111-4c1a-9c59-0000000000";

    @TempDir
    Path dir;

    @Test
    void textNamesEveryActiveEntryWithEvidenceAndTheNotice() {
        CliRun run = CliRun.of("summarize", PATIENT_A, "--models-dir", dir.toString());
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("PATIENT SUMMARY  Patient/" + P + "01  Encounter/" + P + "20")
                .contains(SummaryText.EXTRACTIVE_NOTICE)
                .contains("reason Pneumonia")
                .contains("  - Pneumonia (onset 2024-03-01)  [Condition/" + P + "10]")
                .contains("  - Hypertension (onset 2010-05-01)  [Condition/" + P + "11]")
                .contains("  - lisinopril 10 MG Oral Tablet (ordered 2020-06-01)  [MedicationRequest/" + P + "30]")
                .contains("  - Penicillin; criticality high  [AllergyIntolerance/" + P + "40]")
                .contains("Potassium 5.9 mmol/L (H)")
                .contains("  - [medium] Review abnormal result: Potassium 5.9 mmol/L")
                .contains("Verification: verified — 10 of 10 items supported")
                .contains("Engine: extractive")
                .doesNotContain("Sprain", "amoxicillin", "urn:uuid");
    }

    @Test
    void jsonIsTheStoredSummaryForm() {
        CliRun run = CliRun.of("summarize", PATIENT_A, "--engine", "extractive", "--format", "json");
        assertThat(run.exit).as(run.err()).isZero();
        PatientSummary summary = SummaryJson.read(run.out());
        assertThat(summary.patient()).isEqualTo("Patient/" + P + "01");
        assertThat(summary.problems()).extracting(i -> i.evidence().get(0))
                .containsExactlyInAnyOrder("Condition/" + P + "10", "Condition/" + P + "11");
        assertThat(summary.medications()).singleElement().satisfies(i -> assertThat(i.text()).startsWith("lisinopril"));
        assertThat(summary.allergies()).singleElement().satisfies(i -> assertThat(i.text()).startsWith("Penicillin"));
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(summary.engine().kind()).isEqualTo("extractive");
    }

    @Test
    void remoteEngineSummarizesThroughAnOpenAiCompatibleServer() {
        try (ChatCompletionsServer server = new ChatCompletionsServer()) {
            CliRun run = CliRun.of("summarize", PATIENT_A, "--url", server.baseUrl().toString(),
                    "--model", "medgemma-27b-it", "--format", "json");
            assertThat(run.exit).as(run.err()).isZero();
            PatientSummary summary = SummaryJson.read(run.out());
            assertThat(summary.engine().kind()).isEqualTo("remote");
            assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
            assertThat(server.requests()).singleElement().satisfies(request -> {
                assertThat(request.path()).isEqualTo("/v1/chat/completions");
                assertThat(request.body().path("model").asText()).isEqualTo("medgemma-27b-it");
                assertThat(request.body().path("response_format").path("type").asText()).isEqualTo("json_schema");
                assertThat(request.header("Authorization")).isNull();
            });
        }
    }

    @Test
    void remoteEngineNeedsItsUrlAndModelName() {
        CliRun noUrl = CliRun.of("summarize", PATIENT_A, "--engine", "remote", "--model", "medgemma-27b-it");
        assertThat(noUrl.exit).isEqualTo(1);
        assertThat(noUrl.err()).contains("--engine remote needs --url");
        CliRun noModel = CliRun.of("summarize", PATIENT_A, "--url", "http://localhost:1/v1");
        assertThat(noModel.exit).isEqualTo(1);
        assertThat(noModel.err()).contains("--engine remote needs --model");
        CliRun urlForLlama = CliRun.of("summarize", PATIENT_A, "--engine", "extractive", "--url", "http://localhost:1/v1");
        assertThat(urlForLlama.exit).isEqualTo(1);
        assertThat(urlForLlama.err()).contains("--url is for --engine remote");
    }

    @Test
    void fhirIsADocumentBundleWithTheIpsSections() throws Exception {
        CliRun run = CliRun.of("summarize", PATIENT_A, "--engine", "extractive", "--format", "fhir",
                "--encounter", "Encounter/" + P + "20");
        assertThat(run.exit).as(run.err()).isZero();
        JsonNode bundle = new ObjectMapper().readTree(run.out());
        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("document");
        JsonNode composition = bundle.path("entry").get(0).path("resource");
        assertThat(composition.path("resourceType").asText()).isEqualTo("Composition");
        assertThat(run.out()).contains("11450-4", "10160-0", "48765-2", "Condition/" + P + "11",
                "MedicationRequest/" + P + "30");
    }

    @Test
    void missingFileIsOneLineAndExitOne() {
        CliRun run = CliRun.of("summarize", dir.resolve("nope.json").toString());
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().satisfies(line ->
                assertThat(line).endsWith("nope.json: cannot read: no such file"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void filesThatAreNotPatientBundlesAreRejectedInOneLine() throws Exception {
        Path patientOnly = Files.writeString(dir.resolve("patient.json"),
                "{\"resourceType\":\"Patient\",\"id\":\"x\"}");
        Path junk = Files.writeString(dir.resolve("junk.json"), "this is { not json");
        Path noPatient = Files.writeString(dir.resolve("meds.json"), "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
                + "\"entry\":[{\"resource\":{\"resourceType\":\"Medication\",\"id\":\"m1\"}}]}");
        for (Path file : new Path[] {patientOnly, junk, noPatient}) {
            CliRun run = CliRun.of("summarize", file.toString());
            assertThat(run.exit).as(file.toString()).isEqualTo(1);
            assertThat(run.err().lines()).as(run.err()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("chartbrief summarize: " + file + ": ").doesNotContain("Exception", "\tat "));
        }
        assertThat(CliRun.of("summarize", patientOnly.toString()).err()).contains("not a patient Bundle (resourceType Patient)");
        assertThat(CliRun.of("summarize", junk.toString()).err()).contains("not JSON");
        assertThat(CliRun.of("summarize", noPatient.toString()).err()).contains("not a patient Bundle");
    }

    @Test
    void badModelPathsAreCaughtBeforeNativeCode() throws Exception {
        CliRun missing = CliRun.of("summarize", PATIENT_A, "--model", dir.resolve("absent.gguf").toString());
        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.err().lines()).singleElement().satisfies(line ->
                assertThat(line).startsWith("chartbrief summarize: model file not found: ").endsWith("absent.gguf"));

        Path fake = Files.writeString(dir.resolve("fake.gguf"), "<html>Access denied</html> not a model");
        CliRun notGguf = CliRun.of("summarize", PATIENT_A, "--model", fake.toString());
        assertThat(notGguf.exit).isEqualTo(1);
        assertThat(notGguf.err().lines()).singleElement().satisfies(line ->
                assertThat(line).isEqualTo("chartbrief summarize: not a GGUF model file: " + fake.toAbsolutePath()));

        CliRun noModel = CliRun.of("summarize", PATIENT_A, "--engine", "llama", "--models-dir", dir.resolve("empty").toString());
        assertThat(noModel.exit).isEqualTo(1);
        assertThat(noModel.err()).contains("no model in ").contains("chartbrief model pull");
    }

    @Test
    void unknownEncounterIsOneLine() {
        CliRun run = CliRun.of("summarize", PATIENT_A, "--engine", "extractive", "--encounter", "Encounter/nope");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().satisfies(line ->
                assertThat(line).endsWith("patient-a.json: encounter not in chart: Encounter/nope"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.of("summarize", PATIENT_A, "--format", "pdf").exit).isEqualTo(2);
        assertThat(CliRun.of("summarize").exit).isEqualTo(2);
    }

    @Test
    void gpuLayersReachTheEngineSettings() {
        SummarizeCommand cpu = new SummarizeCommand();
        new picocli.CommandLine(cpu).parseArgs(PATIENT_A);
        assertThat(cpu.engineOptions.llamaConfig(Path.of("m.gguf")).gpuLayers()).isZero();

        SummarizeCommand gpu = new SummarizeCommand();
        new picocli.CommandLine(gpu).parseArgs(PATIENT_A, "--gpu-layers", "999", "--threads", "3");
        assertThat(gpu.engineOptions.llamaConfig(Path.of("m.gguf"))).satisfies(config -> {
            assertThat(config.gpuLayers()).isEqualTo(999);
            assertThat(config.threads()).isEqualTo(3);
        });
    }

    /** On this CPU-only library GPU layers are harmless: one warning line, then the normal llama path. */
    @Test
    void gpuLayersWithTheBundledLibraryWarnAndStillRun() throws Exception {
        Path model = GemmaGguf.tiny(Files.createDirectories(dir.resolve("models")).resolve("tiny-gemma3.gguf"), 7);
        CliRun negative = CliRun.of("summarize", PATIENT_A, "--model", model.toString(), "--gpu-layers", "-1");
        assertThat(negative.exit).isEqualTo(1);
        assertThat(negative.err()).contains("--gpu-layers must not be negative");

        CliRun run = CliRun.of("summarize", PATIENT_A, "--model", model.toString(), "--gpu-layers", "999",
                "--max-output-tokens", "64", "--ctx", "2048", "--timeout", "60", "--format", "json");
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.startsWith("warning: "))).singleElement().satisfies(line ->
                assertThat(line).contains("gpu-layers is 999", "CPU-only", "-Dde.kherud.llama.lib.path"));
        assertThat(SummaryJson.read(run.out()).engine().kind()).isIn("llama", "extractive");
    }

    /** The first native test: a tiny random-weight gemma3 runs through llama.cpp, fails verification, falls back. */
    @Test
    void tinyModelRunsThroughLlamaCppAndFallsBackSayingWhy() throws Exception {
        Path model = GemmaGguf.tiny(Files.createDirectories(dir.resolve("models")).resolve("tiny-gemma3.gguf"), 7);
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream processOut = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(processOut, true));
        CliRun run;
        try {
            run = CliRun.of("summarize", PATIENT_A, "--models-dir", model.getParent().toString(),
                    "--max-output-tokens", "256", "--ctx", "4096", "--timeout", "60");
        } finally {
            System.setOut(stdout);
        }
        // The native library's "Extracted ..." line must not land in stdout (it would corrupt --format json).
        assertThat(processOut.toString()).doesNotContain("Extracted");
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.out()).contains("Engine: extractive — fallback from llama: ")
                .contains(SummaryText.EXTRACTIVE_NOTICE)
                .contains("Verification: verified");
        assertThat(run.out().lines().filter(l -> l.startsWith("Engine:")).findFirst().orElseThrow())
                .matches("Engine: extractive — fallback from llama: (unparseable-output|verification|timeout|engine-error).*");
    }
}
