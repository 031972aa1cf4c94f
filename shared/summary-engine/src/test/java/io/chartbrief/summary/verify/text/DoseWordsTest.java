package io.chartbrief.summary.verify.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DoseWordsTest {

    private static DoseWords.Match at(String text) {
        return DoseWords.at(Tokenizer.tokens(text), 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"BID|1|2", "twice daily|2|2", "twice a day|3|2", "three times daily|3|3",
            "TID|1|3", "q8h|1|3", "every 8 hours|3|3", "q 6 h|3|4", "daily|1|1", "once daily|2|1", "nightly|1|1",
            "q12h|1|2", "once weekly|2|0.142857", "every other day|3|0.5"})
    void readsFrequenciesPerDay(String text, int length, String perDay) {
        DoseWords.Match m = at(text);
        assertThat(m).isNotNull();
        assertThat(m.length()).isEqualTo(length);
        assertThat(m.perDay()).isEqualByComparingTo(perDay);
        assertThat(m.route()).isNull();
        assertThat(m.asNeeded()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"PO|oral", "by mouth|oral", "orally|oral", "IV|intravenous",
            "intravenously|intravenous", "subq|subcutaneous", "SC|subcutaneous", "IM|intramuscular", "SL|sublingual",
            "inhaled|inhalation", "PR|rectal"})
    void readsRoutes(String text, String route) {
        DoseWords.Match m = at(text);
        assertThat(m.route()).isEqualTo(route);
        assertThat(m.perDay()).isNull();
    }

    @Test
    void readsAsNeeded() {
        assertThat(at("PRN").asNeeded()).isTrue();
        assertThat(at("as needed").asNeeded()).isTrue();
        assertThat(at("as needed").length()).isEqualTo(2);
    }

    @Test
    void drugNamesAndNumbersAreNoDoseWords() {
        assertThat(at("lisinopril")).isNull();
        assertThat(at("twice")).isNull();
        assertThat(at("every")).isNull();
    }

    @Test
    void findsTheRouteOfAChartRouteDisplay() {
        assertThat(DoseWords.route("Oral route")).isEqualTo("oral");
        assertThat(DoseWords.route("Intravenous route (qualifier value)")).isEqualTo("intravenous");
        assertThat(DoseWords.route("Subcutaneous route")).isEqualTo("subcutaneous");
        assertThat(DoseWords.route("Left arm")).isNull();
    }
}
