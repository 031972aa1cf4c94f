package io.chartbrief.summary.llama;

import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a model file and settings in Java before llama.cpp sees them: invalid parameters can crash the JVM in
 * native code, while a clean exception here turns into a fallback.
 */
final class ModelFileCheck {

    private static final int MIN_SLOT_CONTEXT = 256;

    private ModelFileCheck() {
    }

    static void check(LlamaConfig config) throws SummaryEngineException {
        if (config.threads() < 1 || config.batchThreads() < 1 || config.parallelSlots() < 1
                || config.maxOutputTokens() < 1 || config.slotContext() < MIN_SLOT_CONTEXT
                || config.maxOutputTokens() >= config.slotContext() || config.temperature() < 0) {
            throw new SummaryEngineException(Reason.LOAD_FAILED, "invalid llama settings (threads, slots, context "
                    + config.contextSize() + " / output " + config.maxOutputTokens() + ")");
        }
        Path path = config.modelPath();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new SummaryEngineException(Reason.LOAD_FAILED, "model file not found or not readable: "
                    + path.getFileName());
        }
        String problem;
        try {
            problem = GgufHeader.problem(path);
        } catch (IOException e) {
            throw new SummaryEngineException(Reason.LOAD_FAILED, "model file unreadable: " + path.getFileName(), e);
        }
        if (problem != null) {
            throw new SummaryEngineException(Reason.LOAD_FAILED, problem + ": " + path.getFileName());
        }
    }
}
