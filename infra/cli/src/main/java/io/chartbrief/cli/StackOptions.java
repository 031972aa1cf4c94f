package io.chartbrief.cli;

import io.chartbrief.cli.stack.LocalStack;
import io.chartbrief.cli.stack.StackPorts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where and how {@code up} and {@code demo} run the local stack: run directory, external infrastructure, ports. */
final class StackOptions {

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Data and logs (default: .run in the ChartBrief directory)")
    Path runDir;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Use this Kafka instead of starting one")
    String kafka;

    @Option(names = "--jdbc", paramLabel = "URL", description = "Use this PostgreSQL (JDBC URL) instead of starting one")
    String jdbc;

    @Option(names = "--jdbc-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE})")
    String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "postgres", description = "Database password")
    String jdbcPassword;

    @Option(names = "--kafka-port", defaultValue = "" + StackPorts.KAFKA, description = "Embedded Kafka port (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--postgres-port", defaultValue = "" + StackPorts.POSTGRES, description = "Embedded PostgreSQL port (default ${DEFAULT-VALUE})")
    int postgresPort;

    @Option(names = "--inbox-port", defaultValue = "" + StackPorts.INBOX_HTTP, description = "Inbox HTTP port (default ${DEFAULT-VALUE})")
    int inboxPort;

    @Option(names = "--ingest-port", defaultValue = "" + StackPorts.INGEST_HTTP, description = "Ingest HTTP port (default ${DEFAULT-VALUE})")
    int ingestPort;

    @Option(names = "--mllp-port", defaultValue = "" + StackPorts.INGEST_MLLP, description = "Ingest MLLP port (default ${DEFAULT-VALUE})")
    int mllpPort;

    @Option(names = "--chart-port", defaultValue = "" + StackPorts.CHART_HTTP, description = "Chart HTTP port (default ${DEFAULT-VALUE})")
    int chartPort;

    @Option(names = "--summarizer-port", defaultValue = "" + StackPorts.SUMMARIZER_HTTP, description = "Summarizer HTTP port (default ${DEFAULT-VALUE})")
    int summarizerPort;

    @Option(names = "--outbound-port", defaultValue = "" + StackPorts.OUTBOUND_HTTP, description = "Outbound HTTP port, with --mdm-to (default ${DEFAULT-VALUE})")
    int outboundPort;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "Instances of chart, summarizer and inbox each (1-4, default ${DEFAULT-VALUE}): try N-replica"
                    + " behaviour locally; extra instances get free HTTP ports and logs chart-2.log, …")
    int replicas;

    @Option(names = "--no-build", description = "Run the service jars as built; fail instead of building a missing or outdated one")
    boolean noBuild;

    boolean replicasInRange() {
        return replicas >= 1 && replicas <= 4;
    }

    /** The run directory: {@code --run-dir}, else {@code .run} in the checkout. */
    Path runDir(Path home) {
        return runDir != null ? runDir.toAbsolutePath() : home.resolve(".run");
    }

    /** Stack settings with per-service property overrides ({@code service → key → value}). */
    LocalStack.Settings settings(Path home, Map<String, Map<String, String>> serviceProperties) {
        return settings(home, serviceProperties, List.of());
    }

    /** Stack settings that also run the named optional services ({@link LocalStack#OPTIONAL_SERVICES}). */
    LocalStack.Settings settings(Path home, Map<String, Map<String, String>> serviceProperties,
            List<String> optionalServices) {
        Map<String, Integer> ports = new HashMap<>();
        ports.put("kafka", kafkaPort);
        ports.put("postgres", postgresPort);
        ports.put("ingest", ingestPort);
        ports.put("mllp", mllpPort);
        ports.put("chart", chartPort);
        ports.put("summarizer", summarizerPort);
        ports.put("inbox", inboxPort);
        ports.put("outbound", outboundPort);
        return new LocalStack.Settings(home, runDir(home), kafka, jdbc, jdbcUser, jdbcPassword, ports,
                serviceProperties, !noBuild, optionalServices, replicas);
    }
}
