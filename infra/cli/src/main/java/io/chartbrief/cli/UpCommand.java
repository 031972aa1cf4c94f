package io.chartbrief.cli;

import io.chartbrief.cli.stack.LocalStack;
import io.chartbrief.cli.stack.StackPorts;
import java.io.File;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief up}: runs ChartBrief locally on real Kafka and PostgreSQL until Ctrl-C. Data lives in the run
 * directory and is reused by the next {@code up}.
 */
@Command(name = "up",
        description = "Start Kafka, PostgreSQL and every built ChartBrief service locally; Ctrl-C stops them all.",
        mixinStandardHelpOptions = true)
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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

    @Option(names = "--ingest-port", defaultValue = "" + StackPorts.INGEST_HTTP, description = "Ingest HTTP port (default ${DEFAULT-VALUE})")
    int ingestPort;

    @Option(names = "--mllp-port", defaultValue = "" + StackPorts.INGEST_MLLP, description = "Ingest MLLP port (default ${DEFAULT-VALUE})")
    int mllpPort;

    @Option(names = "--chart-port", defaultValue = "" + StackPorts.CHART_HTTP, description = "Chart HTTP port (default ${DEFAULT-VALUE})")
    int chartPort;

    @Option(names = "--summarizer-port", defaultValue = "" + StackPorts.SUMMARIZER_HTTP, description = "Summarizer HTTP port (default ${DEFAULT-VALUE})")
    int summarizerPort;

    @Option(names = "--inbox-port", defaultValue = "" + StackPorts.INBOX_HTTP, description = "Inbox HTTP port (default ${DEFAULT-VALUE})")
    int inboxPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path home = home();
        Path run = runDir != null ? runDir.toAbsolutePath() : home.resolve(".run");
        Files.createDirectories(run);
        Map<String, Integer> ports = new HashMap<>();
        ports.put("kafka", kafkaPort);
        ports.put("postgres", postgresPort);
        ports.put("ingest", ingestPort);
        ports.put("mllp", mllpPort);
        ports.put("chart", chartPort);
        ports.put("summarizer", summarizerPort);
        ports.put("inbox", inboxPort);
        LocalStack stack = new LocalStack(new LocalStack.Settings(home, run, kafka, jdbc, jdbcUser, jdbcPassword, ports), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "chartbrief-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Starting ChartBrief (data and logs in " + run + ")");
        try {
            stack.start(libraryClasspath());
        } catch (IllegalStateException e) {
            err.println("up: " + e.getMessage());
            stack.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            return 1;
        }
        out.println("ChartBrief is up. Ctrl-C stops everything.");
        out.flush();
        while (stopped.getCount() > 0) {
            List<String> failed = stack.failed();
            if (!failed.isEmpty()) {
                err.println("up: " + String.join(", ", failed) + " stopped unexpectedly; see its log. Stopping the rest.");
                stack.stop();
                Runtime.getRuntime().removeShutdownHook(hook);
                return 1;
            }
            Thread.sleep(1000);
        }
        return 0;
    }

    /** The ChartBrief checkout: set by the launcher script, else the current directory. */
    static Path home() {
        return Path.of(System.getProperty("chartbrief.home", ".")).toAbsolutePath().normalize();
    }

    /** Class path for child JVMs that need our libraries (the Kafka broker): the CLI's lib directory. */
    static String libraryClasspath() throws URISyntaxException {
        Path location = Path.of(UpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(location)) {
            return location.getParent().resolve("lib").toString() + File.separator + "*";
        }
        return System.getProperty("java.class.path");
    }
}
