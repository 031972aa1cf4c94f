package io.chartbrief.summary.verify.claim;

/**
 * The outcome of checking one claim or item: supported, contradicted (the chart says otherwise) or unverifiable
 * (the cited resources do not establish it), with a one-line reason free of patient data beyond the claim itself.
 */
public record Verdict(Outcome outcome, String reason) {

    /** The three outcomes, worst last. */
    public enum Outcome { SUPPORTED, UNVERIFIABLE, CONTRADICTED }

    public static final Verdict SUPPORTED = new Verdict(Outcome.SUPPORTED, null);

    public static Verdict contradicted(String reason) {
        return new Verdict(Outcome.CONTRADICTED, reason);
    }

    public static Verdict unverifiable(String reason) {
        return new Verdict(Outcome.UNVERIFIABLE, reason);
    }

    public boolean supported() {
        return outcome == Outcome.SUPPORTED;
    }

    /** The worse of two verdicts (contradicted over unverifiable over supported); the first on a tie. */
    public Verdict and(Verdict other) {
        return other.outcome.ordinal() > outcome.ordinal() ? other : this;
    }
}
