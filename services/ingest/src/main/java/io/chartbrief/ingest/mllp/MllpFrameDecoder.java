package io.chartbrief.ingest.mllp;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Splits a TCP byte stream into MLLP frames: {@code 0x0B <message> 0x1C 0x0D}. Bytes outside a frame (line noise,
 * keep-alive newlines) are skipped. A frame larger than the limit is reported once and its bytes discarded until
 * the next start block, so one oversized message cannot exhaust memory or wedge the connection.
 *
 * <p>Not thread-safe: one decoder per connection, fed from the connection's event-loop.
 */
public final class MllpFrameDecoder {

    public static final byte START_BLOCK = 0x0B;
    public static final byte END_BLOCK = 0x1C;
    public static final byte CARRIAGE_RETURN = 0x0D;

    private final int maxFrameBytes;
    private final Consumer<byte[]> onFrame;
    private final Runnable onOversized;
    private Buffer frame;
    private boolean inFrame;
    private boolean discarding;
    private boolean sawEndBlock;

    /**
     * @param maxFrameBytes largest accepted message payload
     * @param onFrame       receives each complete message payload (without framing bytes)
     * @param onOversized   called once per frame that exceeded the limit
     */
    public MllpFrameDecoder(int maxFrameBytes, Consumer<byte[]> onFrame, Runnable onOversized) {
        this.maxFrameBytes = maxFrameBytes;
        this.onFrame = onFrame;
        this.onOversized = onOversized;
    }

    public void feed(Buffer chunk) {
        int length = chunk.length();
        for (int i = 0; i < length; i++) {
            byte b = chunk.getByte(i);
            if (!inFrame) {
                if (b == START_BLOCK) {
                    startFrame();
                }
                continue;
            }
            if (sawEndBlock) {
                sawEndBlock = false;
                if (b == CARRIAGE_RETURN) {
                    finishFrame();
                    continue;
                }
                // A lone 0x1C inside the payload is data, not the end of the frame.
                append(END_BLOCK);
            }
            if (b == END_BLOCK) {
                sawEndBlock = true;
            } else if (b == START_BLOCK) {
                // A new start block before the end block: the sender gave up on the previous frame.
                startFrame();
            } else {
                append(b);
            }
        }
    }

    private void startFrame() {
        inFrame = true;
        discarding = false;
        sawEndBlock = false;
        frame = Buffer.buffer(1024);
    }

    private void append(byte b) {
        if (discarding) {
            return;
        }
        if (frame.length() >= maxFrameBytes) {
            discarding = true;
            frame = null;
            onOversized.run();
            return;
        }
        frame.appendByte(b);
    }

    private void finishFrame() {
        inFrame = false;
        if (!discarding) {
            byte[] payload = frame.getBytes();
            frame = null;
            onFrame.accept(payload);
        }
        discarding = false;
    }

    /** Wraps an outgoing message in MLLP framing. */
    public static Buffer frame(String message, java.nio.charset.Charset charset) {
        return Buffer.buffer(message.length() + 3)
                .appendByte(START_BLOCK)
                .appendBytes(message.getBytes(charset))
                .appendByte(END_BLOCK)
                .appendByte(CARRIAGE_RETURN);
    }
}
