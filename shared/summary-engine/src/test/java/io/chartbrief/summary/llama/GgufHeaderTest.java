package io.chartbrief.summary.llama;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.testsupport.GemmaGguf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufHeaderTest {

    @TempDir
    Path dir;

    @Test
    void aGgufV3ModelPasses() throws Exception {
        assertThat(GgufHeader.problem(GemmaGguf.tiny(dir.resolve("tiny.gguf"), 1))).isNull();
    }

    @Test
    void anErrorPageSavedAsAModelIsNotOne() throws Exception {
        Path page = Files.writeString(dir.resolve("page.gguf"), "<html>Access denied</html> not a model at all");
        assertThat(GgufHeader.problem(page)).isEqualTo("not a GGUF model file");
    }

    @Test
    void aTruncatedHeaderIsNotOne() throws Exception {
        byte[] model = Files.readAllBytes(GemmaGguf.tiny(dir.resolve("tiny.gguf"), 1));
        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(model, 8));
        assertThat(GgufHeader.problem(truncated)).isEqualTo("not a GGUF model file");
    }

    @Test
    void aVersionLlamaCppDoesNotReadIsNamed() throws Exception {
        byte[] model = Files.readAllBytes(GemmaGguf.tiny(dir.resolve("tiny.gguf"), 1));
        ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 4);
        Path future = Files.write(dir.resolve("v4.gguf"), model);
        assertThat(GgufHeader.problem(future)).isEqualTo("unsupported GGUF version 4");
    }
}
