package io.chartbrief.summary.llama;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide holder of loaded models: each distinct {@link LlamaConfig.LoadKey} is loaded once, lazily, on first
 * use, and kept for the life of the JVM. {@code LlamaModel.close()} does not free native memory (~35 MB leaked per
 * load/close), so models are never reloaded; a failed load is remembered too, so a bad file is not retried in a
 * loop (restart the process after fixing it).
 */
public final class LoadedModels {

    private static final Map<LlamaConfig.LoadKey, Object> MODELS = new ConcurrentHashMap<>();

    private LoadedModels() {
    }

    /**
     * The loaded model for these settings, loading it on first call (other callers wait).
     *
     * @throws SummaryEngineException {@code LOAD_FAILED} when the file or settings are invalid or llama.cpp refused
     */
    public static LoadedModel get(LlamaConfig config) throws SummaryEngineException {
        Object held = MODELS.computeIfAbsent(config.loadKey(), key -> {
            try {
                return load(config);
            } catch (SummaryEngineException e) {
                return e;
            }
        });
        if (held instanceof SummaryEngineException failure) {
            throw new SummaryEngineException(failure.reason(), failure.getMessage(), failure);
        }
        return (LoadedModel) held;
    }

    /** Whether a model for these settings is loaded (false while loading, after a failure, or before first use). */
    public static boolean isLoaded(LlamaConfig config) {
        return MODELS.get(config.loadKey()) instanceof LoadedModel;
    }

    private static LoadedModel load(LlamaConfig config) throws SummaryEngineException {
        ModelFileCheck.check(config);
        long start = System.nanoTime();
        String sha256 = sha256(config);
        try {
            LlamaModel model = new LlamaModel(modelParameters(config));
            return new LoadedModel(model, config.modelPath().getFileName().toString(), sha256,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            // LlamaException (package-private in de.kherud.llama) for missing/truncated/unsupported models.
            throw new SummaryEngineException(Reason.LOAD_FAILED, "llama.cpp could not load "
                    + config.modelPath().getFileName() + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The llama.cpp load parameters of these settings. */
    static ModelParameters modelParameters(LlamaConfig config) {
        return new ModelParameters()
                .setModel(config.modelPath().toString())
                .setCtxSize(config.contextSize())
                .setThreads(config.threads())
                .setThreadsBatch(config.batchThreads())
                .setParallel(config.parallelSlots())
                // 0: CPU only. Above 0 with the bundled CPU-only library llama.cpp warns on stderr and runs on the
                // CPU (LlamaNativeLibrary.gpuOffloadWarning says so before the load).
                .setGpuLayers(config.gpuLayers())
                // llama.cpp's own log (metadata dump, chat template example with sample turns, per-request
                // slot lines) goes to stdout through common_log, which LlamaModel.setLogger does not reach:
                // silenced. Callers may route the remaining ggml log with setLogger after the load.
                .disableLog();
    }

    private static String sha256(LlamaConfig config) throws SummaryEngineException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(config.modelPath()),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // streamed: GGUF files are gigabytes
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new SummaryEngineException(Reason.LOAD_FAILED, "model file unreadable: "
                    + config.modelPath().getFileName(), e);
        }
    }
}
