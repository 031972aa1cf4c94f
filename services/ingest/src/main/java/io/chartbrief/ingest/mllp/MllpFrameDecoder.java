package io.chartbrief.ingest.mllp;

import io.vertx.core.buffer.Buffer;

/**
 * Splits a TCP byte stream into MLLP frames: {@code 0x0B <message> 0x1C 0x0D}. Bytes outside a frame (line noise,
 * keep-alive newlines) are skipped. A frame larger than the limit is reported once and its bytes discarded until
 * the next start block, so one oversized message cannot exhaust memory or wedge the connection. Memory for the
 * frame being read is reserved from a {@link MllpBufferBudget} shared by all connections, in blocks; when the budget
 * is spent the decoder reports it and stops (the connection is closed), whatever the frame's own size.
 *
 * <p>Not thread-safe: one decoder per connection, fed from the connection's event-loop.
 */
public final class MllpFrameDecoder {

    public static final byte START_BLOCK = 0x0B;
    public static final byte END_BLOCK = 0x1C;
    public static final byte CARRIAGE_RETURN = 0x0D;

    /** Reservation step: small enough to be fair between connections, large enough to be cheap. */
    static final int RESERVE_BLOCK = 64 * 1024;

    /** Receives a complete frame and the budget bytes it holds; the receiver releases them when done with it. */
    @FunctionalInterface
    public interface FrameHandler {
        void onFrame(byte[] payload, long reservedBytes);
    }

    private final int maxFrameBytes;
    private final MllpBufferBudget budget;
    private final FrameHandler onFrame;
    private final Runnable onOversized;
    private final Runnable onBudgetExhausted;
    private Buffer frame;
    private long reserved;
    private boolean inFrame;
    private boolean discarding;
    private boolean sawEndBlock;
    private boolean stopped;

    /**
     * @param maxFrameBytes     largest accepted message payload
     * @param budget            memory shared by all connections
     * @param onFrame           receives each complete message payload (without framing bytes)
     * @param onOversized       called once per frame that exceeded the limit
     * @param onBudgetExhausted called once when the shared budget cannot hold this frame; the decoder then stops
     */
    public MllpFrameDecoder(int maxFrameBytes, MllpBufferBudget budget, FrameHandler onFrame, Runnable onOversized,
            Runnable onBudgetExhausted) {
        this.maxFrameBytes = maxFrameBytes;
        this.budget = budget;
        this.onFrame = onFrame;
        this.onOversized = onOversized;
        this.onBudgetExhausted = onBudgetExhausted;
    }

    public void feed(Buffer chunk) {
        int length = chunk.length();
        for (int i = 0; i < length && !stopped; i++) {
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

    /** Stops decoding and gives back what the unfinished frame holds (connection closed). Idempotent. */
    public void close() {
        stopped = true;
        dropFrame();
    }

    private void startFrame() {
        dropFrame();
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
            dropFrame();
            onOversized.run();
            return;
        }
        if (frame.length() >= reserved) {
            if (!budget.tryReserve(RESERVE_BLOCK)) {
                close();
                onBudgetExhausted.run();
                return;
            }
            reserved += RESERVE_BLOCK;
        }
        frame.appendByte(b);
    }

    private void finishFrame() {
        inFrame = false;
        if (!discarding) {
            byte[] payload = frame.getBytes();
            long held = reserved;
            frame = null;
            reserved = 0; // handed over with the payload
            onFrame.onFrame(payload, held);
        }
        discarding = false;
    }

    private void dropFrame() {
        frame = null;
        budget.release(reserved);
        reserved = 0;
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
