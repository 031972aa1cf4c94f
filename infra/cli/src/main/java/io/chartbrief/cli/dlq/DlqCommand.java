package io.chartbrief.cli.dlq;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief dlq}: look at and re-drive {@code ehr.dlq} (docs/operations.md, "Dead-letter queue"). Reads
 * assign partitions without a consumer group, so no service's offsets move and nothing is committed.
 */
@Command(name = "dlq",
        description = "Inspect and re-drive the dead-letter queue (ehr.dlq).",
        mixinStandardHelpOptions = true,
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ShowCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Runnable {

    static final String EXIT_HEADING = "Exit status:%n";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code --kafka} and {@code --timeout}, common to the subcommands. */
    static final class Broker {
        @Option(names = "--kafka", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers")
        String kafka;

        @Option(names = "--kafka-config", paramLabel = "FILE",
                description = "A properties file of Kafka client settings (security protocol, SASL, TLS) for every client")
        Path kafkaConfig;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
                description = "How long to wait for the broker (default ${DEFAULT-VALUE})")
        int timeoutSeconds;

        DeadLetterQueue open() {
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout must be at least 1 second");
            }
            Properties client = new Properties();
            if (kafkaConfig != null) {
                try (Reader in = Files.newBufferedReader(kafkaConfig)) {
                    client.load(in);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read --kafka-config " + kafkaConfig + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
                }
            }
            return new DeadLetterQueue(kafka, client, Duration.ofSeconds(timeoutSeconds));
        }
    }

    @Command(name = "list",
            description = {"One line per ehr.dlq record: id (partition:offset), time, stage, original topic/partition@offset,"
                    + " whether it was re-driven, reason (shortened). No keys or values are printed."},
            mixinStandardHelpOptions = true,
            exitCodeListHeading = EXIT_HEADING,
            exitCodeList = {"0:listed (also when nothing matched)", "1:failure", "2:usage error", "3:the broker could not be reached"})
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Broker broker;

        @CommandLine.Mixin
        DeadLetterFilter filter;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most the N newest matching records (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = "text (a table) or json (one object per line)")
        DeadLetterListing.Format format;

        @Override
        public Integer call() {
            if (limit < 1) {
                return DlqRun.usage(spec, "--limit must be at least 1");
            }
            return DlqRun.run(spec, broker, queue -> {
                var letters = queue.read(filter, false);
                new DeadLetterListing(format, limit).print(spec.commandLine().getOut(), letters, queue.redrives());
                return 0;
            });
        }
    }

    @Command(name = "show",
            description = {"One ehr.dlq record in full: its key, every header and its value.",
                    "The value is the original record: it MAY CONTAIN PHI (patient names, identifiers, notes)."
                            + " Print it only where PHI may be shown."},
            mixinStandardHelpOptions = true,
            exitCodeListHeading = EXIT_HEADING,
            exitCodeList = {"0:shown", "1:no such record, or a failure", "2:usage error (e.g. a malformed id)",
                    "3:the broker could not be reached"})
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        Broker broker;

        @CommandLine.Parameters(paramLabel = "ID", description = "The record's PARTITION:OFFSET, as `dlq list` prints it")
        String id;

        @Override
        public Integer call() {
            DeadLetterId parsed;
            try {
                parsed = DeadLetterId.parse(id);
            } catch (IllegalArgumentException e) {
                return DlqRun.usage(spec, e.getMessage());
            }
            return DlqRun.run(spec, broker, queue -> {
                var letter = queue.read(parsed);
                if (letter.isEmpty()) {
                    return DlqRun.fail(spec, "no ehr.dlq record " + parsed);
                }
                DeadLetterListing.show(spec.commandLine().getOut(), letter.get(),
                        DeadLetterListing.redriveOf(letter.get(), queue.redrives()));
                return 0;
            });
        }
    }
}
