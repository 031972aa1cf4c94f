package io.chartbrief.cli;

import io.chartbrief.summary.AcceptancePolicy;
import io.chartbrief.summary.ExtractiveEngine;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.llama.LlamaConfig;
import io.chartbrief.summary.llama.LlamaThreads;
import io.chartbrief.summary.llama.LlamaEngine;
import io.chartbrief.summary.llama.LlamaNativeLibrary;
import io.chartbrief.summary.images.ImageLimits;
import io.chartbrief.summary.remote.RemoteEngine;
import io.chartbrief.summary.remote.RemoteEngineConfig;
import io.chartbrief.summary.remote.RemoteEngineConfig.StructuredOutput;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Engine options shared by {@code summarize} and {@code eval}; they map onto {@link LlamaConfig} or {@link
 * RemoteEngineConfig} (the same settings the summarizer service reads). Models are checked in Java before
 * llama.cpp is touched; a remote engine's API key is read from the environment, never from the command line.
 */
final class EngineOptions {

    /** Which engine. */
    enum Engine { llama, remote, extractive }

    /** Where the remote engine's API key is read from unless {@code --api-key-env} names another variable. */
    static final String DEFAULT_API_KEY_ENV = "CHARTBRIEF_REMOTE_API_KEY";

    /** A user error (bad model path, no model): one line, exit status 1. */
    static final class EngineSetupException extends Exception {
        EngineSetupException(String message) {
            super(message);
        }
    }

    @Option(names = "--engine", paramLabel = "llama|remote|extractive",
            description = "Engine (default: remote with --url; llama when --model is given or a model is in the models"
                    + " directory; else extractive)")
    Engine engine;

    @Option(names = "--model", paramLabel = "PATH|NAME",
            description = "llama: GGUF model file (e.g. medgemma-4b-it-Q4_K_M.gguf); remote: the model name the server"
                    + " serves (e.g. medgemma-27b-it)")
    String model;

    @Option(names = "--url", paramLabel = "URL",
            description = "remote: the OpenAI-compatible API base of a model server (llama-server, vLLM, Ollama), e.g."
                    + " http://gpu-box:8000/v1 (docs/model.md)")
    URI url;

    @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = DEFAULT_API_KEY_ENV,
            description = "remote: environment variable holding the API key, if the server wants one (default:"
                    + " ${DEFAULT-VALUE})")
    String apiKeyEnv;

    @Option(names = "--structured-output", paramLabel = "json-schema|ollama|none", defaultValue = "json-schema",
            description = "remote: how the summary schema is sent (default: ${DEFAULT-VALUE}; ollama for Ollama's native"
                    + " API)")
    String structuredOutput;

    @Option(names = "--vision",
            description = "remote: the served model reads images (multimodal MedGemma with its mmproj): the chart's"
                    + " JPEG/PNG attachments are sent, at most 4 of 8 MB each (docs/model.md#images)")
    boolean vision;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Where to look for a model (default: env CHARTBRIEF_MODELS, else <chartbrief home>/models)")
    Path modelsDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Generation threads (default: 0 = by model size and CPUs: all CPUs for a 4B model; see "
                    + "docs/performance.md)")
    int threads;

    @Option(names = "--batch-threads", paramLabel = "N", defaultValue = "0",
            description = "Prompt-processing threads (default: 0 = by model size and CPUs)")
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

    /** The engine that will be used, and its model file when llama or its server settings when remote. */
    record Choice(Engine engine, Path model, RemoteEngineConfig remote) {

        Choice(Engine engine, Path model) {
            this(engine, model, null);
        }

        /** What the model is, for a report line: the GGUF file name, or the remote model and server. */
        String modelLabel() {
            if (remote != null) {
                return remote.model() + " at " + remote.server();
            }
            return model == null ? null : model.getFileName().toString();
        }
    }

    /** Decides the engine and checks the model file or the server settings (before any native code runs). */
    Choice choose() throws EngineSetupException {
        Path dir = ModelFiles.modelsDir(modelsDir);
        Engine chosen = engine;
        if (chosen == null && url != null) {
            chosen = Engine.remote;
        }
        if (chosen == Engine.remote) {
            return new Choice(Engine.remote, null, remoteConfig());
        }
        if (url != null) {
            throw new EngineSetupException("--url is for --engine remote");
        }
        Path file;
        try {
            file = model == null ? null : Path.of(model);
        } catch (InvalidPathException e) {
            throw new EngineSetupException("--model: not a file path: " + model);
        }
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
        if (threads < 0 || batchThreads < 0) {
            throw new EngineSetupException("--threads and --batch-threads must be 0 (auto) or more");
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
        if (choice.engine() == Engine.remote) {
            // The server failing, timing out or answering garbage falls back to the extractive summary.
            RemoteEngine engine = new RemoteEngine(choice.remote(), vision ? ImageLimits.DEFAULTS : null,
                    RemoteEngine.Observer.NONE);
            return new Summarizer(engine, new ExtractiveEngine(), AcceptancePolicy.DEFAULT);
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

    /** The remote engine's settings from these options and the API key's environment variable. */
    RemoteEngineConfig remoteConfig() throws EngineSetupException {
        if (url == null) {
            throw new EngineSetupException("--engine remote needs --url (the model server's API base, e.g."
                    + " http://localhost:8080/v1)");
        }
        if (model == null || model.isBlank()) {
            throw new EngineSetupException("--engine remote needs --model (the model name the server serves)");
        }
        if (maxOutputTokens < 1 || contextSize <= maxOutputTokens) {
            throw new EngineSetupException("--ctx must exceed --max-output-tokens");
        }
        if (timeoutSeconds < 1 || temperature < 0) {
            throw new EngineSetupException("--timeout must be at least 1 second and --temperature not negative");
        }
        try {
            RemoteEngineConfig defaults = RemoteEngineConfig.defaults(url, model.trim());
            return new RemoteEngineConfig(defaults.baseUrl(), defaults.model(), System.getenv(apiKeyEnv),
                    defaults.connectTimeout(), Duration.ofSeconds(timeoutSeconds), defaults.maxConcurrentRequests(),
                    defaults.maxRetries(), defaults.initialBackoff(), defaults.maxBackoff(), defaults.breakerThreshold(),
                    defaults.breakerCoolDown(), StructuredOutput.of(structuredOutput), defaults.schemaStrict(),
                    contextSize, maxOutputTokens, temperature, defaults.seed(), defaults.vitalsPerCode(),
                    defaults.output());
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException(e.getMessage());
        }
    }

    /** The engine settings of these options for a model file. */
    LlamaConfig llamaConfig(Path model) {
        LlamaConfig defaults = LlamaConfig.defaults(model);
        LlamaThreads chosen = LlamaThreads.resolve(threads, batchThreads, model,
                Runtime.getRuntime().availableProcessors());
        return new LlamaConfig(model, contextSize, chosen.threads(), chosen.batchThreads(), 1, maxOutputTokens, temperature,
                defaults.seed(), Duration.ofSeconds(timeoutSeconds), defaults.vitalsPerCode(), defaults.output(),
                defaults.cachePrompt(), gpuLayers);
    }
}
