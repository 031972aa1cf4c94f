package io.chartbrief.summary.model;

import java.util.List;

/**
 * An item the evidence verifier took out of the clinician-facing sections, kept for the stored record: in
 * {@link Verification#dropped()} when the chart contradicts it, in {@link Verification#unverified()} when the cited
 * resources do not establish it.
 *
 * @param section  {@code narrative}, {@code problems}, {@code medications}, {@code allergies}, {@code results},
 *                 {@code vitals} or {@code recommendations}
 * @param text     the item's text as the engine produced it (for the narrative: the clause)
 * @param evidence the evidence it cited (unresolvable aliases are kept as written)
 * @param reason   one line: which check failed, e.g. {@code value 5.1 is not the result (4.2 mmol/L)}
 */
public record DroppedItem(String section, String text, List<String> evidence, String reason) {

    public DroppedItem {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
