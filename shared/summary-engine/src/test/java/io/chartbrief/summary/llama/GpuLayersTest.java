package io.chartbrief.summary.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU-layers setting: what reaches llama.cpp's load parameters, the load key, and the CPU-only library check. */
class GpuLayersTest {

    @TempDir
    Path dir;

    private final LlamaConfig cpu = LlamaConfig.defaults(Path.of("models/medgemma.gguf"));

    @Test
    void defaultsAreCpuOnly() {
        assertThat(cpu.gpuLayers()).isZero();
        assertThat(LoadedModels.modelParameters(cpu).toString()).contains("--gpu-layers 0 ");
    }

    @Test
    void layersReachTheModelParameters() {
        LlamaConfig gpu = cpu.withGpuLayers(999);

        assertThat(gpu.gpuLayers()).isEqualTo(999);
        assertThat(LoadedModels.modelParameters(gpu).toString()).contains("--gpu-layers 999 ")
                .contains("--threads 1 ").contains("--ctx-size 8192 ");
        // Other copies keep the setting.
        assertThat(gpu.withTimeout(java.time.Duration.ofSeconds(5)).withCachePrompt(false).gpuLayers()).isEqualTo(999);
    }

    @Test
    void layersArePartOfTheLoadKey() {
        assertThat(cpu.withGpuLayers(20).loadKey()).isNotEqualTo(cpu.loadKey())
                .isEqualTo(cpu.withGpuLayers(20).loadKey());
        assertThat(cpu.withGpuLayers(20).loadKey().gpuLayers()).isEqualTo(20);
    }

    @Test
    void negativeLayersAreRefused() {
        assertThatThrownBy(() -> cpu.withGpuLayers(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpuLayers");
    }

    @Test
    void externalLibraryIsFoundWhereTheBindingLooks() throws Exception {
        Path libDir = Files.createDirectories(dir.resolve("cuda"));
        Path systemDir = Files.createDirectories(dir.resolve("system"));
        String name = System.mapLibraryName("jllama");

        assertThat(LlamaNativeLibrary.external(libDir.toString(), systemDir.toString())).isEmpty();
        assertThat(LlamaNativeLibrary.external(null, "")).isEmpty();

        Files.createFile(systemDir.resolve(name));
        assertThat(LlamaNativeLibrary.external(null, "/nowhere" + File.pathSeparator + systemDir))
                .contains(systemDir.resolve(name).toAbsolutePath());

        Files.createFile(libDir.resolve(name));
        assertThat(LlamaNativeLibrary.external(libDir.toString(), systemDir.toString()))
                .as("de.kherud.llama.lib.path comes first").contains(libDir.resolve(name).toAbsolutePath());
    }

    @Test
    void warnsOnlyWhenLayersAreAskedOfTheBundledLibrary() {
        assertThat(LlamaNativeLibrary.gpuOffloadWarning(0, Optional.empty())).isEmpty();
        assertThat(LlamaNativeLibrary.gpuOffloadWarning(999, Optional.of(dir.resolve("libjllama.so")))).isEmpty();
        assertThat(LlamaNativeLibrary.gpuOffloadWarning(999, Optional.empty())).hasValueSatisfying(warning ->
                assertThat(warning).contains("gpu-layers is 999", "CPU-only", "de.kherud.llama.lib.path",
                        "docs/model.md"));
    }
}
