package io.chartbrief.outbound.service;

import java.time.Duration;

/**
 * A way into the hospital's record system (HL7 v2 MDM over MLLP today; FHIR DocumentReference next). The service
 * owns the ledger, supersede decisions and retries; a connector only turns one {@link Delivery} into one send and
 * says how the receiver answered. Implementations are CDI beans; every enabled one gets every summary.
 */
public interface WriteBackConnector {

    /** The ledger key and metric tag of this connector ({@code mdm}, {@code fhir}, ...). Never changes. */
    String name();

    /** Whether this connector is configured to send. */
    boolean enabled();

    /** How to resend after {@link Attempt.Failed}. */
    RetryPolicy retryPolicy();

    /**
     * Sends one document once and waits for the receiver's answer. Must not throw for a receiver problem: those
     * are {@link Attempt.Failed} (try again) or {@link Attempt.Rejected} (never again).
     */
    Attempt send(Delivery delivery);

    /** How a connector's resends are spaced: from {@code initialBackoff} doubling up to {@code maxBackoff}. */
    record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

        /** The wait after the {@code attempt}-th failed send (1-based). */
        public Duration backoffAfter(int attempt) {
            long millis = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /** What the receiver made of one send. */
    sealed interface Attempt {

        /** Accepted (HL7 AA): the document is in the receiver's hands. */
        record Accepted() implements Attempt {
        }

        /** Refused for good (HL7 AR, or a document the connector cannot write): sending it again cannot succeed. */
        record Rejected(String reason) implements Attempt {
        }

        /** Not accepted this time (HL7 AE, no ACK, no connection): send again later. */
        record Failed(String reason) implements Attempt {
        }
    }
}
