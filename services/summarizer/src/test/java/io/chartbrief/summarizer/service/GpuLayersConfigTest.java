package io.chartbrief.summarizer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summarizer.config.SummarizerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code chartbrief.summarizer.gpu-layers}: default CPU only, set from the environment, carried to the engine. */
class GpuLayersConfigTest {

    private static SummarizerConfig config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SummarizerConfig.class)
                // Quarkus' own "30s" durations, as in the application
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new EnvConfigSource(environment, 300))
                .build();
        return config.getConfigMapping(SummarizerConfig.class);
    }

    @Test
    void cpuOnlyByDefault() {
        SummarizerConfig config = config(Map.of());

        assertThat(config.gpuLayers()).isZero();
        assertThat(new EngineService(config, new SimpleMeterRegistry()).llamaConfig(Path.of("m.gguf")).gpuLayers())
                .isZero();
    }

    @Test
    void theChartsVariableReachesTheEngine() {
        SummarizerConfig config = config(Map.of("CHARTBRIEF_SUMMARIZER_GPU_LAYERS", "999"));

        assertThat(config.gpuLayers()).isEqualTo(999);
        assertThat(new EngineService(config, new SimpleMeterRegistry()).llamaConfig(Path.of("m.gguf")))
                .satisfies(engine -> {
                    assertThat(engine.gpuLayers()).isEqualTo(999);
                    assertThat(engine.loadKey().gpuLayers()).isEqualTo(999);
                    assertThat(engine.cachePrompt()).isTrue();
                });
    }
}
