package io.chartbrief.cli.dlq;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** {@code --stage}, {@code --reason}, {@code --since}, {@code --until}: which DLQ records a command takes. */
final class DeadLetterFilter implements Predicate<DeadLetter> {

    @Option(names = "--stage", paramLabel = "STAGE", description = "Only this stage (exact), e.g. normalize-hl7v2, chart-apply, summarize, inbox, outbound")
    String stage;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only reasons containing TEXT (any case)")
    String reason;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeBoundConverter.class,
            description = "Only records dead-lettered at or after TIME: ISO-8601 (2026-12-04T08:00:00Z, 2026-12-04) or a duration back from now (90m, 2h, P1D)")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeBoundConverter.class,
            description = "Only records dead-lettered before TIME (same forms as --since)")
    Instant until;

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
