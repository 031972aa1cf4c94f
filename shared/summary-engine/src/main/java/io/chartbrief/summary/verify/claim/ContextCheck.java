package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import java.util.Set;

/**
 * The ConText-style checks: a negated finding, a stated status, the experiencer (patient or relative) and
 * certainty, each compared with the cited resource's clinicalStatus, verificationStatus, abatement, order or
 * encounter status and coded value; and the status a section implies (a medication list states that the drug is
 * current, a problem list that the problem is).
 */
final class ContextCheck {

    private static final Set<String> CONDITION_INACTIVE = Set.of("resolved", "inactive", "remission");
    private static final Set<String> MED_STOPPED = Set.of("stopped", "completed", "cancelled", "entered-in-error",
            "not-taken", "do-not-perform", "revoked", "declined", "ended");
    private static final Set<String> MED_CURRENT = Set.of("active", "intended", "draft", "in-progress", "preparation");
    private static final Set<String> UNCERTAIN = Set.of("provisional", "differential", "unconfirmed");

    private ContextCheck() {
    }

    /** Null-safe membership (a resource may have no status). */
    static boolean in(Set<String> set, String value) {
        return value != null && set.contains(value);
    }

    /** "No X" / "X negative" / "denies X": the chart must record X as absent, refuted or stopped. */
    static Verdict negatedFinding(CitedFact fact) {
        if ("refuted".equals(fact.verification()) || fact.absent()) {
            return Verdict.SUPPORTED;
        }
        if (fact.isA("Condition", "AllergyIntolerance")) {
            if (in(CONDITION_INACTIVE, fact.status())) {
                return Verdict.unverifiable("the chart records it as " + fact.status() + ", not as absent");
            }
            return Verdict.contradicted("the chart records it as present (" + fact.status() + ")");
        }
        if (fact.isMedication()) {
            return in(MED_STOPPED, fact.status()) ? Verdict.SUPPORTED
                    : Verdict.contradicted("the order is " + fact.status());
        }
        if (fact.isA("Observation") && !fact.values().isEmpty()) {
            return Verdict.contradicted("the chart has a measured value");
        }
        return Verdict.unverifiable("the cited resource does not record it as absent");
    }

    /**
     * A stated status ("active", "resolved", "stopped", "on hold", "history of").
     *
     * @param negated "not active"
     */
    static Verdict status(String stated, boolean negated, CitedFact fact) {
        String actual = fact.status();
        if (actual == null) {
            return Verdict.unverifiable("the cited resource has no status");
        }
        if ("refuted".equals(stated)) {
            boolean refuted = "refuted".equals(fact.verification());
            return refuted != negated ? Verdict.SUPPORTED
                    : Verdict.contradicted("the chart's verification status is " + fact.verification());
        }
        if ("history".equals(stated)) {
            return negated ? Verdict.unverifiable("'no history of' is not checked") : Verdict.SUPPORTED;
        }
        boolean holds;
        if (fact.isA("Condition", "AllergyIntolerance")) {
            holds = switch (stated) {
                case "active" -> "active".equals(actual) || "recurrence".equals(actual) || "relapse".equals(actual);
                case "resolved", "inactive" -> in(CONDITION_INACTIVE, actual);
                case "remission" -> "remission".equals(actual);
                default -> false;
            };
            if (!holds && !negated && Set.of("stopped", "completed", "on-hold", "cancelled").contains(stated)) {
                return Verdict.unverifiable("'" + stated + "' is not a status of a " + fact.type());
            }
        } else if (fact.isMedication()) {
            holds = switch (stated) {
                case "active" -> in(MED_CURRENT, actual);
                case "stopped", "completed", "cancelled", "inactive", "resolved" -> in(MED_STOPPED, actual);
                case "on-hold" -> "on-hold".equals(actual) || "suspended".equals(actual);
                default -> false;
            };
        } else if (fact.isA("Encounter")) {
            holds = switch (stated) {
                case "active" -> in(Set.of("in-progress", "arrived", "triaged", "onleave"), actual);
                case "completed" -> "finished".equals(actual);
                case "cancelled" -> "cancelled".equals(actual);
                default -> false;
            };
        } else {
            return Verdict.unverifiable("a status is not checked for a " + fact.type());
        }
        if (negated) {
            holds = !holds;
        }
        return holds ? Verdict.SUPPORTED
                : Verdict.contradicted("the chart's status is " + actual + ", not " + (negated ? "other than " : "") + stated);
    }

    /** A resource entered in error supports nothing, whatever the statement says of it. */
    static Verdict recorded(CitedFact fact) {
        return "entered-in-error".equals(fact.status()) || "entered-in-error".equals(fact.verification())
                ? Verdict.contradicted("the cited resource was entered in error") : Verdict.SUPPORTED;
    }

    /** What a section's listing implies when the statement states no status. */
    static Verdict implied(String section, CitedFact fact) {
        if ("entered-in-error".equals(fact.status()) || "entered-in-error".equals(fact.verification())) {
            return Verdict.contradicted("the cited resource was entered in error");
        }
        if ("refuted".equals(fact.verification())) {
            return Verdict.contradicted("the chart records it as refuted");
        }
        switch (section) {
            case "medications" -> {
                if (fact.isMedication() && in(MED_STOPPED, fact.status())) {
                    return Verdict.contradicted("the order is " + fact.status() + ", not a current medication");
                }
                if (fact.isMedication() && "on-hold".equals(fact.status())) {
                    return Verdict.contradicted("the order is on hold; the item does not say so");
                }
            }
            case "problems" -> {
                if (fact.isA("Condition") && in(CONDITION_INACTIVE, fact.status())) {
                    return Verdict.contradicted("the condition is " + fact.status() + ", not a current problem");
                }
            }
            case "allergies" -> {
                if (fact.isA("AllergyIntolerance") && in(CONDITION_INACTIVE, fact.status())) {
                    return Verdict.contradicted("the allergy is " + fact.status());
                }
            }
            default -> {
            }
        }
        return Verdict.SUPPORTED;
    }

    /** A stated certainty ("possible pneumonia") or its absence against the verification status. */
    static Verdict certainty(boolean uncertain, CitedFact fact) {
        if (!fact.isA("Condition")) {
            return uncertain ? Verdict.unverifiable("the cited resource records no uncertainty") : Verdict.SUPPORTED;
        }
        boolean chartUncertain = in(UNCERTAIN, fact.verification());
        if (uncertain == chartUncertain) {
            return Verdict.SUPPORTED;
        }
        return uncertain ? Verdict.unverifiable("the chart records the condition as " + fact.verification())
                : Verdict.unverifiable("the chart records the condition as " + fact.verification() + " only");
    }

    /**
     * The experiencer: a relative as subject needs a FamilyMemberHistory of that relative, and a family member's
     * condition is never the patient's.
     */
    static Verdict experiencer(Set<String> relatives, CitedFact fact) {
        boolean family = fact.isA("FamilyMemberHistory");
        if (relatives.isEmpty()) {
            return family ? Verdict.contradicted("the cited resource is a family member's history, not the patient's")
                    : Verdict.SUPPORTED;
        }
        if (!family) {
            return Verdict.contradicted("the chart records this for the patient, not for a relative");
        }
        for (String r : relatives) {
            if (!Cues.FAMILY.contains(r) && !fact.relationship().contains(r)) {
                return Verdict.contradicted("the family history is of the " + String.join(" ", fact.relationship()) + ", not the " + r);
            }
        }
        return Verdict.SUPPORTED;
    }
}
