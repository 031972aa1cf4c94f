package io.chartbrief.summary.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic thread counts: every CPU for a model of real size, one CPU left free for a small one. */
class LlamaThreadsTest {

    @TempDir
    Path dir;

    @Test
    void aModelOfRealSizeUsesEveryCpuForBoth() throws IOException {
        Path model = sized("medgemma-4b.gguf", LlamaThreads.LARGE_MODEL_BYTES);   // sparse: no disk used
        assertThat(LlamaThreads.auto(model, 2)).isEqualTo(new LlamaThreads(2, 2));
        assertThat(LlamaThreads.auto(model, 8)).isEqualTo(new LlamaThreads(8, 8));
    }

    @Test
    void aSmallModelLeavesOneCpuFreeWhileGenerating() throws IOException {
        Path model = sized("tiny.gguf", LlamaThreads.LARGE_MODEL_BYTES - 1);
        assertThat(LlamaThreads.auto(model, 2)).isEqualTo(new LlamaThreads(1, 2));
        assertThat(LlamaThreads.auto(model, 1)).isEqualTo(new LlamaThreads(1, 1));
        assertThat(LlamaThreads.auto(dir.resolve("missing.gguf"), 2)).isEqualTo(new LlamaThreads(1, 2));
    }

    @Test
    void explicitCountsWinAndZeroMeansAuto() throws IOException {
        Path model = sized("medgemma-4b.gguf", LlamaThreads.LARGE_MODEL_BYTES);
        assertThat(LlamaThreads.resolve(3, 0, model, 2)).isEqualTo(new LlamaThreads(3, 2));
        assertThat(LlamaThreads.resolve(0, 1, model, 4)).isEqualTo(new LlamaThreads(4, 1));
        assertThatThrownBy(() -> LlamaThreads.resolve(-1, 0, model, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private Path sized(String name, long bytes) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        assertThat(Files.size(file)).isEqualTo(bytes);
        return file;
    }
}
