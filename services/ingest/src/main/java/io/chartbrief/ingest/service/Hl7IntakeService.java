package io.chartbrief.ingest.service;

import io.chartbrief.ingest.config.IngestConfig;
import io.chartbrief.ingest.config.IngestLimits;
import io.chartbrief.ingest.messaging.InboundRecordPublisher;
import io.chartbrief.interop.hl7.Hl7Acknowledgement;
import io.chartbrief.interop.hl7.Hl7Bytes;
import io.chartbrief.interop.hl7.Hl7HeaderReader;
import io.chartbrief.interop.hl7.Hl7Limits;
import io.chartbrief.interop.event.InboundPartitionKey;
import io.chartbrief.interop.hl7.Hl7MessageHeader;
import io.chartbrief.interop.hl7.Hl7RejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Accepts one HL7 v2 message received over MLLP: validates its header, writes it to
 * {@code ehr.hl7v2.inbound} and answers with an ACK. {@code AA} is only ever sent after the broker acknowledged
 * the write (acks=all); a broker failure or timeout yields {@code AE} so that the sender retries.
 */
@ApplicationScoped
public class Hl7IntakeService {

    private static final Logger LOG = Logger.getLogger(Hl7IntakeService.class);

    /** The ACK text and the charset the sender's message arrived in (the ACK goes back in the same one). */
    public record Ack(String text, Charset charset, String code) {
    }

    private final InboundRecordPublisher publisher;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final Timer ackLatency;
    private final Hl7Limits limits;

    public Hl7IntakeService(InboundRecordPublisher publisher, IngestConfig config, MeterRegistry metrics) {
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.limits = IngestLimits.hl7(config.hl7());
        this.ackLatency = Timer.builder("chartbrief.ingest.mllp.ack.latency")
                .description("Time from a complete MLLP frame to its ACK")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    /** Validates, stores and acknowledges one framed message payload. Never fails: errors become AE/AR ACKs. */
    public Uni<Ack> receive(byte[] payload) {
        long started = System.nanoTime();
        Charset charset = Hl7Bytes.detectCharset(payload);
        String text = new String(payload, charset);
        Hl7MessageHeader header;
        try {
            header = Hl7HeaderReader.read(text);
        } catch (Hl7RejectedException e) {
            return Uni.createFrom().item(done(started, refused(null, e, charset)));
        } catch (RuntimeException | StackOverflowError e) {
            // whatever the reader tripped over is in the message itself: resending it unchanged cannot help
            return Uni.createFrom().item(done(started, refused(null, new Hl7RejectedException(
                    Hl7RejectedException.SEGMENT_SEQUENCE_ERROR, "MSH", 0, true,
                    "message header could not be read (" + e.getClass().getSimpleName() + ")"), charset)));
        }
        try {
            limits.check(text);
        } catch (Hl7RejectedException e) {
            return Uni.createFrom().item(done(started, refused(header, e, charset)));
        }
        String key = InboundPartitionKey.ofHl7(text, header.controlId());
        return publisher.publishHl7(text, key, header)
                .ifNoItem().after(config.mllp().brokerAckTimeout()).fail()
                .map(ignored -> new Ack(Hl7Acknowledgement.accept(header), charset, "AA"))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("MLLP message %s not stored, answering AE: %s", header.controlId(), failure.toString());
                    return new Ack(Hl7Acknowledgement.error(header, "AE", "207", "MSH", 10,
                            "message not stored (event backbone unavailable); please resend"), charset, "AE");
                })
                .map(ack -> done(started, ack));
    }

    private static Ack refused(Hl7MessageHeader header, Hl7RejectedException e, Charset charset) {
        LOG.infof("MLLP message %s rejected: %s (code %s)", header == null ? "" : header.controlId(), e.getMessage(),
                e.errorCode());
        return new Ack(Hl7Acknowledgement.error(header, e.ackCode(), e.errorCode(), e.segment(), e.field(),
                e.getMessage()), charset, e.ackCode());
    }

    /** ACK for a frame above the size limit (its header is not even read). */
    public Ack oversizedAck() {
        count("AR");
        return new Ack(Hl7Acknowledgement.error(null, "AR", "100", "MSH", 0,
                "message larger than " + config.mllp().maxMessageBytes() + " bytes"), StandardCharsets.UTF_8, "AR");
    }

    /** ACK when the listener's buffer budget across connections is spent: the sender should retry later. */
    public Ack busyAck() {
        count("AE");
        return new Ack(Hl7Acknowledgement.error(null, "AE", "207", "MSH", 0,
                "receiver busy (too much unfinished input across connections); please resend later"),
                StandardCharsets.UTF_8, "AE");
    }

    /** ACK for an unexpected failure inside the service itself. */
    public Ack internalErrorAck() {
        count("AE");
        return new Ack(Hl7Acknowledgement.error(null, "AE", "207", "MSH", 0, "internal error; please resend"),
                StandardCharsets.UTF_8, "AE");
    }

    private Ack done(long started, Ack ack) {
        ackLatency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        count(ack.code());
        return ack;
    }

    private void count(String ackCode) {
        metrics.counter("chartbrief.ingest.mllp.messages", "ack", ackCode).increment();
    }
}
