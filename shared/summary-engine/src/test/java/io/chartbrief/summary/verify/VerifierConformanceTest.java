package io.chartbrief.summary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The evidence verifier against the labelled adversarial set (docs/verifier-set.md): every item is verified alone
 * in a one-item draft of its chart, and the outcome is scored against the item's clinical label. Unsafe items must
 * almost never be kept as supported; faithful items must mostly be kept. Reports go to
 * {@code target/verifier-conformance.txt} and {@code target/verifier-conformance-misses.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifierConformanceTest {

    private static final double MAX_UNSAFE_ACCEPTED_PERCENT = 1.0;
    private static final double MIN_FAITHFUL_KEPT_PERCENT = 90.0;

    private final ConformanceCharts charts = new ConformanceCharts();
    private LabelledSet.Built set;
    private final ConformanceReport report = new ConformanceReport();
    private final List<String> errors = new ArrayList<>();

    @BeforeAll
    void verifyTheSet() throws IOException {
        long start = System.nanoTime();
        set = LabelledSet.build(charts);
        long core = set.items().stream().filter(i -> !i.chart().startsWith("corpus:")).count();
        String scope = charts.corpusPresent()
                ? String.format(Locale.ROOT, "verifier conformance: corpus at %s, %d items (%d core, %d corpus) over %d charts",
                        charts.corpus(), set.items().size(), core, set.items().size() - core, set.charts().size())
                : String.format(Locale.ROOT, "verifier conformance: corpus absent at %s, running the %d core items only",
                        charts.corpus(), set.items().size());
        System.out.println(scope);

        EvidenceVerifier verifier = new EvidenceVerifier();
        StringBuilder all = new StringBuilder("# category\tlabel\tchart\tsection\ttext\tevidence\toutcome\treason\tsource\n");
        for (LabelledItem item : set.items()) {
            ClinicalChart chart = charts.chart(item.chart());
            Outcome outcome;
            try {
                PatientSummary verified = verifier.verify(item.draft(chart), chart);
                outcome = Outcome.of(item, verified);
            } catch (RuntimeException e) {
                // A verifier that throws on an item shows nothing as verified; scored as unverifiable, and reported.
                errors.add(item.key() + ": " + e);
                outcome = new Outcome(Outcome.Kind.UNVERIFIABLE, "verifier threw " + e.getClass().getSimpleName());
            }
            report.add(item, outcome);
            all.append(String.join("\t", item.category().code(), item.category().label(), item.chart(), item.section(),
                    item.text(), String.join(",", item.evidence()), outcome.kind().name().toLowerCase(Locale.ROOT),
                    outcome.reason().replace('\t', ' '), item.source())).append('\n');
        }
        String table = report.table(scope + String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - start) / 1e9));
        System.out.println(table);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("verifier-conformance.txt"), table, StandardCharsets.UTF_8);
        Files.writeString(target.resolve("verifier-conformance-misses.txt"), report.missesText(), StandardCharsets.UTF_8);
        Files.writeString(target.resolve("verifier-conformance-items.tsv"), all.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void unsafeItemsAreAlmostNeverAcceptedAsSupported() {
        assertThat(report.unsafeAcceptedPercent()).as("unsafe items accepted as supported, %% (misses in "
                + "target/verifier-conformance-misses.txt)").isLessThanOrEqualTo(MAX_UNSAFE_ACCEPTED_PERCENT);
    }

    @Test
    void faithfulItemsAreKept() {
        assertThat(report.faithfulKeptPercent()).as("faithful items kept as supported, %% (misses in "
                + "target/verifier-conformance-misses.txt)").isGreaterThanOrEqualTo(MIN_FAITHFUL_KEPT_PERCENT);
    }

    @Test
    void everyCategoryHasItems() {
        int minimum = charts.corpusPresent() ? 10 : 1;
        for (Category category : Category.values()) {
            assertThat(report.category(category).count).as(category.code()).isGreaterThanOrEqualTo(minimum);
        }
        if (charts.corpusPresent()) {
            assertThat(set.items()).hasSizeGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void verifierNeverThrows() {
        assertThat(errors).isEmpty();
    }

    @Test
    void handWrittenCasesAreWellFormed() {
        List<LabelledItem> hand = LabelledSet.handWritten();
        assertThat(hand).hasSizeGreaterThanOrEqualTo(150);
        Set<String> keys = new HashSet<>();
        for (LabelledItem item : hand) {
            assertThat(keys.add(item.key())).as("duplicate hand-written item " + item.key()).isTrue();
            assertThat(item.rationale()).as(item.text()).isNotBlank();
            assertThat(item.chart()).as(item.text()).matches("(sample|fixture|resource|corpus):.+");
            assertThat(item.evidence()).as(item.text()).isNotEmpty();
        }
        assertThat(hand.stream().filter(i -> !i.chart().startsWith("corpus:")).count()).as("hand-written core cases")
                .isGreaterThanOrEqualTo(100);
        assertThat(hand.stream().map(LabelledItem::chart).filter(c -> c.startsWith("corpus:")).distinct().count())
                .as("Synthea charts with hand-written cases").isGreaterThanOrEqualTo(4);
    }

    @Test
    void everyCitedResourceExistsExceptDeliberateUnknownReferences() {
        for (LabelledItem item : set.items()) {
            ClinicalChart chart = charts.chart(item.chart());
            for (String ref : item.evidence()) {
                if (ref.endsWith("/" + LabelledSet.NOT_IN_CHART)) {
                    assertThat(item.category()).as("unknown reference outside 'fabricated': " + item.key())
                            .isEqualTo(Category.FABRICATED);
                } else {
                    assertThat(chart.contains(ref)).as(ref + " in " + item.chart() + " for: " + item.text()).isTrue();
                }
            }
            if (item.date() != null) {
                assertThat(item.date()).as(item.text()).matches("\\d{4}-\\d{2}-\\d{2}");
            }
        }
    }

    @Test
    void setHasNoConflictingLabelsAndIsDeterministic() {
        assertThat(set.conflicts()).isEmpty();
        for (String name : ConformanceCharts.CORE) {
            assertThat(GeneratedItems.generate(name, charts.chart(name)))
                    .as(name).isEqualTo(GeneratedItems.generate(name, charts.chart(name)));
        }
    }
}
