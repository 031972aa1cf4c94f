package io.chartbrief.cli.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Default ports of the local stack (each overridable) and the check that a port is free before we use it. */
public final class StackPorts {

    public static final int INBOX_HTTP = 8080;
    public static final int INGEST_HTTP = 8081;
    public static final int INGEST_MLLP = 2575;
    public static final int CHART_HTTP = 8082;
    public static final int SUMMARIZER_HTTP = 8083;
    public static final int OUTBOUND_HTTP = 8084;
    public static final int KAFKA = 9092;
    public static final int KAFKA_CONTROLLER = 9093;
    public static final int POSTGRES = 5433;

    private StackPorts() {
    }

    /**
     * @throws IllegalStateException naming the port, its user in the stack and the option that moves it
     */
    public static void requireFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use: stop whatever uses it,"
                    + " or choose another port with " + option);
        }
    }

    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
