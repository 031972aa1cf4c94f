package io.chartbrief.summary.model;

import java.util.List;

/**
 * The evidence verifier's account of a summary. Every checked item has one of three outcomes: supported (kept in
 * its section), contradicted (the chart says otherwise: removed, listed in {@code dropped}) or unverifiable (the
 * cited resources neither support nor contradict it: removed from the sections, listed in {@code unverified} and
 * shown apart, labelled as not verified). docs/summary-schema.md.
 *
 * @param items        number of items checked (narrative clauses, section items, recommendations)
 * @param supported    items kept: every claim of the item is supported by the resources it cites
 * @param unsupported  {@code contradicted + unverifiable} (schema-1 readers know only this count)
 * @param contradicted items the chart contradicts (listed in {@code dropped})
 * @param unverifiable items the cited resources do not establish (listed in {@code unverified})
 * @param status       verified, partially-verified or unverified
 * @param dropped      the contradicted items, with reasons; never shown to clinicians
 * @param unverified   the unverifiable items, with reasons; shown apart from the sections, labelled
 */
public record Verification(int items, int supported, int unsupported, int contradicted, int unverifiable,
        VerificationStatus status, List<DroppedItem> dropped, List<DroppedItem> unverified) {

    public Verification {
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        unverified = unverified == null ? List.of() : List.copyOf(unverified);
    }

    /** The account of the given outcomes: counts and status follow from the lists. */
    public static Verification of(int supported, List<DroppedItem> contradicted, List<DroppedItem> unverifiable) {
        int unsupported = contradicted.size() + unverifiable.size();
        return new Verification(supported + unsupported, supported, unsupported, contradicted.size(),
                unverifiable.size(), VerificationStatus.of(supported, unsupported), contradicted, unverifiable);
    }

    /** Share of supported items, 0 when there were none. */
    public double supportedShare() {
        return items == 0 ? 0 : (double) supported / items;
    }
}
