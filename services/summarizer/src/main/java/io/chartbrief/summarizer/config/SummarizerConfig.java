package io.chartbrief.summarizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Summarizer settings ({@code chartbrief.summarizer.*}); defaults documented in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.summarizer")
public interface SummarizerConfig {

    /** Chart service base URL: {@code GET {chart-url}/patients/{id}/chart} (set by {@code chartbrief up}). */
    @WithDefault("http://localhost:8082")
    String chartUrl();

    /**
     * Alternative chart source: a FHIR R4 server base URL ({@code GET {base}/Patient/{id}/$everything}, next pages
     * followed). When set it is used instead of the chart service.
     */
    Optional<String> fhirBaseUrl();

    /** Connect and read timeout of one chart request. */
    @WithDefault("30s")
    Duration chartTimeout();

    /** Retries of a chart fetch that failed to connect or got a 5xx (after the first try). */
    @WithDefault("4")
    int chartRetries();

    /** First retry delay; doubled per retry (capped at 30 s). */
    @WithDefault("1s")
    Duration chartRetryBackoff();

    /** {@code llama} or {@code extractive}; unset: llama when model-path names an existing file, else extractive. */
    Optional<String> engine();

    /** MedGemma (or other chat) GGUF file. */
    Optional<String> modelPath();

    /** Total context (tokens), shared equally by the parallel slots. */
    @WithDefault("8192")
    int contextSize();

    /** Generation threads (1 was fastest on 2 vCPUs, see docs/performance.md). */
    @WithDefault("1")
    int threads();

    /** Prompt-processing threads. */
    @WithDefault("2")
    int batchThreads();

    /**
     * Model layers offloaded to the GPU (llama.cpp {@code --gpu-layers}): 0 = CPU only, 999 = all. Needs a CUDA build
     * of libjllama ({@code -Dde.kherud.llama.lib.path}); the bundled library is CPU-only and ignores it (a WARN at
     * model load says so). See docs/model.md, "GPU".
     */
    @WithDefault("0")
    int gpuLayers();

    /** Summaries run at once (llama.cpp slots and the request worker pool). */
    @WithDefault("1")
    int parallelSlots();

    /** Generation limit per summary (tokens). */
    @WithDefault("1024")
    int maxOutputTokens();

    /** Sampling temperature (low: summaries should not be creative). */
    @WithDefault("0.1")
    float temperature();

    /** Sampling seed. */
    @WithDefault("42")
    int seed();

    /** Per-request generation limit; the generation is cancelled and the extractive summary used. */
    @WithDefault("120s")
    Duration timeout();

    /** Readings of each vital sign in the prompt. */
    @WithDefault("2")
    int vitalsPerCode();

    /** Inference attempts after which a redelivered request goes to ehr.dlq instead (native crashes). */
    @WithDefault("2")
    int crashLimit();
}
