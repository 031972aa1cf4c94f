package io.chartbrief.cli;

import io.chartbrief.summary.AcceptancePolicy;
import io.chartbrief.summary.ExtractiveEngine;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.llama.LlamaConfig;
import io.chartbrief.summary.llama.LlamaEngine;
import io.chartbrief.summary.llama.LlamaNativeLibrary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Engine options shared by {@code summarize} and {@code eval}; they map onto {@link LlamaConfig} (the same keys
 * the summarizer service reads). Models are checked in Java before llama.cpp is touched.
 */
final class EngineOptions {

    /** Which engine. */
    enum Engine { llama, extractive }

    /** A user error (bad model path, no model): one line, exit status 1. */
    static final class EngineSetupException extends Exception {
        EngineSetupException(String message) {
            super(message);
        }
    }

    @Option(names = "--engine", paramLabel = "llama|extractive",
            description = "Engine (default: llama when --model is given or a model is in the models directory, "
                    + "else extractive)")
    Engine engine;

    @Option(names = "--model", paramLabel = "PATH", description = "GGUF model file (e.g. medgemma-4b-it-Q4_K_M.gguf)")
    Path model;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Where to look for a model (default: env CHARTBRIEF_MODELS, else <chartbrief home>/models)")
    Path modelsDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Generation threads (default: ${DEFAULT-VALUE}; see docs/model.md)")
    int threads;

    @Option(names = "--batch-threads", paramLabel = "N", defaultValue = "2",
            description = "Prompt-processing threads (default: ${DEFAULT-VALUE})")
    int batchThreads;

    @Option(names = "--gpu-layers", paramLabel = "N", defaultValue = "0",
            description = "Model layers offloaded to the GPU, 999 = all (default: ${DEFAULT-VALUE} = CPU only); needs a "
                    + "CUDA build of libjllama via -Dde.kherud.llama.lib.path (docs/model.md, GPU)")
    int gpuLayers;

    @Option(names = "--ctx", paramLabel = "TOKENS", defaultValue = "8192",
            description = "Context size in tokens (default: ${DEFAULT-VALUE})")
    int contextSize;

    @Option(names = "--max-output-tokens", paramLabel = "N", defaultValue = "1024",
            description = "Most tokens the model may write (default: ${DEFAULT-VALUE})")
    int maxOutputTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.1",
            description = "Sampling temperature (default: ${DEFAULT-VALUE})")
    float temperature;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Per-summary limit; generation is cancelled and the extractive summary used (default: "
                    + "${DEFAULT-VALUE})")
    int timeoutSeconds;

    /** The engine that will be used, and its model when llama. */
    record Choice(Engine engine, Path model) {
    }

    /** Decides the engine and checks the model file (before any native code runs). */
    Choice choose() throws EngineSetupException {
        Path dir = ModelFiles.modelsDir(modelsDir);
        Engine chosen = engine;
        Path file = model;
        if (chosen == null) {
            if (file == null) {
                Optional<Path> found = ModelFiles.findModel(dir);
                chosen = found.isPresent() ? Engine.llama : Engine.extractive;
                file = found.orElse(null);
            } else {
                chosen = Engine.llama;
            }
        }
        if (chosen == Engine.extractive) {
            return new Choice(Engine.extractive, null);
        }
        if (file == null) {
            file = ModelFiles.findModel(dir).orElseThrow(() -> new EngineSetupException("no model in " + dir
                    + ": pass --model PATH or run `chartbrief model pull` (see docs/model.md)"));
        }
        String problem = ModelFiles.problem(file);
        if (problem != null) {
            throw new EngineSetupException(problem);
        }
        if (threads < 1 || batchThreads < 1) {
            throw new EngineSetupException("--threads and --batch-threads must be at least 1");
        }
        if (gpuLayers < 0) {
            throw new EngineSetupException("--gpu-layers must not be negative (0 = CPU only, 999 = all layers)");
        }
        if (maxOutputTokens < 1 || contextSize < maxOutputTokens + 256) {
            throw new EngineSetupException("--ctx must exceed --max-output-tokens by at least 256 tokens");
        }
        if (timeoutSeconds < 1 || temperature < 0) {
            throw new EngineSetupException("--timeout must be at least 1 second and --temperature not negative");
        }
        return new Choice(Engine.llama, file.toAbsolutePath().normalize());
    }

    /**
     * The summarizer for a choice: the llama engine with extractive fallback, or extractive only.
     *
     * @param warnings where a warning line goes (GPU layers asked of the bundled CPU-only native library)
     */
    Summarizer summarizer(Choice choice, PrintWriter warnings) throws EngineSetupException {
        if (choice.engine() == Engine.extractive) {
            return Summarizer.extractiveOnly();
        }
        LlamaConfig config = llamaConfig(choice.model());
        LlamaNativeLibrary.gpuOffloadWarning(config.gpuLayers()).ifPresent(w -> warnings.println("warning: " + w));
        // Loading the native library prints "Extracted 'libjllama.so' ..." on System.out: keep stdout for the summary.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return new Summarizer(new LlamaEngine(config), new ExtractiveEngine(), AcceptancePolicy.DEFAULT);
        } catch (LinkageError | RuntimeException e) {
            throw new EngineSetupException("llama.cpp native library unavailable on this platform ("
                    + e.getClass().getSimpleName() + "); use --engine extractive");
        } finally {
            System.setOut(stdout);
        }
    }

    /** The engine settings of these options for a model file. */
    LlamaConfig llamaConfig(Path model) {
        LlamaConfig defaults = LlamaConfig.defaults(model);
        return new LlamaConfig(model, contextSize, threads, batchThreads, 1, maxOutputTokens, temperature,
                defaults.seed(), Duration.ofSeconds(timeoutSeconds), defaults.vitalsPerCode(), defaults.output(),
                defaults.cachePrompt(), gpuLayers);
    }
}
