package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.model.ItemClaim;
import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import io.chartbrief.summary.verify.text.Units;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Checks a schema-2 item's claim fields, when the engine wrote them, in addition to its text: the fact it is about
 * must be one it cites, and its stated value, status, direction and action must hold for that fact. Items without
 * fields are verified from their text alone.
 */
final class ClaimFieldCheck {

    private ClaimFieldCheck() {
    }

    static Verdict check(ItemClaim claim, Map<String, CitedFact> cited, String textAction, boolean adult) {
        if (claim == null) {
            return Verdict.SUPPORTED;
        }
        Verdict verdict = Verdict.SUPPORTED;
        CitedFact about = claim.about() == null ? null : cited.get(claim.about());
        if (claim.about() != null && about == null) {
            return Verdict.unverifiable("the claim is about " + claim.about() + ", which the item does not cite");
        }
        if (about != null && claim.value() != null) {
            List<Token> tokens = Tokenizer.tokens(claim.value());
            BigDecimal number = tokens.stream().map(Token::number).filter(n -> n != null).findFirst().orElse(null);
            if (number == null) {
                verdict = verdict.and(Verdict.unverifiable("the claim's value is not a number"));
            } else {
                String unit = claim.unit() == null ? null : Units.ucum(claim.unit());
                verdict = verdict.and(ValueCheck.measured(number, unit, new Binding(List.of(about), null).values()));
            }
        }
        if (about != null && claim.direction() != null) {
            String d = claim.direction();
            verdict = verdict.and(Cues.TREND.containsValue(d) ? Verdict.SUPPORTED   // trends are checked from the text
                    : DirectionCheck.check(d, false, new Binding(List.of(about), null), adult));
        }
        if (about != null && claim.status() != null) {
            verdict = verdict.and("absent".equals(claim.status()) ? ContextCheck.negatedFinding(about)
                    : ContextCheck.status(claim.status(), false, about));
        }
        if (claim.action() != null && textAction != null && !claim.action().equals(textAction)) {
            verdict = verdict.and(Verdict.unverifiable("the claim's action " + claim.action() + " is not the text's " + textAction));
        }
        return verdict;
    }
}
