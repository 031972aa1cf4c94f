package io.chartbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Sends one file to a replay target and says what the target answered. */
interface ReplaySender extends AutoCloseable {

    /**
     * @param code   {@code AA}/{@code AE}/{@code AR} for MLLP, the HTTP status for REST, {@code written} for Kafka,
     *               {@code skipped} for a file the target cannot take, {@code unreadable} for a file that
     *               cannot be read
     * @param detail the receiver's reason, when it gave one
     */
    record Outcome(String code, String detail) {
    }

    /** The target could not be reached at all (connection refused, unknown host, broker down). */
    final class UnreachableException extends Exception {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Set<String> ACCEPTED = Set.of("AA", "CA", "200", "201", "202", "written", "skipped");

    static boolean isAccepted(String code) {
        return ACCEPTED.contains(code);
    }

    Outcome send(Path file) throws UnreachableException;

    @Override
    void close();

    static ReplaySender open(ReplayCommand.Target target, String token, int timeoutSeconds) throws UnreachableException {
        if (target.mllp != null) {
            return new MllpReplaySender(HostPort.parse(target.mllp), timeoutSeconds);
        }
        if (target.fhir != null) {
            return new FhirRestReplaySender(target.fhir, token, timeoutSeconds);
        }
        return new KafkaReplaySender(target.kafka, timeoutSeconds);
    }

    /** FHIR JSON starts with '{' after an optional byte order mark and whitespace; anything else is HL7 v2. */
    static boolean isJson(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '{';
    }

    static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    /** {@code host:port}. */
    record HostPort(String host, int port) {
        static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            try {
                if (colon > 0) {
                    return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
    }
}
