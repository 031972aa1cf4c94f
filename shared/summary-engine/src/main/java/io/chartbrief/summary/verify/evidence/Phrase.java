package io.chartbrief.summary.verify.evidence;

import java.util.List;

/**
 * A wording a cited resource uses for what it is about, as match keys (lexicon-normalized tokens).
 *
 * @param keys      the match keys in order
 * @param name      true for the resource's concept name (code, medication, substance, component), false for
 *                  details (reaction, body site, dosage text, encounter type, coded value…)
 * @param component index into {@link CitedFact#values()} of the component it names, or -1
 */
public record Phrase(List<String> keys, boolean name, int component) {

    public Phrase {
        keys = List.copyOf(keys);
    }
}
