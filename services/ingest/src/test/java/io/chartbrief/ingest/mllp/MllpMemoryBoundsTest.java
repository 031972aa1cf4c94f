package io.chartbrief.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Many senders holding almost-maximal unfinished frames cannot fill the heap: the shared budget refuses them. */
@QuarkusTest
@TestProfile(MllpMemoryBoundsTest.SmallBudget.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class MllpMemoryBoundsTest {

    private static final long BUDGET = 16L * 1024 * 1024;
    private static final int MAX_CONNECTIONS = 120;

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chartbrief.ingest.mllp.max-buffered-bytes", Long.toString(BUDGET),
                    "chartbrief.ingest.mllp.max-connections", Integer.toString(MAX_CONNECTIONS));
        }
    }

    @Inject
    MllpListener listener;

    @Test
    void aHundredUnfinishedFramesOfAlmostMaximalSizeStayWithinTheBudget() throws Exception {
        byte[] almostMax = new byte[3_900_000];
        java.util.Arrays.fill(almostMax, (byte) 'x');
        List<Socket> sockets = new ArrayList<>();
        int held = 0;
        try {
            List<Socket> written = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket("localhost", listener.port());
                sockets.add(socket);
                if (writeUnfinishedFrame(socket, almostMax)) {
                    written.add(socket);
                }
                assertThat(listener.bufferedBytes()).isLessThanOrEqualTo(BUDGET);
            }
            // a held frame gets no answer; a refused one gets AE "receiver busy" and its connection closed
            for (Socket socket : written) {
                if (!answeredOrClosed(socket)) {
                    held++;
                }
            }
            // 16 MiB holds four 3.9 MB frames; every other sender was refused
            assertThat(held).isBetween(1, (int) (BUDGET / almostMax.length));
            assertThat(listener.bufferedBytes()).isLessThanOrEqualTo(BUDGET);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        awaitBufferedBytesZero();
        String controlId = "AFTER-" + UUID.randomUUID();
        try (MllpClient client = new MllpClient("localhost", listener.port(), Duration.ofSeconds(30))) {
            assertThat(client.send(Fixtures.adtA01(controlId, "MRN-MEM"))).contains("MSA|AA|" + controlId);
        }
    }

    @Test
    void connectionsBeyondTheMaximumAreClosed() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                sockets.add(new Socket("localhost", listener.port()));
            }
            awaitOpenConnections(MAX_CONNECTIONS);
            try (Socket extra = new Socket("localhost", listener.port())) {
                extra.setSoTimeout(10_000);
                assertThat(extra.getInputStream().read()).isEqualTo(-1); // closed at once, nothing said
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** @return false when the write itself failed (the server refused and reset the connection) */
    private static boolean writeUnfinishedFrame(Socket socket, byte[] payload) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(MllpFrameDecoder.START_BLOCK);
            for (int at = 0; at < payload.length; at += 65_536) {
                out.write(payload, at, Math.min(65_536, payload.length - at));
            }
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Two seconds of silence mean held: by then a refused connection was answered or closed (on a loaded 2-core CI
     * box the listener may still be reading the last frames when the check starts; half a second was too short).
     */
    private static boolean answeredOrClosed(Socket socket) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try {
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            StringBuilder answer = new StringBuilder();
            while (System.nanoTime() < deadline) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return true;
                    }
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (answer.indexOf("MSA|AE|") >= 0) {
                        assertThat(answer.toString()).contains("receiver busy");
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    if (answer.length() == 0) {
                        return false; // silence: the server is holding the frame
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void awaitBufferedBytesZero() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (listener.bufferedBytes() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(listener.bufferedBytes()).isZero();
    }

    private void awaitOpenConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (listener.openConnections() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listener.openConnections()).isEqualTo(expected);
    }
}
