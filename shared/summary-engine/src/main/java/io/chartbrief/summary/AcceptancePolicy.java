package io.chartbrief.summary;

import io.chartbrief.summary.model.Verification;

/**
 * When a model summary is good enough to show instead of the extractive one.
 *
 * @param minSupportedShare share of the model's items (narrative, section items, recommendations) that must verify;
 *                          default 0.8 — unsupported items are dropped anyway, but a model that gets more than one
 *                          in five wrong is not trusted for the rest
 * @param minSupportedItems at least this many supported items (default 1: an empty summary is no summary)
 */
public record AcceptancePolicy(double minSupportedShare, int minSupportedItems) {

    /** 80% supported, at least one item. */
    public static final AcceptancePolicy DEFAULT = new AcceptancePolicy(0.8, 1);

    public AcceptancePolicy {
        if (minSupportedShare < 0 || minSupportedShare > 1) {
            throw new IllegalArgumentException("minSupportedShare must be in [0, 1]");
        }
    }

    /** Whether a verified model summary is accepted. */
    public boolean accepts(Verification verification) {
        return verification.supported() >= minSupportedItems
                && verification.supportedShare() >= minSupportedShare;
    }

    /** Why a verification is not accepted (one line, no patient data). */
    public String rejection(Verification verification) {
        return "verification " + verification.status().code() + ": " + verification.supported() + " of "
                + verification.items() + " items supported (required share " + minSupportedShare + ")";
    }
}
