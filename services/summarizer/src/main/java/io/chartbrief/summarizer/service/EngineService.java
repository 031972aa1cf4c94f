package io.chartbrief.summarizer.service;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.args.LogFormat;
import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summary.AcceptancePolicy;
import io.chartbrief.summary.ExtractiveEngine;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.SummaryEngine;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.llama.LlamaConfig;
import io.chartbrief.summary.llama.LlamaThreads;
import io.chartbrief.summary.llama.LlamaEngine;
import io.chartbrief.summary.llama.LlamaNativeLibrary;
import io.chartbrief.summary.images.ImageLimits;
import io.chartbrief.summary.remote.RemoteEngine;
import io.chartbrief.summary.remote.RemoteEngineConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Chooses the engine and loads the model once, at startup, on a background thread. Until the load finished,
 * {@link #state()} is {@code LOADING} (readiness DOWN) and {@link #summarizer()} waits. A model that fails to load
 * leaves the service up: summaries come from the extractive engine with {@code fallbackReason model-load-failed},
 * one WARN line is logged and the gauge {@code chartbrief.summarizer.model.loaded} stays 0. The remote engine
 * ({@code engine=remote}) loads nothing: it is ready at once (state {@code REMOTE}); its failures fall back per
 * summary, and a remote engine that cannot be set up (no base URL or model, unreadable key file) leaves the service
 * up as a failed load does.
 */
@ApplicationScoped
public class EngineService {

    private static final Logger LOG = Logger.getLogger(EngineService.class);
    private static final Logger NATIVE_LOG = Logger.getLogger("io.chartbrief.summarizer.service.llama-native");

    /** Where the engine stands. */
    public enum State { EXTRACTIVE, LOADING, LOADED, LOAD_FAILED, REMOTE }

    private final SummarizerConfig config;
    private final CompletableFuture<Summarizer> ready = new CompletableFuture<>();
    private volatile State state = State.LOADING;
    private volatile String modelFile;
    private final MeterRegistry registry;
    private volatile RemoteEngine remote;

    public EngineService(SummarizerConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        Gauge.builder("chartbrief.summarizer.model.loaded", this, s -> s.state == State.LOADED ? 1 : 0)
                .description("1 when the llama model is loaded and used, else 0").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if ("remote".equals(engineKind())) {
            startRemote();
            return;
        }
        if (!"llama".equals(engineKind())) {
            state = State.EXTRACTIVE;
            ready.complete(Summarizer.extractiveOnly());
            LOG.info("Summary engine: extractive (no model configured)");
            return;
        }
        Thread loader = new Thread(this::load, "summarizer-model-load");
        loader.setDaemon(true);
        loader.start();
    }

    /** {@code llama}, {@code remote} or {@code extractive}, from the config (see {@link SummarizerConfig#engine()}). */
    public String engineKind() {
        if (config.engine().isPresent()) {
            String kind = config.engine().get().trim().toLowerCase(Locale.ROOT);
            if (!kind.equals("llama") && !kind.equals("extractive") && !kind.equals("remote")) {
                throw new IllegalArgumentException("chartbrief.summarizer.engine must be llama, remote or extractive");
            }
            return kind;
        }
        return config.modelPath().filter(p -> Files.isRegularFile(Path.of(p))).isPresent() ? "llama" : "extractive";
    }

    private void load() {
        Path model = Path.of(config.modelPath().orElse("model-path-not-set"));
        modelFile = model.getFileName().toString();
        if (!Files.isRegularFile(model)) {
            // Checked here so that a missing file never loads the native library.
            fail("model file " + modelFile + " not found");
            return;
        }
        LlamaEngine engine;
        try {
            routeNativeLog();
            engine = new LlamaEngine(llamaConfig(model));
        } catch (RuntimeException | LinkageError e) {
            fail("llama.cpp native library unavailable (" + e.getClass().getSimpleName() + ")");
            return;
        }
        Summarizer summarizer = new Summarizer(engine, new ExtractiveEngine(), AcceptancePolicy.DEFAULT);
        // gpu-layers > 0 with the bundled CPU-only library: llama.cpp only notes it on stderr and runs on the CPU.
        LlamaNativeLibrary.gpuOffloadWarning(config.gpuLayers()).ifPresent(LOG::warn);
        try {
            long start = System.nanoTime();
            engine.load();
            // The load re-initialises llama.cpp's log callback (common_init): route it again.
            routeNativeLog();
            state = State.LOADED;
            LOG.infof("Summary engine: llama, model %s loaded in %d ms (gpu-layers %d)", modelFile,
                    (System.nanoTime() - start) / 1_000_000, config.gpuLayers());
        } catch (SummaryEngineException | RuntimeException | LinkageError e) {
            // The failure is remembered by LoadedModels: each summary falls back quickly with the reason.
            fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        ready.complete(summarizer);
    }

    private void startRemote() {
        RemoteEngineConfig settings;
        try {
            settings = remoteConfig();
        } catch (IllegalArgumentException | IllegalStateException e) {
            modelFile = config.remote().model().orElse("(remote)");
            fail("remote engine not configured: " + e.getMessage());
            return;
        }
        RemoteEngineMeters meters = new RemoteEngineMeters(registry);
        SummarizerConfig.Images caps = config.remote().images();
        ImageLimits images = config.remote().vision()
                ? new ImageLimits(caps.maxCount(), caps.maxBytes().asLongValue(), caps.maxPixels()) : null;
        RemoteEngine engine = new RemoteEngine(settings, images, meters);
        meters.watch(engine::breakerState);
        remote = engine;
        state = State.REMOTE;
        ready.complete(new Summarizer(engine, new ExtractiveEngine(), AcceptancePolicy.DEFAULT));
        LOG.infof("Summary engine: remote, model %s at %s (structured output %s, api key %s, images %s)",
                settings.model(), settings.server(), settings.structuredOutput().code(),
                settings.apiKey() == null ? "none" : "set", images == null ? "off" : "up to " + images.maxCount());
    }

    /** The remote engine's settings from {@code chartbrief.summarizer.remote.*} and the sampling settings. */
    RemoteEngineConfig remoteConfig() {
        SummarizerConfig.Remote r = config.remote();
        String base = r.baseUrl().filter(u -> !u.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("remote.base-url not set"));
        String model = r.model().filter(m -> !m.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("remote.model not set"));
        URI uri;
        try {
            uri = URI.create(base.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("remote.base-url is not a URL");
        }
        return new RemoteEngineConfig(uri, model, apiKey(r).orElse(null), r.connectTimeout(), r.requestTimeout(),
                r.maxConcurrentRequests(), r.maxRetries(), r.initialBackoff(), r.maxBackoff(), r.breakerThreshold(),
                r.breakerCoolDown(), RemoteEngineConfig.StructuredOutput.of(r.structuredOutput()), r.schemaStrict(),
                r.contextSize(), config.maxOutputTokens(), config.temperature(), config.seed(), config.vitalsPerCode(),
                LlamaConfig.OutputLimits.DEFAULT);
    }

    private static Optional<String> apiKey(SummarizerConfig.Remote r) {
        if (r.apiKey().filter(k -> !k.isBlank()).isPresent()) {
            return r.apiKey();
        }
        if (r.apiKeyFile().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(r.apiKeyFile().get())).trim()).filter(k -> !k.isEmpty());
        } catch (IOException e) {
            // The path only, never the content.
            throw new IllegalStateException("remote.api-key-file unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The remote engine, when {@code engine=remote} and it is set up. */
    public Optional<RemoteEngine> remote() {
        return Optional.ofNullable(remote);
    }

    /** llama.cpp's native log to DEBUG of category {@code io.chartbrief.summarizer.service.llama-native}. */
    private static void routeNativeLog() {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
            if (NATIVE_LOG.isDebugEnabled()) {
                NATIVE_LOG.debugf("llama.cpp %s: %s", level, message.strip());
            }
        });
    }

    private void fail(String reason) {
        state = State.LOAD_FAILED;
        LOG.warnf("Summary model %s failed to load: %s; falling back to the extractive engine", modelFile, reason);
        String kind = "remote".equals(engineKind()) ? EngineInfo.REMOTE : EngineInfo.LLAMA;
        if (!ready.isDone()) {
            // An engine that always reports the load failure: every summary says why it is extractive.
            SummaryEngine failed = new SummaryEngine() {
                @Override
                public String kind() {
                    return kind;
                }

                @Override
                public PatientSummary summarize(ClinicalChart chart) throws SummaryEngineException {
                    throw new SummaryEngineException(SummaryEngineException.Reason.LOAD_FAILED, reason);
                }
            };
            ready.complete(new Summarizer(failed, new ExtractiveEngine(), AcceptancePolicy.DEFAULT));
        }
    }

    LlamaConfig llamaConfig(Path model) {
        LlamaThreads threads = LlamaThreads.resolve(config.threads(), config.batchThreads(), model,
                Runtime.getRuntime().availableProcessors());
        return new LlamaConfig(model, config.contextSize(), threads.threads(), threads.batchThreads(),
                config.parallelSlots(), config.maxOutputTokens(), config.temperature(), config.seed(), config.timeout(),
                config.vitalsPerCode(), LlamaConfig.OutputLimits.DEFAULT, true, config.gpuLayers());
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /**
     * Summarizes a chart with {@link #summarizer()} (waits while the model loads).
     *
     * @throws RuntimeException when no engine can summarize this chart (bad input: the caller dead-letters it)
     */
    public PatientSummary summarize(ClinicalChart chart) {
        return summarizer().summarize(chart);
    }

    /** The summarizer; waits while the model loads. */
    public Summarizer summarizer() {
        try {
            return ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the model loads", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("model load crashed", e);
        }
    }
}
