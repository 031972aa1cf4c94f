package io.chartbrief.outbound.service;

import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.outbound.config.OutboundConfig;
import io.chartbrief.outbound.mapping.MdmAck;
import io.chartbrief.outbound.mapping.MdmMessageBuilder;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The HL7 v2 MDM write-back: each summary as MDM^T02 (T10 when it replaces one) over MLLP to the configured
 * interface engine, one message in flight, then the ACK decides: AA accepted; AR rejected (the record goes to
 * {@code ehr.dlq} with the receiver's reason); AE, an ACK for another control id, no ACK within
 * {@code ack-timeout}, or no connection: failed, sent again with backoff. The connection is kept open between
 * messages and opened again after any error.
 */
@ApplicationScoped
public class MdmConnector implements WriteBackConnector {

    /** Ledger key and metric tag. */
    public static final String NAME = "mdm";

    private static final Logger LOG = Logger.getLogger(MdmConnector.class);

    private final OutboundConfig.Mdm config;
    private final MdmMessageBuilder builder;
    private MllpClient connection;

    public MdmConnector(OutboundConfig config) {
        this.config = config.mdm();
        this.builder = new MdmMessageBuilder(this.config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(config.retry().initialBackoff(), config.retry().maxBackoff(),
                Math.max(1, config.retry().maxAttempts()));
    }

    @Override
    public synchronized Attempt send(Delivery delivery) {
        String message;
        try {
            message = builder.build(delivery, Instant.now());
        } catch (RuntimeException e) {
            // A document HAPI cannot write as MDM is this record's fault: dead-lettered, never retried.
            return new Attempt.Rejected("the summary could not be written as MDM (" + e.getClass().getSimpleName() + ")");
        }
        String answer;
        try {
            if (connection == null) {
                connection = new MllpClient(config.host(), config.port(), config.ackTimeout());
            }
            answer = connection.send(message);
        } catch (ConnectException e) {
            disconnect();
            return new Attempt.Failed("no connection to " + config.host() + ":" + config.port());
        } catch (SocketTimeoutException e) {
            disconnect();
            return new Attempt.Failed("no ACK within " + config.ackTimeout().toMillis() + " ms");
        } catch (IOException e) {
            disconnect();
            return new Attempt.Failed("connection failed (" + e.getClass().getSimpleName() + ")");
        }
        MdmAck ack = MdmAck.parse(answer);
        if (ack.code() == null) {
            disconnect();
            return new Attempt.Failed("the answer is not an HL7 ACK");
        }
        if (!delivery.transmissionId().equals(ack.controlId())) {
            // An answer to some other message: this connection is out of step.
            disconnect();
            return new Attempt.Failed("ACK for control id " + ack.controlId() + ", not " + delivery.transmissionId());
        }
        if (ack.accepted()) {
            return new Attempt.Accepted();
        }
        String reason = ack.code() + (ack.reason() == null ? "" : ": " + ack.reason());
        if (ack.rejected()) {
            return new Attempt.Rejected("rejected by the receiver (" + reason + ")");
        }
        LOG.debugf("MDM %s answered %s", delivery.transmissionId(), ack.code());
        return new Attempt.Failed("receiver answered " + reason);
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing a broken connection: nothing to keep
            }
            connection = null;
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        disconnect();
        builder.close();
    }
}
