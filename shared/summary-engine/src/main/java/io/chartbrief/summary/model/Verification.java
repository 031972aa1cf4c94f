package io.chartbrief.summary.model;

import java.util.List;

/**
 * The evidence verifier's account of a summary.
 *
 * @param items       number of items checked (narrative, section items, recommendations)
 * @param supported   items kept: every cited reference exists and every key term is found in the cited resources
 * @param unsupported items dropped (listed in {@code dropped} with the reason)
 * @param status      verified, partially-verified or unverified
 * @param dropped     the removed items, with reasons
 */
public record Verification(int items, int supported, int unsupported, VerificationStatus status,
        List<DroppedItem> dropped) {

    public Verification {
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
    }

    /** Share of supported items, 0 when there were none. */
    public double supportedShare() {
        return items == 0 ? 0 : (double) supported / items;
    }
}
