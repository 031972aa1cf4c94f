package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.Measured;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Checks "high", "low", "normal", "abnormal" (and their negations) against a value's interpretation code, then its
 * reference range, then {@link VitalThresholds} (adults only); and "rising", "falling", "stable" over the cited
 * results of the same test in time order. Anything it cannot establish is unverifiable, never supported.
 */
final class DirectionCheck {

    private static final Set<String> HIGH = Set.of("H", "HH", "HU", ">", "AA");
    private static final Set<String> LOW = Set.of("L", "LL", "LU", "<");

    private DirectionCheck() {
    }

    /**
     * Checks a stated direction.
     *
     * @param stated  high, low, normal, abnormal or afebrile
     * @param negated "not high": any direction but the stated one
     */
    static Verdict check(String statedWord, boolean negatedWord, Binding binding, boolean adult) {
        String stated = statedWord;
        boolean negated = negatedWord;
        if ("borderline".equals(stated)) {
            return Verdict.unverifiable("'borderline' is not checked against the chart");
        }
        List<Binding.Value> values = binding.values();
        List<String> actual = new ArrayList<>();
        if (values.isEmpty()) {
            // a coded result flagged by the lab ("Detected (A)"): its interpretation is the only direction it has
            for (CitedFact f : binding.facts()) {
                if (!f.flags().isEmpty()) {
                    actual.add(fromCodes(f.flags()));
                }
            }
            if (actual.isEmpty()) {
                return Verdict.unverifiable("'" + stated + "' needs a cited measured value");
            }
        }
        if ("afebrile".equals(stated)) {
            stated = "high";
            negated = !negated;
        }
        boolean anyKnown = actual.stream().anyMatch(d -> d != null);
        for (Binding.Value v : values) {
            String d = actual(v.measured(), adult);
            actual.add(d);
            anyKnown |= d != null;
        }
        if (!anyKnown) {
            return Verdict.unverifiable("no interpretation, reference range or threshold tells whether the value is "
                    + stated);
        }
        String claim = stated;
        boolean holds = holds(claim, actual);
        if (negated) {
            holds = actual.stream().allMatch(d -> d != null && !matchesOne(claim, d));
            if (!holds && actual.stream().anyMatch(d -> d != null && matchesOne(claim, d))) {
                return Verdict.contradicted("the chart's value is " + describe(actual));
            }
            return holds ? Verdict.SUPPORTED : Verdict.unverifiable("the direction of some values is not known");
        }
        if (holds) {
            return Verdict.SUPPORTED;
        }
        boolean conflict = "normal".equals(stated)
                ? actual.stream().anyMatch(d -> d != null && !"normal".equals(d))
                : actual.stream().allMatch(d -> d != null && !"abnormal".equals(d));
        return conflict ? Verdict.contradicted("the chart's value is " + describe(actual) + ", not " + stated)
                : Verdict.unverifiable("the direction of some values is not known");
    }

    private static boolean holds(String stated, List<String> actual) {
        if ("normal".equals(stated)) {
            return actual.stream().allMatch("normal"::equals);
        }
        return actual.stream().anyMatch(d -> d != null && matchesOne(stated, d));
    }

    private static boolean matchesOne(String stated, String actual) {
        if ("abnormal".equals(stated)) {
            return !"normal".equals(actual);
        }
        return stated.equals(actual);
    }

    private static String describe(List<String> actual) {
        return actual.stream().map(d -> d == null ? "not flagged" : d).distinct().reduce((a, b) -> a + " and " + b).orElse("");
    }

    /** A value's direction: interpretation, then range, then adult vital thresholds; null when unknown. */
    static String actual(Measured m, boolean adult) {
        String flagged = fromCodes(m.interpretation());
        if (flagged != null) {
            return flagged;
        }
        if (m.low() != null || m.high() != null) {
            if (m.low() != null && m.value().compareTo(m.low()) < 0) {
                return "low";
            }
            if (m.high() != null && m.value().compareTo(m.high()) > 0) {
                return "high";
            }
            if (m.low() != null && m.high() != null) {
                return "normal";
            }
        }
        return adult ? VitalThresholds.direction(m.loinc(), m.value(), m.unit()) : null;
    }

    /** The direction interpretation codes give (the first that has one), or null. */
    static String fromCodes(java.util.Set<String> codes) {
        for (String code : codes) {
            if (HIGH.contains(code)) {
                return "high";
            }
            if (LOW.contains(code)) {
                return "low";
            }
            if ("A".equals(code)) {
                return "abnormal";
            }
            if ("N".equals(code)) {
                return "normal";
            }
        }
        return null;
    }

    /** Checks a trend word over the cited results of the bound test. */
    static Verdict trend(String stated, Binding binding, List<CitedFact> cited) {
        if (!Set.of("rising", "falling", "stable").contains(stated)) {
            return Verdict.unverifiable("'" + stated + "' is a clinical judgement the chart does not record");
        }
        String key = binding.facts().stream().map(CitedFact::codeKey).filter(k -> k != null).findFirst().orElse(null);
        if (key == null) {
            return Verdict.unverifiable("a trend needs cited results of one test");
        }
        List<CitedFact> series = new ArrayList<>(cited.stream().filter(f -> key.equals(f.codeKey()) && !f.values().isEmpty()).toList());
        if (series.size() < 2) {
            return Verdict.unverifiable("a trend needs at least two cited results of the same test");
        }
        series.sort(Comparator.comparing(CitedFact::sortKey));
        int component = binding.run() == null ? -1 : binding.run().component(series.get(0));
        BigDecimal first = valueOf(series.get(0), component);
        BigDecimal last = valueOf(series.get(series.size() - 1), component);
        if (first == null || last == null) {
            return Verdict.unverifiable("a trend needs at least two cited results of the same test");
        }
        String actual;
        BigDecimal change = last.subtract(first);
        BigDecimal band = first.abs().multiply(new BigDecimal("0.05"));
        if (change.abs().compareTo(band) <= 0) {
            actual = "stable";
        } else {
            actual = change.signum() > 0 ? "rising" : "falling";
        }
        return actual.equals(stated) ? Verdict.SUPPORTED
                : Verdict.contradicted("the cited results go from " + first.toPlainString() + " to " + last.toPlainString());
    }

    private static BigDecimal valueOf(CitedFact fact, int component) {
        if (component >= 0 && component < fact.values().size()) {
            return fact.values().get(component).value();
        }
        return fact.values().get(0).value();
    }
}
