package io.chartbrief.cli;

import io.chartbrief.summary.llama.GgufHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where models live and whether a file is one: {@code --models-dir}, else env {@code CHARTBRIEF_MODELS}, else
 * {@code <chartbrief.home or cwd>/models}. Checks happen in Java before llama.cpp sees a file (native code can
 * crash the JVM on bad input).
 */
final class ModelFiles {

    /** Default model: a community Q4_K_M GGUF of MedGemma 4B instruction-tuned (see docs/model.md). */
    static final String DEFAULT_REPO = "unsloth/medgemma-4b-it-GGUF";
    static final String DEFAULT_FILE = "medgemma-4b-it-Q4_K_M.gguf";

    private ModelFiles() {
    }

    /** The models directory for an option value (may be null). */
    static Path modelsDir(Path option) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String env = System.getenv("CHARTBRIEF_MODELS");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("chartbrief.home", ".")).resolve("models").toAbsolutePath().normalize();
    }

    /** The model to use when none is named: the default file if present, else the first {@code *.gguf} by name. */
    static Optional<Path> findModel(Path modelsDir) {
        Path preferred = modelsDir.resolve(DEFAULT_FILE);
        if (Files.isRegularFile(preferred)) {
            return Optional.of(preferred);
        }
        if (!Files.isDirectory(modelsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(modelsDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".gguf") && Files.isRegularFile(p))
                    .sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks that a file is a readable GGUF v2/v3 model.
     *
     * @return null when it is, else a one-line reason
     */
    static String problem(Path model) {
        if (!Files.exists(model)) {
            return "model file not found: " + model;
        }
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            return "model file not readable: " + model;
        }
        try {
            String problem = GgufHeader.problem(model);
            return problem == null ? null : problem + ": " + model;
        } catch (IOException e) {
            return "model file not readable: " + model;
        }
    }
}
