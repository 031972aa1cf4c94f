package io.chartbrief.summary.llama;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the in-process llama.cpp engine.
 *
 * @param modelPath       GGUF file (e.g. medgemma-4b-it Q4_K_M)
 * @param contextSize     total context (tokens), shared equally by the slots
 * @param threads         generation threads (settings of 0 are resolved by {@link LlamaThreads} before this)
 * @param batchThreads    prompt-processing threads
 * @param parallelSlots   concurrent requests; more requests queue inside llama.cpp
 * @param maxOutputTokens generation limit per summary
 * @param temperature     sampling temperature (low: summaries should not be creative)
 * @param seed            sampling seed
 * @param timeout         per-request limit; generation is cancelled when it passes
 * @param vitalsPerCode   readings of each vital sign to put in the prompt
 * @param output          size limits of the JSON the model may write
 * @param cachePrompt     reuse the slot's KV cache for the prompt prefix it shares with the previous request
 *                        (llama.cpp {@code cache_prompt}); a repeat summary of the same patient then only
 *                        evaluates the changed tail (see docs/performance.md, "llama.cpp engine")
 * @param gpuLayers       model layers to offload to the GPU (llama.cpp {@code --gpu-layers}); 0 = CPU only, a number
 *                        above the model's layer count (e.g. 999) = all layers. Needs a GPU build of the native
 *                        library (docs/model.md, "GPU"); the bundled CPU-only library ignores it
 */
public record LlamaConfig(Path modelPath, int contextSize, int threads, int batchThreads, int parallelSlots,
        int maxOutputTokens, float temperature, int seed, Duration timeout, int vitalsPerCode, OutputLimits output,
        boolean cachePrompt, int gpuLayers) {

    /** Checks the GPU layer count. */
    public LlamaConfig {
        if (gpuLayers < 0) {
            throw new IllegalArgumentException("gpuLayers must not be negative: " + gpuLayers);
        }
    }

    /** Settings on the CPU only (0 GPU layers). */
    public LlamaConfig(Path modelPath, int contextSize, int threads, int batchThreads, int parallelSlots,
            int maxOutputTokens, float temperature, int seed, Duration timeout, int vitalsPerCode,
            OutputLimits output, boolean cachePrompt) {
        this(modelPath, contextSize, threads, batchThreads, parallelSlots, maxOutputTokens, temperature, seed, timeout,
                vitalsPerCode, output, cachePrompt, 0);
    }

    /** Settings with the prompt cache on, on the CPU only. */
    public LlamaConfig(Path modelPath, int contextSize, int threads, int batchThreads, int parallelSlots,
            int maxOutputTokens, float temperature, int seed, Duration timeout, int vitalsPerCode,
            OutputLimits output) {
        this(modelPath, contextSize, threads, batchThreads, parallelSlots, maxOutputTokens, temperature, seed, timeout,
                vitalsPerCode, output, true, 0);
    }

    /**
     * Defaults: 8K context, 1 slot, 1024 output tokens, 0.1, 120 s, prompt cache on, no GPU layers, and the thread
     * counts {@link LlamaThreads#auto} picks for the model on this machine's CPUs (on 2 vCPUs: 2 / 2 for a model
     * of real size, 1 / 2 for a small test model; docs/performance.md, "llama.cpp engine").
     */
    public static LlamaConfig defaults(Path modelPath) {
        LlamaThreads threads = LlamaThreads.auto(modelPath, Runtime.getRuntime().availableProcessors());
        return new LlamaConfig(modelPath, 8192, threads.threads(), threads.batchThreads(), 1, 1024, 0.1f, 42,
                Duration.ofSeconds(120), 2, OutputLimits.DEFAULT);
    }

    /** Tokens of one slot's context. */
    public int slotContext() {
        return contextSize / parallelSlots;
    }

    /** The settings that require a model (re)load; requests with equal keys share one loaded model. */
    public LoadKey loadKey() {
        return new LoadKey(modelPath.toAbsolutePath().normalize(), contextSize, threads, batchThreads, parallelSlots,
                gpuLayers);
    }

    /** A copy with another timeout. */
    public LlamaConfig withTimeout(Duration limit) {
        return new LlamaConfig(modelPath, contextSize, threads, batchThreads, parallelSlots, maxOutputTokens,
                temperature, seed, limit, vitalsPerCode, output, cachePrompt, gpuLayers);
    }

    /** A copy with the prompt cache on or off (not a load setting: both share one loaded model). */
    public LlamaConfig withCachePrompt(boolean on) {
        return new LlamaConfig(modelPath, contextSize, threads, batchThreads, parallelSlots, maxOutputTokens,
                temperature, seed, timeout, vitalsPerCode, output, on, gpuLayers);
    }

    /** A copy with another number of GPU layers (a load setting: a different count loads another model). */
    public LlamaConfig withGpuLayers(int layers) {
        return new LlamaConfig(modelPath, contextSize, threads, batchThreads, parallelSlots, maxOutputTokens,
                temperature, seed, timeout, vitalsPerCode, output, cachePrompt, layers);
    }

    /** Load-time settings: one native model per distinct key per JVM. */
    public record LoadKey(Path modelPath, int contextSize, int threads, int batchThreads, int parallelSlots,
            int gpuLayers) {
    }

    /**
     * Limits written into the output JSON schema (and so into the grammar).
     *
     * @param itemsPerSection  most items per section and recommendations
     * @param textLength       most characters of an item text or rationale
     * @param narrativeLength  most characters of the narrative
     * @param evidencePerItem  most aliases per item
     */
    public record OutputLimits(int itemsPerSection, int textLength, int narrativeLength, int evidencePerItem) {

        /** 12 items, 200 characters, 800 for the narrative, 6 aliases. */
        public static final OutputLimits DEFAULT = new OutputLimits(12, 200, 800, 6);
    }
}
