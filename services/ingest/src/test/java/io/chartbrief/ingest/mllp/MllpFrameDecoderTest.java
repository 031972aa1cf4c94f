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
    private int exhausted;
    private final MllpBufferBudget budget = new MllpBufferBudget(2L * MllpFrameDecoder.RESERVE_BLOCK);
    private final MllpFrameDecoder decoder = new MllpFrameDecoder(64, MllpBufferBudget.unlimited(),
            (bytes, reserved) -> frames.add(new String(bytes, StandardCharsets.UTF_8)), () -> oversized++,
            () -> exhausted++);

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

    @Test
    void holdsBudgetWhileAFrameIsReadAndStopsWhenItIsSpent() {
        List<Long> handedOver = new ArrayList<>();
        MllpFrameDecoder first = new MllpFrameDecoder(1 << 20, budget, (bytes, reserved) -> handedOver.add(reserved),
                () -> oversized++, () -> exhausted++);
        MllpFrameDecoder second = new MllpFrameDecoder(1 << 20, budget, (bytes, reserved) -> handedOver.add(reserved),
                () -> oversized++, () -> exhausted++);
        // an unfinished frame of one and a half blocks holds two blocks: the whole budget
        first.feed(Buffer.buffer().appendByte((byte) 0x0B).appendString("x".repeat(MllpFrameDecoder.RESERVE_BLOCK * 3 / 2)));
        assertThat(budget.used()).isEqualTo(budget.capacity());
        second.feed(Buffer.buffer().appendByte((byte) 0x0B).appendString("y"));
        assertThat(exhausted).isEqualTo(1);
        second.feed(MllpFrameDecoder.frame("MSH|ignored", StandardCharsets.UTF_8)); // stopped: nothing more
        assertThat(handedOver).isEmpty();
        // the frame completes: its reservation goes to the receiver, which releases it after the ACK
        first.feed(Buffer.buffer().appendByte((byte) 0x1C).appendByte((byte) 0x0D));
        assertThat(handedOver).containsExactly(2L * MllpFrameDecoder.RESERVE_BLOCK);
        budget.release(handedOver.get(0));
        assertThat(budget.used()).isZero();
        // closing a connection mid-frame gives its bytes back
        first.feed(Buffer.buffer().appendByte((byte) 0x0B).appendString("z"));
        assertThat(budget.used()).isEqualTo(MllpFrameDecoder.RESERVE_BLOCK);
        first.close();
        assertThat(budget.used()).isZero();
    }
}
