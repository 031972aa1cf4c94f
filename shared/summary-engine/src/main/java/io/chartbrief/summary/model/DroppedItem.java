package io.chartbrief.summary.model;

import java.util.List;

/**
 * An item the evidence verifier removed from the clinician-facing summary, kept for the stored record.
 *
 * @param section  {@code narrative}, {@code problems}, {@code medications}, {@code allergies}, {@code results},
 *                 {@code vitals} or {@code recommendations}
 * @param text     the item's text as the engine produced it
 * @param evidence the evidence it cited (unresolvable aliases are kept as written)
 * @param reason   one line: which check failed, e.g. {@code term "warfarin" not in cited resources}
 */
public record DroppedItem(String section, String text, List<String> evidence, String reason) {

    public DroppedItem {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
