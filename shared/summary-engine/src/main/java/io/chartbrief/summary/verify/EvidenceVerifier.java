package io.chartbrief.summary.verify;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import io.chartbrief.summary.model.VerificationStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every statement of a summary against the chart resources it cites, deterministically and without a
 * model. An item is supported when it cites at least one reference, every reference exists in the chart, and
 * every key term of its text is found in the cited resources: dates, numbers (5.90 = 5.9; a rounding of a chart
 * value is accepted) and words other than {@link GenericWords}. Recommendations propose actions, so their text
 * needs only one clinical term in common with the evidence; their rationale is checked strictly.
 * Unsupported items are removed and listed with the reason in {@link Verification#dropped()}. Thread-safe.
 */
public final class EvidenceVerifier {

    /** Verifies a draft summary; returns it with only supported items and its {@code verification} block. */
    public PatientSummary verify(PatientSummary draft, ClinicalChart chart) {
        Map<List<String>, ResourceTerms> cache = new HashMap<>();
        List<DroppedItem> dropped = new ArrayList<>();
        int[] supported = {0};

        PatientSummary result = draft;
        if (!draft.narrative().isBlank()) {
            Optional<String> problem = check(draft.narrative(), null, draft.narrativeEvidence(), chart, cache, true);
            if (problem.isPresent()) {
                dropped.add(new DroppedItem("narrative", draft.narrative(), draft.narrativeEvidence(), problem.get()));
                result = result.withNarrative("", List.of());
            } else {
                supported[0]++;
            }
        }
        result = result.withSections((section, items) -> {
            List<SummaryItem> kept = new ArrayList<>();
            for (SummaryItem item : items) {
                Optional<String> problem = check(item.text(), item.date(), item.evidence(), chart, cache, true);
                if (problem.isPresent()) {
                    dropped.add(new DroppedItem(section, item.text(), item.evidence(), problem.get()));
                } else {
                    kept.add(item);
                    supported[0]++;
                }
            }
            return kept;
        });
        List<Recommendation> keptRecommendations = new ArrayList<>();
        for (Recommendation recommendation : draft.recommendations()) {
            Optional<String> problem = check(recommendation.text(), null, recommendation.evidence(), chart, cache, false)
                    .or(() -> check(recommendation.rationale(), null, recommendation.evidence(), chart, cache, true));
            if (problem.isPresent()) {
                dropped.add(new DroppedItem("recommendations", recommendation.text(), recommendation.evidence(),
                        problem.get()));
            } else {
                keptRecommendations.add(recommendation);
                supported[0]++;
            }
        }
        result = result.withRecommendations(keptRecommendations);
        return result.withVerification(Verification.of(supported[0], dropped, List.of()));
    }

    /**
     * Checks one statement.
     *
     * @param strict every word must be found; otherwise one clinical word in common is enough (numbers and dates
     *               are always checked)
     * @return the reason it is not supported, or empty
     */
    private Optional<String> check(String text, String date, List<String> evidence, ClinicalChart chart,
            Map<List<String>, ResourceTerms> cache, boolean strict) {
        if (evidence.isEmpty()) {
            return Optional.of("no evidence cited");
        }
        for (String ref : evidence) {
            if (!chart.contains(ref)) {
                return Optional.of("unknown evidence " + ref);
            }
        }
        ResourceTerms cited = cache.computeIfAbsent(evidence, refs -> {
            ResourceTerms terms = new ResourceTerms();
            refs.forEach(ref -> terms.add(chart.get(ref).orElseThrow()));
            return terms;
        });
        KeyTerms terms = KeyTerms.of(text == null ? "" : text);
        if (date != null && !date.isBlank()) {
            terms.add(date);
        }
        for (String day : terms.dates()) {
            if (!cited.hasDate(day)) {
                return Optional.of("date " + day + " not in cited resources");
            }
        }
        for (BigDecimal number : terms.numbers()) {
            if (!cited.hasNumber(number)) {
                return Optional.of("number " + number.toPlainString() + " not in cited resources");
            }
        }
        boolean anyClinicalWord = false;
        for (String word : terms.words()) {
            if (GenericWords.contains(word)) {
                continue;
            }
            if (cited.hasWord(word)) {
                anyClinicalWord = true;
            } else if (strict) {
                return Optional.of("term \"" + word + "\" not in cited resources");
            }
        }
        if (!strict && !anyClinicalWord) {
            return Optional.of("no term in common with cited resources");
        }
        return Optional.empty();
    }
}
