package io.chartbrief.cli.dlq;

import io.chartbrief.interop.event.DeadLetterStage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** {@code --stage}, {@code --reason}, {@code --since}, {@code --until}: which DLQ records a command takes. */
final class DeadLetterFilter implements Predicate<DeadLetter> {

    /** Matched as text, so records of a stage this version does not know can be selected too. */
    @Option(names = "--stage", paramLabel = "STAGE", completionCandidates = Stages.class,
            description = "Only this stage (exact): ${COMPLETION-CANDIDATES}")
    String stage;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only reasons containing TEXT (any case)")
    String reason;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeBoundConverter.class,
            description = "Only records dead-lettered at or after TIME: ISO-8601 (2026-12-04T08:00:00Z, 2026-12-04) or a duration back from now (90m, 2h, P1D)")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeBoundConverter.class,
            description = "Only records dead-lettered before TIME (same forms as --since)")
    Instant until;

    /** The stages the services write, for help and shell completion. */
    static final class Stages implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(DeadLetterStage.values()).map(DeadLetterStage::wireValue).iterator();
        }
    }

    boolean isEmpty() {
        return stage == null && reason == null && since == null && until == null;
    }

    @Override
    public boolean test(DeadLetter letter) {
        return (stage == null || stage.equals(letter.stage()))
                && (reason == null || letter.reason() != null
                        && letter.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT)))
                && (since == null || !letter.time().isBefore(since))
                && (until == null || letter.time().isBefore(until));
    }
}
