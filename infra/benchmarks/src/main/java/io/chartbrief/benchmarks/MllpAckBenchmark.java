package io.chartbrief.benchmarks;

import io.chartbrief.interop.mllp.MllpClient;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * MLLP → AA throughput and ACK latency against a real broker: starts a single-node KRaft broker in this JVM,
 * runs the built ingest service ({@code services/ingest/target/quarkus-app/quarkus-run.jar}) as a child process
 * pointed at it, then sends ADT^A01 messages over 1 and 8 connections. Every ACK is checked to be AA.
 */
final class MllpAckBenchmark {

    private MllpAckBenchmark() {
    }

    static void run(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        Path jar = Path.of(args.length > 1 ? args[1] : "services/ingest/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " not found: build first (./mvnw -B -DskipTests package)");
        }
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().withNodeId(1).withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> p.put("group.initial.rebalance.delay.ms", "0"))) {
            broker.start();
            String bootstrap = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
            int mllpPort = freePort();
            int httpPort = freePort();
            Path log = Files.createTempFile("chartbrief-ingest-bench", ".log");
            Process ingest = new ProcessBuilder(javaBin(), "-Xmx512m",
                    "-Dkafka.bootstrap.servers=" + bootstrap,
                    "-Dchartbrief.ingest.mllp.port=" + mllpPort,
                    "-Dquarkus.http.port=" + httpPort,
                    "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                awaitReady(httpPort, ingest, log);
                System.out.printf(Locale.ROOT, "Java %s, %d cores; broker %s; ingest log %s%n",
                        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), bootstrap, log);
                sendAll(mllpPort, 1, Math.min(1000, messages), "warmup", false);
                sendAll(mllpPort, 1, messages, "1 connection", true);
                sendAll(mllpPort, 8, messages, "8 connections", true);
            } finally {
                ingest.destroy();
                ingest.waitFor();
            }
        }
    }

    private static void sendAll(int port, int connections, int total, String label, boolean report) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        int perConnection = total / connections;
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[perConnection];
                try (MllpClient client = new MllpClient("localhost", port, Duration.ofSeconds(60))) {
                    for (int i = 0; i < perConnection; i++) {
                        String message = BenchmarkMessages.adtA01(connection * 1_000_000 + i)
                                .replace("BENCH-ADT-", "BENCH-" + label.charAt(0) + "-" + connection + "-");
                        long t0 = System.nanoTime();
                        String ack = client.send(message);
                        latencies[i] = System.nanoTime() - t0;
                        if (!ack.contains("MSA|AA|")) {
                            throw new IllegalStateException("not AA: " + ack.replace('\r', '\n'));
                        }
                    }
                }
                return latencies;
            }));
        }
        long[] all = new long[perConnection * connections];
        int at = 0;
        for (Future<long[]> f : futures) {
            long[] part = f.get();
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        if (report) {
            Arrays.sort(all);
            System.out.printf(Locale.ROOT, "MLLP %-13s %,6d messages: %,8.0f AA/s, ACK latency p50 %.2f ms, p99 %.2f ms%n",
                    label, all.length, all.length / seconds, all[all.length / 2] / 1e6,
                    all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6);
        }
    }

    private static void awaitReady(int httpPort, Process ingest, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!ingest.isAlive()) {
                throw new IllegalStateException("ingest exited; see " + log);
            }
            try {
                HttpURLConnection http = (HttpURLConnection) URI.create("http://localhost:" + httpPort + "/q/health/ready")
                        .toURL().openConnection();
                if (http.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("ingest not ready after 90 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
