package io.chartbrief.cli;

import io.chartbrief.interop.hl7.Hl7Bytes;
import io.chartbrief.interop.mllp.MllpClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** HL7 v2 files over MLLP: one message at a time, waiting for each ACK, reconnecting when the peer hangs up. */
final class MllpReplaySender implements ReplaySender {

    private final HostPort target;
    private final Duration timeout;
    private MllpClient client;

    MllpReplaySender(HostPort target, int timeoutSeconds) throws UnreachableException {
        this.target = target;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
        this.client = connect();
    }

    @Override
    public Outcome send(Path file) throws UnreachableException {
        byte[] bytes;
        try {
            bytes = ReplaySender.read(file);
        } catch (IOException e) {
            return new Outcome("unreadable", e.getClass().getSimpleName());
        }
        if (ReplaySender.isJson(bytes)) {
            return new Outcome("skipped", "(FHIR JSON; use --fhir or --kafka)");
        }
        String message = Hl7Bytes.decode(bytes);
        try {
            return parse(clientOrReconnect().send(message));
        } catch (IOException first) {
            // The receiver may have closed the connection after the previous answer (e.g. after an AR): retry once.
            close();
            try {
                return parse(clientOrReconnect().send(message));
            } catch (IOException second) {
                close();
                return new Outcome("no-ack", second.getMessage());
            }
        }
    }

    /** MSA-1 (acknowledgement code) and MSA-3 / ERR-8 (text) of the ACK. */
    static Outcome parse(String ack) {
        String code = "no-msa";
        String detail = "";
        for (String segment : ack.split("[\r\n]+")) {
            if (segment.length() < 4) {
                continue;
            }
            String[] fields = segment.split(java.util.regex.Pattern.quote(String.valueOf(segment.charAt(3))), -1);
            if (segment.startsWith("MSA")) {
                code = fields.length > 1 ? fields[1] : code;
                detail = fields.length > 3 ? fields[3] : "";
            } else if (segment.startsWith("ERR") && detail.isEmpty() && fields.length > 8) {
                detail = fields[8];
            }
        }
        return new Outcome(code, detail);
    }

    private MllpClient clientOrReconnect() throws UnreachableException {
        if (client == null) {
            client = connect();
        }
        return client;
    }

    private MllpClient connect() throws UnreachableException {
        try {
            return new MllpClient(target.host(), target.port(), timeout);
        } catch (IOException e) {
            throw new UnreachableException("cannot connect to MLLP " + target.host() + ":" + target.port()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing a socket that is already gone
            }
            client = null;
        }
    }
}
