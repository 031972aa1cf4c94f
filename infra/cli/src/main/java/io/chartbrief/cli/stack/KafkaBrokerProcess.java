package io.chartbrief.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) as a child JVM, data under the
 * run directory so a second {@code up} finds its topics again. The storage is formatted once.
 */
final class KafkaBrokerProcess implements StackComponent, LocalStack.Monitored {

    /** The ChartBrief topics, created up front with 3 partitions (events are keyed per patient). */
    static final List<String> TOPICS = List.of("ehr.hl7v2.inbound", "ehr.fhir.inbound", "ehr.events", "ehr.dlq",
            "ehr.summary.requests", "ehr.summaries", "ehr.audit");

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final ChildProcess process;

    KafkaBrokerProcess(Path runDir, int port, int controllerPort, String classpath) {
        this.dir = runDir.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.process = new ChildProcess("kafka", runDir.resolve("logs/kafka.log"));
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return "localhost:" + port;
    }

    @Override
    public Path logFile() {
        return dir.getParent().resolve("logs/kafka.log");
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(), StandardCharsets.UTF_8);
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            format(config);
        }
        process.start(List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-cp", classpath, "kafka.Kafka",
                config.toString()), dir);
    }

    private void format(Path config) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ChildProcess.javaExecutable(), "-cp", classpath, "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("formatting Kafka storage failed; see " + logFile());
        }
    }

    private String serverProperties() {
        return String.join("\n",
                "# Written by chartbrief up: single-node KRaft broker+controller for local use.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "message.max.bytes=16777216",
                "auto.create.topics.enable=true",
                "");
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                createTopics(admin);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("Kafka not ready after " + timeout.toSeconds() + " s; see " + logFile(), last);
    }

    /** Creates the topics the services use (existing ones are kept). */
    static void createTopics(Admin admin) throws Exception {
        var existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
        List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, 3, (short) 1)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void stop() {
        process.stop();
    }
}
