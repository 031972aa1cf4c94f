package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.Measured;
import io.chartbrief.summary.verify.evidence.Phrase;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts one claim is checked against: those of the run it binds to, or, when the statement names no concept,
 * the cited facts of the section's type. A run that names one component (systolic) narrows the values to it.
 *
 * @param facts the facts
 * @param run   the run, or null
 */
record Binding(List<CitedFact> facts, Run run) {

    static Binding of(Statement statement, int position, List<CitedFact> fallback) {
        Run run = statement.bound(position);
        return run == null ? new Binding(fallback, null) : new Binding(run.facts(), run);
    }

    /** The binding of a cue word (the concept right after it first). */
    static Binding ofCue(Statement statement, int position, List<CitedFact> fallback) {
        Run run = statement.cueBound(position);
        return run == null ? new Binding(fallback, null) : new Binding(run.facts(), run);
    }

    /** The measured values of a fact this claim may state. */
    List<Measured> values(CitedFact fact) {
        int component = run == null ? -1 : run.component(fact);
        if (component >= 0 && component < fact.values().size()) {
            return List.of(fact.values().get(component));
        }
        return fact.values();
    }

    /** All values of all bound facts, with their facts. */
    List<Value> values() {
        List<Value> out = new ArrayList<>();
        for (CitedFact fact : facts) {
            for (Measured m : values(fact)) {
                out.add(new Value(fact, m));
            }
        }
        return out;
    }

    /**
     * Whether a number here is a dose: the bound facts include a medication and none has a measured value (a run
     * such as "eGFR" may name both a result and an order stopped for "eGFR below 45"; the number is the result's).
     */
    boolean dose() {
        return anyMedication() && values().isEmpty();
    }

    boolean anyMedication() {
        return facts.stream().anyMatch(CitedFact::isMedication);
    }

    /** One measured value and the fact it belongs to. */
    record Value(CitedFact fact, Measured measured) {

        /** The analyte's name words (for molar mass and valence). */
        String analyte() {
            StringBuilder out = new StringBuilder(measured.component() == null ? "" : measured.component());
            for (Phrase p : fact.phrases()) {
                if (p.name()) {
                    out.append(' ').append(String.join(" ", p.keys()));
                }
            }
            return out.toString();
        }
    }
}
