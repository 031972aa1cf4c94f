package io.chartbrief.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.testsupport.GemmaGguf.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file layout; that llama.cpp loads what it writes is shown by the summary engine's LlamaEngineTest. */
class GemmaGgufTest {

    @TempDir
    Path dir;

    @Test
    void writesAGgufV3HeaderWithEveryTensorOfTheShape() throws Exception {
        byte[] model = Files.readAllBytes(GemmaGguf.tiny(dir.resolve("tiny.gguf"), 7));
        ByteBuffer header = ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(model, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("GGUF");
        assertThat(header.getInt(4)).isEqualTo(3);
        assertThat(header.getLong(8)).as("tensors: embeddings, output norm, 13 per block").isEqualTo(2 + 13 * 6);
        assertThat(model.length % 32).as("32-byte aligned").isZero();
        assertThat(Files.list(dir)).as("no .part left behind").containsExactly(dir.resolve("tiny.gguf"));
    }

    @Test
    void theSameSeedWritesTheSameModelAndAnotherSeedOtherWeights() throws Exception {
        byte[] first = Files.readAllBytes(GemmaGguf.tiny(dir.resolve("a.gguf"), 7));
        byte[] again = Files.readAllBytes(GemmaGguf.tiny(dir.resolve("b.gguf"), 7));
        byte[] other = Files.readAllBytes(GemmaGguf.tiny(dir.resolve("c.gguf"), 8));

        assertThat(again).isEqualTo(first);
        assertThat(other).hasSameSizeAs(first).isNotEqualTo(first);
    }

    @Test
    void parametersCountEveryWeight() {
        Shape tiny = Shape.TINY;
        long perBlock = 4L * tiny.embd() + 2L * 16 + (long) tiny.embd() * 64 * 2 + (long) tiny.embd() * 32 * 2
                + 3L * tiny.embd() * tiny.ff();
        assertThat(GemmaGguf.parameters(tiny)).isEqualTo((long) tiny.embd() * 261 + tiny.embd() + 6 * perBlock);
    }

    @Test
    void halfPrecisionRoundsToNearest() {
        assertThat(GemmaGguf.toHalf(1f)).isEqualTo((short) 0x3c00);
        assertThat(GemmaGguf.toHalf(-2f)).isEqualTo((short) 0xc000);
        assertThat(GemmaGguf.toHalf(0.05f)).isEqualTo((short) 0x2a66);
        assertThat(GemmaGguf.toHalf(1e-8f)).as("subnormal flushes to zero").isEqualTo((short) 0);
    }
}
