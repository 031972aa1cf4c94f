package io.chartbrief.summary.verify.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClinicalLexiconTest {

    private static final ClinicalLexicon LEXICON = ClinicalLexicon.standard();

    private static String normalized(String text) {
        return LEXICON.normalize(Tokenizer.tokens(text)).stream().map(Token::text).collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"afib|atrial fibrillation", "A-Fib|atrial fibrillation", "Eliquis|apixaban",
            "hypokalemia|low potassium", "K+|potassium", "Mg|magnesium", "GI bleed|gastrointestinal hemorrhage",
            "tachycardic|high heart rate", "CHF|heart failure", "PNA|pneumonia"})
    void mapsAVariantToItsCanonicalWording(String variant, String canonical) {
        assertThat(LEXICON.canonical(variant)).isEqualTo(canonical);
    }

    @Test
    void anUnknownPhraseHasNoCanonical() {
        assertThat(LEXICON.canonical("zebra stripes")).isNull();
    }

    @Test
    void normalizesSummaryWordingAndChartWordingToTheSameTokens() {
        assertThat(normalized("Afib on Eliquis")).isEqualTo("atrial fibrillation on apixaban");
        assertThat(normalized("Atrial fibrillation on apixaban")).isEqualTo("atrial fibrillation on apixaban");
        assertThat(normalized("Hypokalemia")).isEqualTo(normalized("low potassium"));
        assertThat(normalized("Eliquis 5 MG Oral Tablet")).isEqualTo("apixaban 5 mg oral tablet");
    }

    @Test
    void takesTheLongestVariantFirst() {
        assertThat(normalized("afib with RVR")).isEqualTo("atrial fibrillation with rapid ventricular response");
        assertThat(normalized("paroxysmal afib")).isEqualTo("paroxysmal atrial fibrillation");
    }

    @Test
    void keepsACanonicalWordingWhole() {
        assertThat(normalized("Systolic blood pressure 142")).isEqualTo("systolic blood pressure 142");
        assertThat(normalized("Atrial fibrillation with rapid ventricular response"))
                .isEqualTo("atrial fibrillation with rapid ventricular response");
    }

    @Test
    void aUnitAfterANumberIsNeverRewrittenAsAWord() {
        List<Token> tokens = LEXICON.normalize(Tokenizer.tokens("5 mg"));
        assertThat(tokens).extracting(Token::kind).containsExactly(Token.Kind.NUMBER, Token.Kind.UNIT);
    }

    @Test
    void variantsDoNotCrossPunctuation() {
        assertThat(normalized("a, fib")).isEqualTo("a , fib");
    }

    @Test
    void theTermsFileLoadsWithNoVariantListedTwice() {
        List<String[]> rows = ClinicalLexicon.rows("/io/chartbrief/summary/verify/lexicon/terms.tsv", 3);
        assertThat(rows).hasSizeGreaterThan(500);
        Map<String, String> canonicalOf = new HashMap<>();
        Map<String, String> duplicates = new HashMap<>();
        for (String[] row : rows) {
            assertThat(row[0]).isIn("abbreviation", "synonym", "lay", "brand", "derived");
            for (String variant : row[2].split("\\|")) {
                String key = ClinicalLexicon.key(Tokenizer.tokens(variant.trim()));
                String before = canonicalOf.putIfAbsent(key, row[1]);
                if (before != null) {
                    duplicates.put(key, before + " / " + row[1]);
                }
            }
        }
        assertThat(duplicates).isEmpty();
        assertThat(LEXICON.size()).isGreaterThanOrEqualTo(canonicalOf.size());
        assertThat(LEXICON.drugClasses().classNamed("doacs")).isEqualTo("direct oral anticoagulant");
    }
}
