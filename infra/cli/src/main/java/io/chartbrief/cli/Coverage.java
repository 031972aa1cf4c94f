package io.chartbrief.cli;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.ClinicalFacts;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much of the chart's active problems, medications and allergies ({@link ClinicalFacts}: the rules both
 * engines share) a summary cites: an entry counts as covered when any clinician-facing item (narrative, section
 * item, recommendation) has it as evidence.
 *
 * @param problems    covered / expected active problems
 * @param medications covered / expected active medications
 * @param allergies   covered / expected allergies
 */
record Coverage(Count problems, Count medications, Count allergies) {

    /** Covered of expected. */
    record Count(int covered, int expected) {
        Count plus(Count other) {
            return new Count(covered + other.covered, expected + other.expected);
        }

        /** Share covered; 1.0 when nothing was expected. */
        double share() {
            return expected == 0 ? 1.0 : (double) covered / expected;
        }
    }

    static Coverage of(PatientSummary summary, ClinicalChart chart) {
        Set<String> cited = new HashSet<>(summary.narrativeEvidence());
        for (String section : PatientSummary.SECTIONS) {
            for (SummaryItem item : summary.section(section)) {
                cited.addAll(item.evidence());
            }
        }
        for (Recommendation r : summary.recommendations()) {
            cited.addAll(r.evidence());
        }
        ClinicalFacts facts = new ClinicalFacts(chart);
        return new Coverage(count(facts.activeProblems(), cited), count(facts.activeMedications(), cited),
                count(facts.allergies(), cited));
    }

    private static Count count(List<ChartFact> facts, Set<String> cited) {
        Set<String> expected = new HashSet<>();
        facts.forEach(f -> expected.add(f.ref()));
        int covered = (int) expected.stream().filter(cited::contains).count();
        return new Count(covered, expected.size());
    }

    Count total() {
        return problems.plus(medications).plus(allergies);
    }

    Coverage plus(Coverage other) {
        return new Coverage(problems.plus(other.problems), medications.plus(other.medications),
                allergies.plus(other.allergies));
    }

    static final Coverage NONE = new Coverage(new Count(0, 0), new Count(0, 0), new Count(0, 0));
}
