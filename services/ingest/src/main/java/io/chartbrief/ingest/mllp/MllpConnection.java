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
 * sender is back-pressured instead of buffered without bound.
 */
final class MllpConnection {

    private final NetSocket socket;
    private final Context context;
    private final Hl7IntakeService intake;
    private final MllpFrameDecoder decoder;
    private final Queue<byte[]> pending = new ArrayDeque<>();
    private boolean busy;

    MllpConnection(NetSocket socket, Hl7IntakeService intake, int maxMessageBytes) {
        this.socket = socket;
        // Created on the connection's event loop; completions from the Kafka producer thread hop back to it.
        this.context = Vertx.currentContext();
        this.intake = intake;
        this.decoder = new MllpFrameDecoder(maxMessageBytes, pending::add, this::onOversized);
    }

    void onBytes(Buffer chunk) {
        decoder.feed(chunk);
        drain();
    }

    private void onOversized() {
        // Nothing of the message can be trusted, not even its control id: reject and close.
        Hl7IntakeService.Ack ack = intake.oversizedAck();
        socket.write(MllpFrameDecoder.frame(ack.text(), ack.charset()));
        socket.close();
    }

    private void drain() {
        if (busy) {
            return;
        }
        byte[] next = pending.poll();
        if (next == null) {
            socket.resume();
            return;
        }
        busy = true;
        socket.pause();
        try {
            intake.receive(next)
                    .emitOn(task -> context.runOnContext(v -> task.run()))
                    .subscribe().with(this::reply, failure -> reply(intake.internalErrorAck()));
        } catch (RuntimeException | LinkageError e) {
            // Whatever goes wrong, the sender gets an answer and the connection keeps working.
            reply(intake.internalErrorAck());
        }
    }

    private void reply(Hl7IntakeService.Ack ack) {
        socket.write(MllpFrameDecoder.frame(ack.text(), ack.charset()));
        busy = false;
        drain();
    }
}
