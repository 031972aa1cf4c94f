package io.chartbrief.summary.verify;

import static io.chartbrief.summary.verify.Category.ABBREVIATION;
import static io.chartbrief.summary.verify.Category.DERIVED;
import static io.chartbrief.summary.verify.Category.DIRECTION;
import static io.chartbrief.summary.verify.Category.GROUNDED_RECOMMENDATION;
import static io.chartbrief.summary.verify.Category.ROUNDING_FORMAT_UNIT;
import static io.chartbrief.summary.verify.Category.VALUE;
import static io.chartbrief.summary.verify.Category.VERBATIM;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;

/** Templates over blood-pressure panels (systolic and diastolic components of one Observation). */
final class BloodPressureTemplates {

    private BloodPressureTemplates() {
    }

    /** Whether the observation is a panel with both components. */
    static boolean isPanel(Observation observation) {
        return component(observation, "8480-6") != null && component(observation, "8462-4") != null;
    }

    static void generate(ItemSink sink, Observation observation, int style) {
        BigDecimal systolic = component(observation, "8480-6");
        BigDecimal diastolic = component(observation, "8462-4");
        if (systolic == null || diastolic == null || !observation.hasEffectiveDateTimeType()) {
            return;
        }
        // Whole mmHg as charted, else rounded; a pressure within 0.02 of a half is left out (which way to round?).
        String s = systolic.scale() == 0 ? systolic.toPlainString() : ObservationTemplates.roundedOrNull(systolic, 0);
        String d = diastolic.scale() == 0 ? diastolic.toPlainString() : ObservationTemplates.roundedOrNull(diastolic, 0);
        if (s == null || d == null) {
            return;
        }
        boolean exact = systolic.scale() == 0 && diastolic.scale() == 0;
        String day = ChartReading.day(observation.getEffectiveDateTimeType());
        List<String> cite = List.of(sink.ref(observation));
        String bp = s + "/" + d;
        sink.add("bp-value", exact ? VERBATIM : ROUNDING_FORMAT_UNIT, "vitals", "Blood pressure " + bp + " mmHg", cite, day,
                exact ? "the charted systolic/diastolic" : "the charted pressures rounded to whole mmHg");
        sink.add("bp-abbreviation", ABBREVIATION, "vitals", "BP " + bp, cite, day, "BP abbreviates blood pressure");
        sink.add("bp-date-format", ROUNDING_FORMAT_UNIT, "vitals", "BP " + bp + " mmHg on " + ChartReading.format(day, style), cite, day,
                "the reading with its date in another format");
        sink.add("bp-swapped", VALUE, "vitals", "BP " + d + "/" + s + " mmHg", cite, day,
                "systolic and diastolic swapped: the chart's reading is " + bp);
        String wrong = systolic.multiply(new BigDecimal("1.25")).setScale(0, RoundingMode.HALF_UP).toPlainString();
        sink.add("bp-wrong-systolic", VALUE, "vitals", "BP " + wrong + "/" + d + " mmHg", cite, day,
                "the chart's systolic is " + s + ", not " + wrong);

        String dir = ChartReading.ageOn(sink.patient, day) >= 18 ? Analytes.adultBloodPressure(systolic, diastolic) : null;
        if (dir == null) {
            return;
        }
        sink.add("bp-direction", DERIVED, "vitals", "Blood pressure " + bp + " mmHg (" + dir + ")", cite, day,
                dir + " against adult thresholds");
        String term = dir.equals("high") ? "Hypertensive" : dir.equals("low") ? "Hypotensive" : "Normotensive";
        sink.add("bp-derived-term", DERIVED, "vitals", term + ", BP " + bp, cite, day, term + " describes a " + dir + " reading");
        if (dir.equals("normal")) {
            sink.add("bp-direction-contradicted", DIRECTION, "vitals", "Hypertensive, BP " + bp, cite, day,
                    bp + " is a normal adult reading");
        } else {
            sink.add("bp-direction-contradicted", DIRECTION, "vitals", "Blood pressure normal at " + bp, cite, day,
                    bp + " is " + dir + ", not normal");
            sink.recommend("bp-monitor", GROUNDED_RECOMMENDATION, "Monitor blood pressure", "Blood pressure " + bp + " mmHg is " + dir,
                    cite, "an abnormal blood pressure is monitored");
        }
    }

    private static BigDecimal component(Observation observation, String loinc) {
        for (Observation.ObservationComponentComponent c : observation.getComponent()) {
            if (loinc.equals(ChartReading.code(c.getCode(), "http://loinc.org")) && c.hasValueQuantity()) {
                return ChartReading.value(c.getValueQuantity());
            }
        }
        return null;
    }
}
