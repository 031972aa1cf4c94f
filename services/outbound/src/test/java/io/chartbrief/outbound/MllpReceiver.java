package io.chartbrief.outbound;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The receiving interface engine of the tests: HAPI HL7v2's own MLLP server ({@link HL7Service}) on a fixed port,
 * parsing every message with HAPI and answering AA — or, for a document number (TXA-12) given a script, the
 * scripted codes in turn (AE, AR), then AA. Can be stopped and started again on the same port.
 */
public final class MllpReceiver {

    private static final int PORT = freePort();
    private static final MllpReceiver INSTANCE = new MllpReceiver();

    private final HapiContext hapi = new DefaultHapiContext(ValidationContextFactory.noValidation());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<AcknowledgmentCode>> scripts = new ConcurrentHashMap<>();
    private HL7Service server;

    /** One message as received, parsed by HAPI, and the code it was answered. */
    public record Received(Message message, String er7, AcknowledgmentCode answer) {

        /** A field by Terser path ({@code /TXA-12-1}). */
        public String get(String path) {
            try {
                return new Terser(message).get(path);
            } catch (HL7Exception e) {
                throw new IllegalStateException(path, e);
            }
        }
    }

    private MllpReceiver() {
        // Decode by MSH-18 (ChartBrief sends UNICODE UTF-8), as an interface engine set up per docs/integration.md.
        hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
    }

    public static MllpReceiver instance() {
        return INSTANCE;
    }

    public static int port() {
        return PORT;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = hapi.newServer(PORT, false);
        server.registerApplication("*", "*", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                return answer(message);
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        try {
            server.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    /** Answers the next messages carrying document number {@code summaryId} with these codes, then AA. */
    public void script(String summaryId, AcknowledgmentCode... codes) {
        scripts.put(summaryId, new ArrayDeque<>(List.of(codes)));
    }

    /** Every message received with TXA-12.1 = {@code summaryId}. */
    public List<Received> of(String summaryId) {
        return received.stream().filter(r -> summaryId.equals(r.get("/TXA-12-1"))).toList();
    }

    /** Those of them answered AA. */
    public List<Received> acceptedOf(String summaryId) {
        return of(summaryId).stream().filter(r -> r.answer() == AcknowledgmentCode.AA).toList();
    }

    private Message answer(Message message) throws HL7Exception {
        String summaryId = new Terser(message).get("/TXA-12-1");
        Deque<AcknowledgmentCode> script = summaryId == null ? null : scripts.get(summaryId);
        AcknowledgmentCode code = script == null || script.isEmpty() ? AcknowledgmentCode.AA : script.poll();
        received.add(new Received(message, message.encode(), code));
        try {
            return code == AcknowledgmentCode.AA ? message.generateACK()
                    : message.generateACK(code, new HL7Exception(code == AcknowledgmentCode.AR
                            ? "document type not accepted here" : "document store busy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
