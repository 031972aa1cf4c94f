package io.chartbrief.summary.verify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenizerTest {

    private static Token only(String text, Token.Kind kind) {
        List<Token> tokens = Tokenizer.tokens(text).stream().filter(t -> t.kind() == kind).toList();
        assertThat(tokens).as("%s tokens of '%s'", kind, text).hasSize(1);
        return tokens.get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-01|2026-11-01", "on 2026-11-01T08:30:00Z|2026-11-01", "2026-11-01T08:30:00+02:00|2026-11-01",
            "11/01/2026|2026-11-01", "3/5/2024|2024-03-05", "Nov 1, 2026|2026-11-01", "November 1st 2026|2026-11-01",
            "1 November 2026|2026-11-01", "November 2026|2026-11", "since 2026-11|2026-11", "Sept. 3, 2024|2024-09-03"})
    void readsIsoUsWrittenAndPartialDates(String text, String iso) {
        Token date = only(text, Token.Kind.DATE);
        assertThat(date.date()).isEqualTo(iso);
        assertThat(Tokenizer.tokens(text)).noneMatch(t -> t.kind() == Token.Kind.NUMBER);
    }

    @Test
    void anImpossibleDateIsNoDate() {
        assertThat(Tokenizer.tokens("13/45/2024")).noneMatch(t -> t.kind() == Token.Kind.DATE);
    }

    @Test
    void readsNumbersWithThousandsCommasAndDecimals() {
        assertThat(only("Platelets 1,250", Token.Kind.NUMBER).number()).isEqualByComparingTo("1250");
        assertThat(only("K 5.90", Token.Kind.NUMBER).text()).isEqualTo("5.90");
        assertThat(only("INR .9", Token.Kind.NUMBER).number()).isEqualByComparingTo("0.9");
        assertThat(Tokenizer.tokens("4.2, 5.1").stream().map(Token::number).filter(n -> n != null).toList())
                .containsExactly(new BigDecimal("4.2"), new BigDecimal("5.1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4.2 mEq/L|meq/L", "4.2 mmol/L|mmol/L", "138 beats per minute|/min", "138 bpm|/min", "18 breaths/min|/min",
            "120 mmHg|mm[Hg]", "120 mm Hg|mm[Hg]", "120 mm[Hg]|mm[Hg]", "62 mL/min/1.73 m2|mL/min/{1.73_m2}",
            "62 mL/min/1.73m2|mL/min/{1.73_m2}", "38.4 °C|Cel", "101.2 F|[degF]", "98 %|%", "5 mg|mg", "250 mcg|ug",
            "7.2 g/dL|g/dL", "8 hours|h"})
    void readsAUnitRightAfterANumber(String text, String ucum) {
        List<Token> tokens = Tokenizer.tokens(text);
        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(0).kind()).isEqualTo(Token.Kind.NUMBER);
        assertThat(tokens.get(1).kind()).isEqualTo(Token.Kind.UNIT);
        assertThat(tokens.get(1).unit()).isEqualTo(ucum);
    }

    @Test
    void aUnitWordWithoutANumberIsAWord() {
        List<Token> tokens = Tokenizer.tokens("Mg 1.4");
        assertThat(tokens.get(0)).isEqualTo(Token.word("mg"));
        assertThat(tokens.get(1).kind()).isEqualTo(Token.Kind.NUMBER);
        assertThat(tokens).hasSize(2);
    }

    @Test
    void aWordAfterANumberThatIsNoUnitStaysAWord() {
        List<Token> tokens = Tokenizer.tokens("3 times daily");
        assertThat(tokens).extracting(Token::kind).containsExactly(Token.Kind.NUMBER, Token.Kind.WORD, Token.Kind.WORD);
    }

    @Test
    void hyphensSeparateWordsAndLowerCases() {
        assertThat(Tokenizer.tokens("A-Fib")).containsExactly(Token.word("a"), Token.word("fib"));
        assertThat(Tokenizer.tokens("beta-lactam")).containsExactly(Token.word("beta"), Token.word("lactam"));
    }

    @Test
    void keepsPunctuationAndThePlusOfAnIon() {
        List<Token> tokens = Tokenizer.tokens("K+ (H; ref 3.5)");
        assertThat(tokens.get(0)).isEqualTo(Token.word("k+"));
        assertThat(tokens).contains(Token.punct("("), Token.punct(";"), Token.punct(")"));
        assertThat(Tokenizer.tokens(null)).isEmpty();
    }
}
