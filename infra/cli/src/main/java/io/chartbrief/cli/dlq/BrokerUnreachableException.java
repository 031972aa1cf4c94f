package io.chartbrief.cli.dlq;

/** No Kafka broker answered (connection refused, unknown host, broker down): exit status 3. */
final class BrokerUnreachableException extends Exception {
    BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
