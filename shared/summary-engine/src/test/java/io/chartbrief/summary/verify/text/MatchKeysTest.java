package io.chartbrief.summary.verify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MatchKeysTest {

    @Test
    void keysOfWordsNumbersAndUnits() {
        assertThat(MatchKeys.of(Tokenizer.tokens("Potassium 5.90 mmol/L, high"))).containsExactly("potassium", "n:5.9",
                "u:mmol/L", "high");
        assertThat(MatchKeys.of(Token.word("k+"))).isEqualTo("k");
        assertThat(MatchKeys.of(Token.punct(","))).isNull();
        assertThat(MatchKeys.of(Tokenizer.tokens("2024-03-01"))).isEmpty();
    }

    @Test
    void numbersAreNormalizedWithoutExponent() {
        assertThat(MatchKeys.normalize(new BigDecimal("100"))).hasToString("100");
        assertThat(MatchKeys.normalize(new BigDecimal("5.900"))).hasToString("5.9");
        assertThat(MatchKeys.of(Tokenizer.tokens("1,200")).get(0)).isEqualTo("n:1200");
    }

    @Test
    void sameAllowsAPluralDifference() {
        assertThat(MatchKeys.same("allergies", "allergy")).isTrue();
        assertThat(MatchKeys.same("allergy", "allergies")).isTrue();
        assertThat(MatchKeys.same("tablets", "tablet")).isTrue();
        assertThat(MatchKeys.same("boxes", "box")).isTrue();
        assertThat(MatchKeys.same("potassium", "potassium")).isTrue();
    }

    @Test
    void sameNeverStretchesNumbersUnitsOrShortWords() {
        assertThat(MatchKeys.same("n:5", "n:5s")).isFalse();
        assertThat(MatchKeys.same("u:mg", "u:mgs")).isFalse();
        assertThat(MatchKeys.same("n:5.9", "n:5")).isFalse();
        assertThat(MatchKeys.same("as", "a")).isFalse();
        assertThat(MatchKeys.same("sodium", "potassium")).isFalse();
    }
}
