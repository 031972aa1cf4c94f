package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code summarizer.gpu.enabled} sets {@code CHARTBRIEF_SUMMARIZER_GPU_LAYERS} (from {@code gpu.layers}) and only
 * then; {@code summarizer.llamaLibPath} points the binding at a self-built libjllama through JAVA_OPTS.
 */
class GpuOffloadTest {

    private static final String GPU_LAYERS = "CHARTBRIEF_SUMMARIZER_GPU_LAYERS";

    private static Map<String, String> summarizerConfig(RenderedChart chart) {
        return chart.configMap("cb-chartbrief-summarizer").orElseThrow().getData();
    }

    private static String javaOpts(RenderedChart chart) {
        Container app = chart.deployment("summarizer").orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        return app.getEnv().stream().filter(e -> e.getName().equals("JAVA_OPTS")).map(EnvVar::getValue)
                .findFirst().orElseThrow();
    }

    @Test
    void withoutGpuNoLayersAreSetAndTheBundledLibraryIsUsed() {
        RenderedChart chart = RenderedChart.render(ValuesSet.defaults());

        assertThat(summarizerConfig(chart)).doesNotContainKey(GPU_LAYERS);
        assertThat(javaOpts(chart)).doesNotContain("de.kherud.llama.lib.path");
        // gpu.layers alone does nothing while the GPU is off.
        assertThat(summarizerConfig(RenderedChart.render(List.of(), Map.of("summarizer.gpu.layers", "12"))))
                .doesNotContainKey(GPU_LAYERS);
    }

    @Test
    void gpuEnabledOffloadsAllLayersByDefault() {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of("summarizer.gpu.enabled", "true"));

        assertThat(summarizerConfig(chart)).containsEntry(GPU_LAYERS, "999");
        assertThat(EnvironmentIsConfigurationTest.unknownVariables(chart)).isEmpty();
    }

    @Test
    void layersAndLibraryPathFromTheValues() {
        RenderedChart chart = RenderedChart.render(ValuesSet.allFeatures());

        assertThat(summarizerConfig(chart)).containsEntry(GPU_LAYERS, "40");
        assertThat(javaOpts(chart)).startsWith("-Xmx").contains(" -Dde.kherud.llama.lib.path=/opt/jllama-cuda");
    }

    @Test
    void theSchemaRefusesNegativeLayersAndRelativeLibraryPaths() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("summarizer.gpu.layers", "-1")))
                .hasMessageContaining("layers");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("summarizer.llamaLibPath", "lib/cuda")))
                .hasMessageContaining("llamaLibPath");
    }
}
