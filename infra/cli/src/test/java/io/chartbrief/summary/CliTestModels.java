package io.chartbrief.summary;

import java.io.IOException;
import java.nio.file.Path;

/** Bridge to the summary engine's package-private {@link TinyGgufModel} (from its test-jar). */
public final class CliTestModels {

    private CliTestModels() {
    }

    /** Writes a ~1 MB random-weight gemma3 GGUF. */
    public static Path tinyGemma3(Path file, long seed) throws IOException {
        return TinyGgufModel.write(file, seed);
    }
}
