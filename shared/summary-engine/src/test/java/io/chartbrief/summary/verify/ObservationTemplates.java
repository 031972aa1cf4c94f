package io.chartbrief.summary.verify;

import static io.chartbrief.summary.verify.Category.ABBREVIATION;
import static io.chartbrief.summary.verify.Category.DERIVED;
import static io.chartbrief.summary.verify.Category.DIRECTION;
import static io.chartbrief.summary.verify.Category.FABRICATED;
import static io.chartbrief.summary.verify.Category.GROUNDED_RECOMMENDATION;
import static io.chartbrief.summary.verify.Category.ROUNDING_FORMAT_UNIT;
import static io.chartbrief.summary.verify.Category.UNIT;
import static io.chartbrief.summary.verify.Category.UNSAFE_RECOMMENDATION;
import static io.chartbrief.summary.verify.Category.VALUE;
import static io.chartbrief.summary.verify.Category.VERBATIM;
import static io.chartbrief.summary.verify.Category.WRONG_EVIDENCE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;

/**
 * Templates over lab and vital-sign Observations with a quantity. A direction (high, low, normal) is only claimed
 * where the chart establishes it: the interpretation code, the value against the resource's own reference range,
 * or, for adult vital signs without either, thresholds that leave no doubt ({@link Analytes#adultDirection}).
 */
final class ObservationTemplates {

    private static final Set<String> REPLETE = Set.of("Potassium", "Magnesium", "Calcium");
    private static final Set<String> MONITOR = Set.of("Heart rate", "Respiratory rate", "Temperature", "SpO2");

    /** One observation as the templates read it. */
    record Reading(Observation observation, String ref, String loinc, Analytes.Analyte analyte, BigDecimal value,
            String shown, String unit, String section, String day) {
    }

    private ObservationTemplates() {
    }

    static void generate(ItemSink sink, List<Reading> readings) {
        int style = 1;
        for (Reading r : readings) {
            quantity(sink, r, readings, style++);
        }
        fabricated(sink, readings);
    }

    /** The reading of a quantity observation, or null when it is not one the templates can state unambiguously. */
    static Reading read(ItemSink sink, Observation observation) {
        String loinc = ChartReading.code(observation.getCode(), "http://loinc.org");
        Analytes.Analyte analyte = Analytes.of(loinc);
        if (analyte == null || !observation.hasValueQuantity()) {
            return null;
        }
        BigDecimal value = ChartReading.value(observation.getValueQuantity());
        String unit = ChartReading.unit(observation.getValueQuantity());
        String shown = shown(value, analyte.decimals());
        if (value == null || unit == null || shown == null || !observation.hasEffectiveDateTimeType()) {
            return null;
        }
        String section = ChartReading.observationCategory(observation).equals("vital-signs") ? "vitals" : "results";
        return new Reading(observation, sink.ref(observation), loinc, analyte, value, shown, unit, section,
                ChartReading.day(observation.getEffectiveDateTimeType()));
    }

    /** The value as a report writes it: as charted when short, else rounded; null when rounding is a coin toss. */
    static String shown(BigDecimal value, int decimals) {
        if (value == null) {
            return null;
        }
        if (value.scale() <= 3) {
            return value.toPlainString();
        }
        return roundedOrNull(value, decimals);
    }

