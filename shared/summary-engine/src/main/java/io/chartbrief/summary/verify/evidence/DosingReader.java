package io.chartbrief.summary.verify.evidence;

import io.chartbrief.summary.chart.ChartValues;
import io.chartbrief.summary.verify.text.DoseWords;
import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;

/** Collects the {@link Dosing} of one medication resource: its dosage elements and the strength in its name. */
final class DosingReader {

    /** Amount units a strength or dose may have (UCUM). */
    static final Set<String> AMOUNT_UNITS = Set.of("mg", "ug", "g", "mL", "[U]", "meq", "mmol", "L", "mg/mL",
            "ug/mL", "[U]/mL", "mg/h", "[IU]", "{puff}", "{tbl}", "{capsule}");
    private static final Map<String, BigDecimal> PER_DAY_OF_UNIT = Map.of("s", BigDecimal.valueOf(86400),
            "min", BigDecimal.valueOf(1440), "h", BigDecimal.valueOf(24), "d", BigDecimal.ONE,
            "wk", new BigDecimal("0.142857"), "mo", new BigDecimal("0.0333"), "a", new BigDecimal("0.00274"));

    private final List<Dosing.Amount> amounts = new ArrayList<>();
    private final Set<String> routes = new LinkedHashSet<>();
    private BigDecimal perDay;
    private boolean asNeeded;
    private boolean scheduled;
    private final List<String> instructions = new ArrayList<>();

    /** Strengths and a route form in the drug's name ({@code 5 MG Oral Tablet}). */
    void name(List<Token> tokens) {
        text(tokens, false);
    }

    void dosage(Dosage dosage) {
        for (Dosage.DosageDoseAndRateComponent rate : dosage.getDoseAndRate()) {
            if (rate.hasDoseQuantity()) {
                amount(rate.getDoseQuantity());
            }
            if (rate.hasRateQuantity()) {
                amount(rate.getRateQuantity()); // an infusion's rate (125 mL/h) is a dose the order states
            }
        }
        String instruction = ChartValues.text(dosage.getTextElement());
        if (instruction != null && !instruction.isBlank()) {
            instructions.add(instruction.strip());
        }
        if (dosage.hasRoute()) {
            routeOf(ChartValues.text(dosage.getRoute().getTextElement()));
            for (Coding coding : dosage.getRoute().getCoding()) {
                routeOf(ChartValues.text(coding.getDisplayElement()));
            }
        }
        if (dosage.hasAsNeededBooleanType()) {
            asNeeded |= ChartValues.bool(dosage.getAsNeededBooleanType(), false);
        } else if (dosage.hasAsNeededCodeableConcept()) {
            asNeeded = true;
        }
        if (dosage.hasTiming()) {
            timing(dosage.getTiming());
        }
        String text = ChartValues.text(dosage.getTextElement());
        if (text != null) {
            text(Tokenizer.tokens(text), true);
        }
    }

    void administration(MedicationAdministration.MedicationAdministrationDosageComponent dosage) {
        if (dosage.hasDose()) {
            amount(dosage.getDose());
        }
        if (dosage.hasRoute()) {
            for (Coding coding : dosage.getRoute().getCoding()) {
                routeOf(ChartValues.text(coding.getDisplayElement()));
            }
            routeOf(ChartValues.text(dosage.getRoute().getTextElement()));
        }
        String text = ChartValues.text(dosage.getTextElement());
        if (text != null) {
            text(Tokenizer.tokens(text), true);
        }
    }

    Dosing build() {
        return new Dosing(amounts, routes, perDay, asNeeded, scheduled, instructions);
    }

    private void timing(Timing timing) {
        if (timing.hasRepeat()) {
            Timing.TimingRepeatComponent repeat = timing.getRepeat();
            Integer frequency = repeat.hasFrequency() ? repeat.getFrequency() : null;
            BigDecimal period = repeat.hasPeriod() ? ChartValues.decimal(repeat.getPeriodElement()) : null;
            String unit = repeat.hasPeriodUnit() ? repeat.getPeriodUnitElement().getValueAsString() : null;
            if (period != null && period.signum() > 0 && unit != null && PER_DAY_OF_UNIT.containsKey(unit)) {
                int times = frequency == null ? 1 : frequency;
                BigDecimal day = PER_DAY_OF_UNIT.get(unit).multiply(BigDecimal.valueOf(times))
                        .divide(period, 4, RoundingMode.HALF_UP);
                setPerDay(day);
            } else if (repeat.hasWhen() && !repeat.getWhen().isEmpty()) {
                setPerDay(BigDecimal.valueOf(repeat.getWhen().size()));
            }
        }
        if (timing.hasCode()) {
            for (Coding coding : timing.getCode().getCoding()) {
                text(Tokenizer.tokens(ChartValues.text(coding.getCodeElement())), true);
                text(Tokenizer.tokens(ChartValues.text(coding.getDisplayElement())), true);
            }
            text(Tokenizer.tokens(ChartValues.text(timing.getCode().getTextElement())), true);
        }
    }

    private void text(List<Token> tokens, boolean instructions) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.number() != null && i + 1 < tokens.size() && tokens.get(i + 1).unit() != null
                    && AMOUNT_UNITS.contains(tokens.get(i + 1).unit())) {
                amounts.add(new Dosing.Amount(t.number(), tokens.get(i + 1).unit()));
            }
            if (t.isWord()) {
                DoseWords.Match match = DoseWords.at(tokens, i);
                if (match != null) {
                    if (match.route() != null) {
                        routes.add(match.route());
                    } else if (match.asNeeded()) {
                        asNeeded = true;
                    } else if (instructions && match.perDay() != null) {
                        setPerDay(match.perDay());
                    }
                    i += match.length() - 1;
                }
            }
        }
    }

    private void setPerDay(BigDecimal day) {
        scheduled = true;
        if (perDay == null) {
            perDay = day;
        }
    }

    private void amount(Quantity quantity) {
        BigDecimal value = ChartValues.decimal(quantity.getValueElement());
        if (value == null) {
            return;
        }
        String unit = ChartValues.text(quantity.getCodeElement());
        if (unit == null) {
            unit = io.chartbrief.summary.verify.text.Units.ucum(ChartValues.text(quantity.getUnitElement()));
        }
        amounts.add(new Dosing.Amount(value, unit));
    }

    private void routeOf(String written) {
        String route = written == null ? null : DoseWords.route(written);
        if (route != null) {
            routes.add(route);
        }
    }
}
