package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.args.LogFormat;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.llama.LlamaConfig;
import io.chartbrief.summary.llama.LlamaEngine;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.ItemClaim;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.VerificationStatus;
import io.chartbrief.testsupport.GemmaGguf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real llama.cpp path on a generated ~1 MB random-weight gemma3 model: one load for the whole class (native
 * memory is never freed), few and short generations (CI boxes have 2 cores).
 */
class LlamaEngineTest {

    @TempDir
    static Path models;
    private static LlamaConfig config;
    private static ExecutorService pool;
    private final ClinicalChart chart = ClinicalChart.of(ChartFixtures.admissionChart(), null, null);

    @BeforeAll
    static void writeModel() throws Exception {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
        Path model = GemmaGguf.tiny(models.resolve("tiny-gemma3.gguf"), 7);
        // 2,000 output tokens: random weights pad the JSON with the whitespace the grammar allows (one token per
        // byte), so how long the answer gets depends on the prompt's exact words; 1,200 was too tight
        config = new LlamaConfig(model, 8192, 1, 2, 2, 2000, 0.1f, 42, Duration.ofSeconds(120), 2,
                new LlamaConfig.OutputLimits(1, 16, 24, 2));
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void templatesThePromptAndAnswersInTheSchema() throws Exception {
        LlamaEngine engine = new LlamaEngine(config);

        LlamaEngine.TemplatedPrompt prompt = engine.prompt(chart);
        assertThat(prompt.text()).contains("<start_of_turn>user\nYou are a clinical summarization assistant")
                .contains("[C1] Pneumonia").endsWith("<start_of_turn>model\n");
        assertThat(prompt.tokens()).isLessThanOrEqualTo(config.slotContext() - config.maxOutputTokens());

        PatientSummary draft = engine.summarize(chart);
        assertThat(engine.ready()).isTrue();
        assertThat(draft.engine().kind()).isEqualTo(EngineInfo.LLAMA);
        assertThat(draft.engine().model()).isEqualTo("tiny-gemma3.gguf");
        assertThat(draft.engine().modelSha256()).matches("[0-9a-f]{64}");
        assertThat(draft.tokens().prompt()).isEqualTo(prompt.tokens());
        assertThat(draft.tokens().output()).isPositive();
        assertThat(draft.problems().size()).isLessThanOrEqualTo(1);
        assertThat(draft.recommendations()).allSatisfy(r -> assertThat(r.evidence()).isNotEmpty());
        assertSchemaTwoWithChartEvidenceOnly(draft);
    }

    @Test
    void notePassagesReachTheModelAndNoteItemsCarryTheirLocatedQuotes() throws Exception {
        ClinicalChart notesChart = ClinicalChart.of(PromptNoteFixtures.notesChart(), null, null);
        // The same loaded model (output settings are no load settings) with room for one more section: random
        // weights pad the JSON with the whitespace the grammar allows, one token per byte.
        LlamaConfig roomy = new LlamaConfig(config.modelPath(), config.contextSize(), config.threads(),
                config.batchThreads(), config.parallelSlots(), 2000, config.temperature(), config.seed(),
                config.timeout(), config.vitalsPerCode(), new LlamaConfig.OutputLimits(1, 8, 12, 1));
        LlamaEngine engine = new LlamaEngine(roomy);

        LlamaEngine.TemplatedPrompt prompt = engine.prompt(notesChart);
        assertThat(prompt.text()).contains("\"notes\" items restate the note passages they cite")
                .contains("Note N1: History and physical note (dated 2024-03-01)\n[N1.1] Chief complaint: Shortness")
                .doesNotContain("WRONG PATIENT");
        assertThat(prompt.tokens()).isLessThanOrEqualTo(roomy.slotContext() - roomy.maxOutputTokens());
        assertThat(engine.outputSchema(prompt.chartPrompt())).contains("\"noteAlias\":{\"enum\":[\"N1.1\"");

        PatientSummary draft = engine.summarize(notesChart);
        assertSchemaTwoWithChartEvidenceOnly(draft, notesChart);
        assertThat(draft.notes().size()).isLessThanOrEqualTo(1);
        String hp = PromptNoteFixtures.HP;
        String progress = PromptNoteFixtures.PROGRESS;
        // Whatever random weights pick, a note item cites a passage and carries it, verbatim at its offsets.
        assertThat(draft.notes()).allSatisfy(item -> {
            assertThat(item.quote()).isNotNull();
            assertThat(item.evidence()).contains(item.quote().note());
            String text = item.quote().note().equals("DocumentReference/hp") ? hp : progress;
            assertThat(text.substring(item.quote().start(), item.quote().end())).isEqualTo(item.quote().text());
        });
    }

    private void assertSchemaTwoWithChartEvidenceOnly(PatientSummary draft) {
        assertSchemaTwoWithChartEvidenceOnly(draft, chart);
    }

    /** The grammar allows only the prompt's aliases: even random weights cannot cite a resource the chart lacks. */
    private static void assertSchemaTwoWithChartEvidenceOnly(PatientSummary draft, ClinicalChart chart) {
        assertThat(draft.schemaVersion()).isEqualTo(2);
        List<String> refs = new ArrayList<>(draft.narrativeEvidence());
        List<ItemClaim> claims = new ArrayList<>();
        for (String section : PatientSummary.SECTIONS) {
            for (SummaryItem item : draft.section(section)) {
                assertThat(item.evidence()).isNotEmpty();
                refs.addAll(item.evidence());
                claims.add(item.claim());
            }
        }
        for (Recommendation recommendation : draft.recommendations()) {
            refs.addAll(recommendation.evidence());
            claims.add(recommendation.claim());
        }
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(chart.contains(ref)).as(ref).isTrue());
        // Claims are required in the grammar, but one whose about is not among the item's evidence loses it (and
        // random weights often pick another alias): what remains only ever names chart resources.
        assertThat(claims).allSatisfy(claim -> assertThat(claim == null || claim.about() == null
                || chart.contains(claim.about())).isTrue());
        assertThat(draft.recommendations()).allSatisfy(r -> assertThat(r.claim().action()).isNotNull());
    }