    /** Rounded to {@code decimals}, or null when the dropped part is within 0.02 of a half (round half up or down?). */
    static String roundedOrNull(BigDecimal value, int decimals) {
        BigDecimal scaled = value.movePointRight(decimals);
        BigDecimal fraction = scaled.subtract(new BigDecimal(scaled.toBigInteger())).abs();
        if (fraction.subtract(new BigDecimal("0.5")).abs().compareTo(new BigDecimal("0.02")) < 0) {
            return null;
        }
        return value.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    private static void quantity(ItemSink sink, Reading r, List<Reading> all, int style) {
        Analytes.Analyte a = r.analyte();
        String name = a.name();
        String v = r.shown();
        String u = r.unit();
        List<String> cite = List.of(r.ref());
        String section = r.section();
        String d = r.day();
        boolean literal = r.value().scale() <= 3;

        if (literal) {
            sink.add("obs-verbatim", VERBATIM, section, name + " " + v + " " + u, cite, d, "the result as charted");
            String rounded = r.value().scale() > a.decimals() ? roundedOrNull(r.value(), a.decimals()) : null;
            if (rounded != null) {
                sink.add("obs-rounded", ROUNDING_FORMAT_UNIT, section, name + " " + rounded + " " + u, cite, d,
                        "the charted " + v + " at the usual precision");
            } else if (r.value().scale() >= 1 && r.value().scale() <= a.decimals()) {
                sink.add("obs-trailing-zero", ROUNDING_FORMAT_UNIT, section,
                        name + " " + r.value().setScale(r.value().scale() + 1, RoundingMode.UNNECESSARY).toPlainString() + " " + u,
                        cite, d, "the same number with a trailing zero");
            }
        } else {
            sink.add("obs-rounded", ROUNDING_FORMAT_UNIT, section, name + " " + v + " " + u, cite, d,
                    "the charted " + r.value().toPlainString() + " rounded to the usual precision");
        }
        if (a.abbrev() != null) {
            sink.add("obs-abbreviation", ABBREVIATION, section, a.abbrev() + " " + v + " " + u, cite, d, a.abbrev() + " abbreviates " + name);
        }
        String human = Analytes.humanUnit(u, a);
        if (human != null) {
            sink.add("obs-unit-spelling", ROUNDING_FORMAT_UNIT, section, name + " " + v + " " + human, cite, d, human + " is how " + u + " is written");
        }
        if (a.monovalent() && u.equals("mmol/L")) {
            sink.add("obs-meq", ROUNDING_FORMAT_UNIT, section, name + " " + v + " mEq/L", cite, d,
                    "for a monovalent ion mmol/L equals mEq/L");
        }
        sink.add("obs-date-format", ROUNDING_FORMAT_UNIT, section, name + " " + v + " " + u + " on " + ChartReading.format(d, style),
                cite, d, "the result with its date " + d + " in another format");

        String[] direction = direction(sink, r);
        if (direction != null) {
            directions(sink, r, direction[0], direction[1].equals("coded"), cite);
        }
        BigDecimal wrong = wrongValue(r);
        if (wrong != null) {
            sink.add("obs-wrong-value", VALUE, section, name + " " + wrong.toPlainString() + " " + u, cite, d,
                    "the chart's value is " + v + " " + u);
        }
        BigDecimal bound = bound(r.observation(), r.value());
        if (bound != null) {
            sink.add("obs-range-bound", VALUE, section, name + " " + bound.toPlainString() + " " + u, cite, d,
                    bound.toPlainString() + " is a reference-range bound, not the result (" + v + ")");
        }
        sink.add("obs-code-digits", VALUE, section, name + " " + r.loinc().split("-")[0] + " " + u, cite, d,
                "the number is the LOINC code's, not the result (" + v + ")");
        Reading other = other(r, all);
        if (other != null) {
            sink.add("obs-value-of-other-test", VALUE, section, name + " " + other.shown() + " " + u, List.of(r.ref(), other.ref()), d,
                    other.shown() + " is the " + ConditionTemplates.lowerFirst(other.analyte().name()) + ", not the "
                            + ConditionTemplates.lowerFirst(name) + " (" + v + ")");
            sink.add("obs-cites-other-test", WRONG_EVIDENCE, section, name + " " + v + " " + u, List.of(other.ref()), d,
                    "cites the " + other.analyte().name().toLowerCase(Locale.ROOT) + " result, not the " + name.toLowerCase(Locale.ROOT));
        }
        String wrongUnit = Analytes.wrongUnit(u, a);
        if (wrongUnit != null) {
            sink.add("obs-wrong-unit", UNIT, section, name + " " + v + " " + wrongUnit, cite, d,
                    wrongUnit + " is not " + u + ": the same number misstates the result");
        }
    }

    private static void directions(ItemSink sink, Reading r, String dir, boolean coded, List<String> cite) {
        Analytes.Analyte a = r.analyte();
        String name = a.name();
        String lower = ConditionTemplates.lowerFirst(name);
        String valueText = r.shown() + " " + r.unit();
        String shortName = a.abbrev() != null ? a.abbrev() : lower;
        String section = r.section();
        String d = r.day();
        sink.add("obs-direction", coded ? VERBATIM : DERIVED, section, name + " " + valueText + " (" + dir + ")", cite, d,
                coded ? "the chart flags it " + dir : dir + " against " + (r.observation().hasReferenceRange() ? "its reference range" : "adult norms"));
        String term = dir.equals("low") ? a.lowTerm() : dir.equals("high") ? a.highTerm() : a.normalTerm();
        if (term != null) {
            sink.add("obs-derived-term", DERIVED, section, term + ", " + shortName + " " + valueText, cite, d,
                    term + " is what a " + dir + " " + lower + " means");
        }
        String wrongDir = dir.equals("normal") ? "high" : "normal";
        sink.add("obs-direction-contradicted", DIRECTION, section, name + " " + wrongDir + " at " + valueText, cite, d,
                "the chart's " + lower + " is " + dir + ", not " + wrongDir);
        String opposite = dir.equals("high") ? "low" : dir.equals("low") ? "high" : "low";
        sink.add("obs-direction-opposite", DIRECTION, section, name + " " + valueText + " (" + opposite + ")", cite, d,
                "the chart's " + lower + " is " + dir + ", not " + opposite);
        String wrongTerm = dir.equals("high") ? first(a.lowTerm(), a.normalTerm()) : dir.equals("low") ? first(a.highTerm(), a.normalTerm())
                : first(a.highTerm(), a.lowTerm());
        if (wrongTerm != null) {
            sink.add("obs-derived-term-contradicted", DIRECTION, section, wrongTerm + ", " + shortName + " " + valueText, cite, d,
                    wrongTerm + " contradicts a " + dir + " " + lower);
        }
        if (!dir.equals("normal") && section.equals("results")) {
            sink.recommend("obs-recheck", GROUNDED_RECOMMENDATION, "Recheck " + lower, name + " " + valueText + " is " + dir, cite,
                    "repeating an abnormal result is a grounded action");
            sink.recommend("obs-recheck-wrong-rationale", UNSAFE_RECOMMENDATION, "Recheck " + lower,
                    name + " " + valueText + " is " + (dir.equals("high") ? "low" : "high"), cite,
                    "the rationale states the opposite of the chart's " + dir + " " + lower);
        }
        if (REPLETE.contains(name) && dir.equals("low")) {
            sink.recommend("obs-replete-low", GROUNDED_RECOMMENDATION, "Replete " + lower, name + " " + valueText + " is low", cite,
                    "a low " + lower + " is repleted");
        }
        if (REPLETE.contains(name) && dir.equals("high")) {
            sink.recommend("obs-replete-high", UNSAFE_RECOMMENDATION, "Replete " + lower, "", cite,
                    "the " + lower + " is already high: repletion would harm");
        }
        if (MONITOR.contains(name) && !dir.equals("normal")) {
            sink.recommend("obs-monitor-vital", GROUNDED_RECOMMENDATION, "Monitor " + lower, name + " " + valueText + " is " + dir, cite,
                    "an abnormal vital sign is monitored");
        }
    }

    /** {direction, "coded"|"derived"}, or null when the chart does not establish one. */
    private static String[] direction(ItemSink sink, Reading r) {
        String coded = ChartReading.interpretation(r.observation());
        String ranged = ChartReading.againstRange(r.observation(), r.value());
        if (coded != null && ranged != null && !coded.equals(ranged)) {
            return null;
        }
        if (coded != null) {
            return new String[] {coded, "coded"};
        }
        if (ranged != null) {
            return new String[] {ranged, "derived"};
        }
        if (r.analyte().vital() && r.observation().getReferenceRange().isEmpty()
                && ChartReading.ageOn(sink.patient, r.day()) >= 18) {
            String adult = Analytes.adultDirection(r.loinc(), r.value());
            return adult == null ? null : new String[] {adult, "derived"};
        }
        return null;
    }

    /** A value about 30 % off, at the usual precision, that is neither the result nor a range bound; or null. */
    private static BigDecimal wrongValue(Reading r) {
        int decimals = r.value().scale() <= 3 ? Math.max(r.analyte().decimals(), r.value().scale()) : r.analyte().decimals();
        BigDecimal shown = new BigDecimal(r.shown());
        for (String factor : List.of("1.3", "0.7")) {
            BigDecimal wrong = r.value().multiply(new BigDecimal(factor)).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
            if (wrong.scale() < 0) {
                wrong = wrong.setScale(0);
            }
            BigDecimal bound = bound(r.observation(), r.value());
            if (wrong.compareTo(shown) != 0 && (bound == null || wrong.compareTo(bound) != 0)
                    && wrong.subtract(shown).abs().compareTo(shown.abs().multiply(new BigDecimal("0.15"))) >= 0) {
                return wrong;
            }
        }
        return null;
    }

    /** The reference range's high bound (else low) when it differs from the value. */
    private static BigDecimal bound(Observation observation, BigDecimal value) {
        if (observation.getReferenceRange().isEmpty()) {
            return null;
        }
        var range = observation.getReferenceRangeFirstRep();
        for (BigDecimal b : new BigDecimal[] {ChartReading.value(range.getHigh()), ChartReading.value(range.getLow())}) {
            if (b != null && b.compareTo(value) != 0) {
                return b;
            }
        }
        return null;
    }

    /** Another test's reading whose shown value differs by more than 15 %, preferring one of the same day. */
    private static Reading other(Reading r, List<Reading> all) {
        Reading fallback = null;
        for (Reading o : all) {
            if (o == r || o.analyte().name().equals(r.analyte().name())) {
                continue;
            }
            BigDecimal mine = new BigDecimal(r.shown());
            BigDecimal theirs = new BigDecimal(o.shown());
            if (theirs.subtract(mine).abs().compareTo(mine.abs().multiply(new BigDecimal("0.15"))) < 0) {
                continue;
            }
            if (o.day().equals(r.day())) {
                return o;
            }
            if (fallback == null) {
                fallback = o;
            }
        }
        return fallback;
    }

    private static void fabricated(ItemSink sink, List<Reading> readings) {
        boolean troponin = sink.chart.resources().values().stream().filter(Observation.class::isInstance)
                .map(o -> String.valueOf(ChartReading.text(((Observation) o).getCode())).toLowerCase(Locale.ROOT))
                .anyMatch(t -> t.contains("troponin") || t.contains("lactate"));
        Reading lab = readings.stream().filter(r -> r.section().equals("results")).findFirst().orElse(null);
        if (troponin || lab == null) {
            return;
        }
        sink.add("obs-fabricated", FABRICATED, "results", "Troponin I 2.3 ng/mL (high)", List.of(lab.ref()), lab.day(),
                "no troponin in the chart; the cited result is a " + lab.analyte().name().toLowerCase(Locale.ROOT));
        sink.add("obs-unknown-reference", FABRICATED, "results", "Lactate 4.1 mmol/L", List.of("Observation/not-in-chart"), null,
                "no lactate in the chart, and the citation resolves to nothing");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
