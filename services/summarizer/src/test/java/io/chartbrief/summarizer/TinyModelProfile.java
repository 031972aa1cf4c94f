package io.chartbrief.summarizer;

import io.chartbrief.testsupport.GemmaGguf;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The service with a tiny random-weight gemma3 GGUF (generated, ~1 MB) as its model: the real llama.cpp path. */
public class TinyModelProfile implements QuarkusTestProfile {

    static synchronized Path model() {
        Path file = Path.of("target", "models", "tiny-gemma3.gguf").toAbsolutePath();
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(file.getParent());
                GemmaGguf.tiny(file, 7);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "chartbrief.summarizer.model-path", model().toString(),
                "chartbrief.summarizer.context-size", "4096",
                "chartbrief.summarizer.threads", "1",
                "chartbrief.summarizer.batch-threads", "1",
                "chartbrief.summarizer.max-output-tokens", "256",
                "chartbrief.summarizer.timeout", "60s");
    }

    @Override
    public String getConfigProfile() {
        return "tiny-model";
    }
}