    @Test
    void twoConcurrentRequestsUseBothSlots() throws Exception {
        LlamaEngine engine = new LlamaEngine(config);
        List<Future<PatientSummary>> runs = List.of(pool.submit(() -> engine.summarize(chart)),
                pool.submit(() -> engine.summarize(chart)));

        for (Future<PatientSummary> run : runs) {
            PatientSummary draft = run.get();
            assertThat(draft.engine().kind()).isEqualTo(EngineInfo.LLAMA);
            assertSchemaTwoWithChartEvidenceOnly(draft);
        }
    }

    @Test
    void gpuLayersWithoutAGpuStillLoadAndRun() throws Exception {
        // The bundled library is CPU-only: llama.cpp ignores the layers (a warning on stderr) and runs on the CPU.
        LlamaEngine engine = new LlamaEngine(config.withGpuLayers(999));

        PatientSummary draft = engine.summarize(chart);

        assertThat(engine.ready()).isTrue();
        assertThat(draft.engine().kind()).isEqualTo(EngineInfo.LLAMA);
        assertThat(draft.tokens().output()).isPositive();
    }

    @Test
    void aQ4_0ModelOfTheGeneratorLoadsAndGenerates() throws Exception {
        // the format of the benchmark's 4B shape (GemmaGguf.Shape.GEMMA3_4B), at the tiny size
        GemmaGguf.Shape quantized = new GemmaGguf.Shape(64, 4, 2, 16, 128, 6, 261, GemmaGguf.Weights.Q4_0);
        Path file = GemmaGguf.write(models.resolve("tiny-q4_0.gguf"), quantized, 7);
        assertThat(Files.size(file)).isLessThan(Files.size(config.modelPath()) / 3);
        LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(512)
                .setThreads(1).setThreadsBatch(1).setGpuLayers(0));
        try {
            int generated = 0;
            for (de.kherud.llama.LlamaOutput ignored : model.generate(new InferenceParameters("Potassium was")
                    .setNPredict(8).setTemperature(0f).setIgnoreEos(true))) {
                generated++;
            }
            assertThat(generated).as("8 tokens, and the closing output").isEqualTo(9);
        } finally {
            model.close();
        }
    }

    @Test
    void unverifiableOutputFallsBackToExtractive() {
        Summarizer summarizer = new Summarizer(new LlamaEngine(config), new ExtractiveEngine(), AcceptancePolicy.DEFAULT);

        PatientSummary summary = summarizer.summarize(chart);

        assertThat(summary.engine().kind()).isEqualTo(EngineInfo.EXTRACTIVE);
        assertThat(summary.engine().fallbackReason()).startsWith("verification ");
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
    }

    @Test
    void timeoutCancelsAndFallsBack() {
        LlamaEngine impatient = new LlamaEngine(config.withTimeout(Duration.ofMillis(1)));
        Summarizer summarizer = new Summarizer(impatient, new ExtractiveEngine(), AcceptancePolicy.DEFAULT);

        PatientSummary summary = summarizer.summarize(chart);

        assertThat(summary.engine().kind()).isEqualTo(EngineInfo.EXTRACTIVE);
        assertThat(summary.engine().fallbackReason()).startsWith("timeout: generation cancelled");
    }

    @Test
    void missingTruncatedOrForeignModelFilesFailCleanlyAndFallBack() throws Exception {
        Path truncated = models.resolve("truncated.gguf");
        byte[] whole = Files.readAllBytes(config.modelPath());
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 3));
        Path foreign = Files.writeString(models.resolve("notes.gguf"), "this is not a model, just text long enough");

        for (Path bad : List.of(models.resolve("absent.gguf"), truncated, foreign)) {
            LlamaConfig badConfig = new LlamaConfig(bad, 2048, 1, 1, 1, 256, 0.1f, 1, Duration.ofSeconds(10), 1,
                    config.output());
            Summarizer summarizer = new Summarizer(new LlamaEngine(badConfig), new ExtractiveEngine(),
                    AcceptancePolicy.DEFAULT);

            PatientSummary summary = summarizer.summarize(chart);

            assertThat(summary.engine().kind()).as(bad.toString()).isEqualTo(EngineInfo.EXTRACTIVE);
            assertThat(summary.engine().fallbackReason()).as(bad.toString()).startsWith("model-load-failed: ");
        }
    }
}
