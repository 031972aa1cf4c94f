package io.chartbrief.cli.dlq;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief dlq replay}: re-drives DLQ records to their original topics. A record already in the re-drive
 * ledger ({@code ehr.dlq.redrives}) is skipped unless {@code --force}, so running the same command twice sends
 * nothing the second time.
 */
@Command(name = "replay",
        description = {"Re-publish dead-lettered records to their original topic: original key, value and headers"
                + " (the chartbrief.dlq.* headers removed) plus chartbrief.redrive.of=<id> and chartbrief.redrive.at"
                + " (acks=all, idempotent producer). Each re-drive is recorded in the compacted topic ehr.dlq.redrives;"
                + " a record found there is skipped unless --force.",
                "Select records by id, or by --stage (with --reason, --since, --until to narrow it)."},
        mixinStandardHelpOptions = true,
        exitCodeListHeading = DlqCommand.EXIT_HEADING,
        exitCodeList = {"0:every selected record re-driven or skipped (also when none matched)",
                "1:at least one record not re-driven (no such id, no original topic, ledger write failed)",
                "2:usage error", "3:the broker could not be reached"})
final class DlqReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    DlqCommand.Broker broker;

    @CommandLine.Mixin
    DeadLetterFilter filter;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Records' PARTITION:OFFSET, as `dlq list` prints them")
    List<String> ids = new ArrayList<>();

    @Option(names = "--dry-run", description = "Say what would be re-driven; send nothing")
    boolean dryRun;

    @Option(names = "--force", description = "Re-drive records the ledger says were re-driven already")
    boolean force;

    private int redriven;
    private int skipped;
    private int failed;

    @Override
    public Integer call() {
        if (ids.isEmpty() == (filter.stage == null)) {
            return DlqRun.usage(spec, ids.isEmpty() ? "give record ids, or --stage to select by stage"
                    : "give record ids or --stage, not both");
        }
        if (!ids.isEmpty() && !filter.isEmpty()) {
            return DlqRun.usage(spec, "--reason, --since and --until select with --stage, not with ids");
        }
        List<DeadLetterId> parsed = new ArrayList<>();
        for (String id : ids) {
            try {
                parsed.add(DeadLetterId.parse(id));
            } catch (IllegalArgumentException e) {
                return DlqRun.usage(spec, e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        return DlqRun.run(spec, broker, queue -> {
            Map<String, Redrive> ledger = queue.redrives();
            if (parsed.isEmpty()) {
                for (DeadLetter letter : queue.read(filter, true)) {
                    replay(queue, letter, ledger, out);
                }
            } else {
                for (DeadLetterId id : parsed.stream().distinct().toList()) {
                    Optional<DeadLetter> letter = queue.read(id);
                    if (letter.isEmpty()) {
                        failed++;
                        out.println(id + ": failed, no such ehr.dlq record");
                    } else {
                        replay(queue, letter.get(), ledger, out);
                    }
                }
            }
            out.println((dryRun ? "dry run, would re-drive " : "re-driven ") + redriven + ", skipped " + skipped
                    + ", failed " + failed);
            out.flush();
            return failed == 0 ? 0 : 1;
        });
    }

    private void replay(DeadLetterQueue queue, DeadLetter letter, Map<String, Redrive> ledger, PrintWriter out)
            throws BrokerUnreachableException {
        String id = letter.id().toString();
        Redrive earlier = ledger.get(id);
        if (earlier != null && !earlier.isOf(letter)) {
            earlier = null; // an entry of an earlier ehr.dlq whose ids were reused
        }
        if (letter.originalTopic() == null || letter.originalTopic().isBlank()) {
            failed++;
            out.println(id + ": failed, the record names no original topic (chartbrief.dlq.original.topic)");
        } else if (earlier != null && !force) {
            skipped++;
            out.println(id + ": skipped, re-driven " + earlier.describe() + " (--force sends it again)");
        } else if (dryRun) {
            redriven++;
            out.println(id + ": would re-drive to " + letter.originalTopic()
                    + (earlier != null ? " (again: re-driven " + earlier.describe() + ")" : ""));
        } else {
            try {
                Redrive redrive = queue.redrive(letter, Instant.now());
                ledger.put(id, redrive);
                redriven++;
                out.println(id + ": re-driven to " + redrive.location());
            } catch (DeadLetterQueue.LedgerWriteException e) {
                failed++;
                out.println(id + ": re-driven to " + e.redrive.location() + " but NOT recorded in ehr.dlq.redrives ("
                        + e.getMessage() + "): a later replay would send it again");
            }
        }
        out.flush();
    }
}
