package io.chartbrief.summary.verify.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UnitConversionTest {

    private static BigDecimal convert(String value, String from, String to, String analyte) {
        return UnitConversion.convert(new BigDecimal(value), from, to, analyte);
    }

    @Test
    void potassiumMillimolesAreMilliequivalents() {
        assertThat(convert("4.2", "mmol/L", "meq/L", "potassium")).isEqualByComparingTo("4.2");
        assertThat(convert("4.2", "mEq/L", "mmol/L", "potassium")).isEqualByComparingTo("4.2");
    }

    @Test
    void magnesiumIsDivalent() {
        assertThat(convert("0.7", "mmol/L", "meq/L", "magnesium")).isEqualByComparingTo("1.4");
        assertThat(convert("1.4", "meq/L", "mmol/L", "magnesium")).isEqualByComparingTo("0.7");
        assertThat(convert("2.5", "mmol/L", "meq/L", "calcium")).isEqualByComparingTo("5");
    }

    @Test
    void glucoseMassAndSubstanceConcentrations() {
        assertThat(convert("100", "mg/dL", "mmol/L", "glucose")).isCloseTo(new BigDecimal("5.55"), within(new BigDecimal("0.01")));
        assertThat(convert("5.55", "mmol/L", "mg/dL", "glucose")).isCloseTo(new BigDecimal("100"), within(new BigDecimal("0.1")));
    }

    @Test
    void creatinineMgPerDlToMicromolesPerLitre() {
        assertThat(convert("1.0", "mg/dL", "umol/L", "creatinine")).isCloseTo(new BigDecimal("88.4"), within(new BigDecimal("0.1")));
        assertThat(convert("88.4", "umol/L", "mg/dL", "creatinine")).isCloseTo(new BigDecimal("1.0"), within(new BigDecimal("0.01")));
    }

    @Test
    void temperaturesBothWays() {
        assertThat(convert("98.6", "[degF]", "Cel", "")).isCloseTo(new BigDecimal("37"), within(new BigDecimal("0.01")));
        assertThat(convert("38", "Cel", "[degF]", "")).isEqualByComparingTo("100.4");
    }

    @Test
    void plainUcumScaling() {
        assertThat(convert("7.2", "g/dL", "g/L", "")).isEqualByComparingTo("72");
        assertThat(convert("138", "/min", "/min", "")).isEqualByComparingTo("138");
        assertThat(UnitConversion.comparable("mg/dL", "g/L", "")).isTrue();
    }

    @Test
    void incomparableUnitsGiveNull() {
        assertThat(convert("5", "mg/dL", "/min", "glucose")).isNull();
        assertThat(convert("5", "mmol/L", "mg/dL", "")).as("mass and substance need a known analyte").isNull();
        assertThat(convert("5", "Cel", "mm[Hg]", "")).isNull();
        assertThat(convert("5", null, "mg/dL", "")).isNull();
        assertThat(UnitConversion.comparable("%", "mmol/L", "potassium")).isFalse();
    }

    @Test
    void mapsWrittenChartUnitsToUcum() {
        assertThat(UnitConversion.ucum("mEq/L")).isEqualTo("meq/L");
        assertThat(UnitConversion.ucum("bpm")).isEqualTo("/min");
        assertThat(UnitConversion.ucum(null)).isNull();
    }
}
