package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.Dosing;
import io.chartbrief.summary.verify.text.DoseWords;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks a stated frequency (BID, q8h, daily…), route (PO, IV…) or PRN against the dosage of the same medication
 * resource as the drug it follows: timing repeat (or the frequency in its dosage text), route, asNeeded. Strengths
 * are checked by {@link ValueCheck}.
 */
final class DoseCheck {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private DoseCheck() {
    }

    static Verdict check(DoseWords.Match stated, List<CitedFact> facts) {
        Verdict best = null;
        for (CitedFact fact : facts) {
            if (fact.dosing() == null) {
                continue;
            }
            Verdict v = check(stated, fact.dosing());
            if (v.supported()) {
                return v;
            }
            best = best == null || v.outcome().ordinal() < best.outcome().ordinal() ? v : best;
        }
        return best == null ? Verdict.unverifiable("no cited medication gives a dosage") : best;
    }

    private static Verdict check(DoseWords.Match stated, Dosing dosing) {
        if (stated.asNeeded()) {
            return dosing.asNeeded() ? Verdict.SUPPORTED : Verdict.contradicted("the order is not as needed (PRN)");
        }
        if (stated.route() != null) {
            if (dosing.routes().isEmpty()) {
                return Verdict.unverifiable("the cited order gives no route");
            }
            return dosing.routes().contains(stated.route()) ? Verdict.SUPPORTED
                    : Verdict.contradicted("the order's route is " + String.join(", ", dosing.routes()) + ", not " + stated.route());
        }
        if (stated.perDay() != null) {
            if (dosing.perDay() == null) {
                return Verdict.unverifiable("the cited order gives no frequency");
            }
            return dosing.perDay().subtract(stated.perDay()).abs().compareTo(TOLERANCE) <= 0 ? Verdict.SUPPORTED
                    : Verdict.contradicted("the order's frequency is " + dosing.perDay().stripTrailingZeros().toPlainString()
                    + " a day, not " + stated.perDay().stripTrailingZeros().toPlainString());
        }
        return Verdict.SUPPORTED;
    }
}
