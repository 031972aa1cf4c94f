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
import io.chartbrief.summary.llama.LlamaEngine;
import io.chartbrief.summary.llama.LlamaNativeLibrary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Chooses the engine and loads the model once, at startup, on a background thread. Until the load finished,
 * {@link #state()} is {@code LOADING} (readiness DOWN) and {@link #summarizer()} waits. A model that fails to load
 * leaves the service up: summaries come from the extractive engine with {@code fallbackReason model-load-failed},
 * one WARN line is logged and the gauge {@code chartbrief.summarizer.model.loaded} stays 0.
 */
@ApplicationScoped
public class EngineService {

    private static final Logger LOG = Logger.getLogger(EngineService.class);
    private static final Logger NATIVE_LOG = Logger.getLogger("io.chartbrief.summarizer.service.llama-native");

    /** Where the engine stands. */
    public enum State { EXTRACTIVE, LOADING, LOADED, LOAD_FAILED }

    private final SummarizerConfig config;
    private final CompletableFuture<Summarizer> ready = new CompletableFuture<>();
    private volatile State state = State.LOADING;
    private volatile String modelFile;

    public EngineService(SummarizerConfig config, MeterRegistry registry) {
        this.config = config;
        Gauge.builder("chartbrief.summarizer.model.loaded", this, s -> s.state == State.LOADED ? 1 : 0)
                .description("1 when the llama model is loaded and used, else 0").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
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

    /** {@code llama} or {@code extractive}, from the config (see {@link SummarizerConfig#engine()}). */
    public String engineKind() {
        if (config.engine().isPresent()) {
            String kind = config.engine().get().trim().toLowerCase(Locale.ROOT);
            if (!kind.equals("llama") && !kind.equals("extractive")) {
                throw new IllegalArgumentException("chartbrief.summarizer.engine must be llama or extractive");
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
        if (!ready.isDone()) {
            // An engine that always reports the load failure: every summary says why it is extractive.
            SummaryEngine failed = new SummaryEngine() {
                @Override
                public String kind() {
                    return EngineInfo.LLAMA;
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
        return new LlamaConfig(model, config.contextSize(), config.threads(), config.batchThreads(),
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
