package io.chartbrief.ingest.mllp;

import io.chartbrief.ingest.service.Hl7IntakeService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One MLLP connection: decodes frames, hands each message to the intake service and writes back its ACK.
 * Messages are acknowledged strictly in arrival order; while one is in flight the socket is paused so a fast
 * sender is back-pressured instead of buffered without bound. The bytes of every frame held (being read, queued
 * or in flight) count against the listener-wide {@link MllpBufferBudget} until its ACK is written.
 */
final class MllpConnection {

    private record Held(byte[] payload, long reserved) {
    }

    private final NetSocket socket;
    private final Context context;
    private final Hl7IntakeService intake;
    private final MllpBufferBudget budget;
    private final MllpFrameDecoder decoder;
    private final Queue<Held> pending = new ArrayDeque<>();
    private boolean busy;
    private boolean closed;

    MllpConnection(NetSocket socket, Hl7IntakeService intake, int maxMessageBytes, MllpBufferBudget budget) {
        this.socket = socket;
        // Created on the connection's event loop; completions from the Kafka producer thread hop back to it.
        this.context = Vertx.currentContext();
        this.intake = intake;
        this.budget = budget;
        this.decoder = new MllpFrameDecoder(maxMessageBytes, budget,
                (payload, reserved) -> pending.add(new Held(payload, reserved)), this::onOversized,
                this::onBudgetExhausted);
    }

    void onBytes(Buffer chunk) {
        if (closed) {
            return;
        }
        decoder.feed(chunk);
        drain();
    }

    /** The socket closed: give back everything this connection still holds. */
    void onClosed() {
        closed = true;
        decoder.close();
        for (Held held; (held = pending.poll()) != null; ) {
            budget.release(held.reserved());
        }
    }

    private void onOversized() {
        // Nothing of the message can be trusted, not even its control id: reject and close.
        answerAndClose(intake.oversizedAck());
    }

    private void onBudgetExhausted() {
        // Not this message's fault: too much unfinished input across all connections. AE, so the sender retries.
        answerAndClose(intake.busyAck());
    }

    private void answerAndClose(Hl7IntakeService.Ack ack) {
        socket.write(MllpFrameDecoder.frame(ack.text(), ack.charset()));
        socket.close();
        onClosed();
    }

    private void drain() {
        if (busy || closed) {
            return;
        }
        Held next = pending.poll();
        if (next == null) {
            socket.resume();
            return;
        }
        busy = true;
        socket.pause();
        try {
            intake.receive(next.payload())
                    .emitOn(task -> context.runOnContext(v -> task.run()))
                    .subscribe().with(ack -> reply(next, ack), failure -> reply(next, intake.internalErrorAck()));
        } catch (RuntimeException | LinkageError e) {
            // Whatever goes wrong, the sender gets an answer and the connection keeps working.
            reply(next, intake.internalErrorAck());
        }
    }

    private void reply(Held message, Hl7IntakeService.Ack ack) {
        budget.release(message.reserved());
        socket.write(MllpFrameDecoder.frame(ack.text(), ack.charset()));
        busy = false;
        drain();
    }
}
