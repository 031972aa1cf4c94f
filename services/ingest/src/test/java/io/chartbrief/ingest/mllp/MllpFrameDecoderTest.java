package io.chartbrief.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MllpFrameDecoderTest {

    private final List<String> frames = new ArrayList<>();
    private int oversized;
    private final MllpFrameDecoder decoder = new MllpFrameDecoder(64,
            bytes -> frames.add(new String(bytes, StandardCharsets.UTF_8)), () -> oversized++);

    @Test
    void reassemblesFramesSplitAcrossChunksAndSkipsNoiseBetweenThem() {
        Buffer stream = Buffer.buffer("\n\n")
                .appendBuffer(MllpFrameDecoder.frame("MSH|first", StandardCharsets.UTF_8))
                .appendString("noise")
                .appendBuffer(MllpFrameDecoder.frame("MSH|second", StandardCharsets.UTF_8));
        for (int i = 0; i < stream.length(); i += 3) {
            decoder.feed(stream.getBuffer(i, Math.min(stream.length(), i + 3)));
        }
        assertThat(frames).containsExactly("MSH|first", "MSH|second");
    }

    @Test
    void keepsALoneEndBlockInsideThePayload() {
        decoder.feed(Buffer.buffer().appendByte((byte) 0x0B).appendString("A").appendByte((byte) 0x1C)
                .appendString("B").appendByte((byte) 0x1C).appendByte((byte) 0x0D));
        assertThat(frames).containsExactly("A\u001CB");
    }

    @Test
    void restartsOnANewStartBlockInsideAnUnfinishedFrame() {
        decoder.feed(Buffer.buffer().appendByte((byte) 0x0B).appendString("abandoned")
                .appendBuffer(MllpFrameDecoder.frame("MSH|retry", StandardCharsets.UTF_8)));
        assertThat(frames).containsExactly("MSH|retry");
    }

    @Test
    void reportsAnOversizedFrameOnceAndRecoversForTheNextOne() {
        decoder.feed(MllpFrameDecoder.frame("X".repeat(200), StandardCharsets.UTF_8));
        decoder.feed(MllpFrameDecoder.frame("MSH|ok", StandardCharsets.UTF_8));
        assertThat(oversized).isEqualTo(1);
        assertThat(frames).containsExactly("MSH|ok");
    }
}
