package io.chartbrief.summary.llama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * llama.cpp thread counts where the settings leave them to ChartBrief (0 = auto), chosen by model size and the CPUs
 * the JVM may use (container limits included). Measured on 2 vCPUs (docs/performance.md, "llama.cpp engine"): a
 * model of real size (MedGemma 4B, 4-bit, ~2.2–2.5 GB) generates 1.2 × faster with threads = batch threads = 2 than
 * with 1 / 2 at the same prompt speed; a small one (the 75M benchmark model) is slowed by 2 / 2 and runs best at
 * 1 / 2. So: a model file of at least {@link #LARGE_MODEL_BYTES} uses every CPU for both; a smaller one leaves one
 * CPU free while generating. Beyond 2 CPUs this follows llama.cpp's own default (all cores) without a measurement
 * of ours; set the counts explicitly and measure with the benchmark there.
 *
 * @param threads      generation threads
 * @param batchThreads prompt-processing threads
 */
public record LlamaThreads(int threads, int batchThreads) {

    /** 1 GiB: above every test/benchmark toy (≤ 150 MB), below any 4-bit model of 2B parameters or more. */
    public static final long LARGE_MODEL_BYTES = 1L << 30;

    /** The settings, each 0 replaced by its automatic value for {@code model} on {@code cpus} CPUs. */
    public static LlamaThreads resolve(int threads, int batchThreads, Path model, int cpus) {
        if (threads < 0 || batchThreads < 0) {
            throw new IllegalArgumentException("threads must be 0 (auto) or more: " + threads + " / " + batchThreads);
        }
        LlamaThreads auto = auto(model, cpus);
        return new LlamaThreads(threads == 0 ? auto.threads() : threads,
                batchThreads == 0 ? auto.batchThreads() : batchThreads);
    }

    /** The automatic counts for {@code model} on {@code cpus} CPUs. */
    public static LlamaThreads auto(Path model, int cpus) {
        int n = Math.max(1, cpus);
        if (large(model)) {
            return new LlamaThreads(n, n);
        }
        return new LlamaThreads(Math.max(1, n - 1), n);
    }

    private static boolean large(Path model) {
        try {
            return Files.size(model) >= LARGE_MODEL_BYTES;
        } catch (IOException e) {
            return false;   // the load reports the missing file; its threads do not matter then
        }
    }
}
