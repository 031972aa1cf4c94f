package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.DateRole;
import io.chartbrief.summary.verify.evidence.Dosing;
import io.chartbrief.summary.verify.evidence.Measured;
import io.chartbrief.summary.verify.evidence.Phrase;
import io.chartbrief.summary.verify.text.MatchKeys;
import io.chartbrief.summary.verify.text.Token;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a stated number: a result or vital-sign value against the cited values of the same test ({@code value[x]}
 * and {@code component.value[x]} only), with rounding tolerance and UCUM unit conversion; a blood pressure
 * {@code 120/80} against its systolic and diastolic components; a reference range against the range; a
 * medication strength or dose against the order's dose and name strength; an age against the birth date. A
 * number the cited facts do not have is unverifiable, one that differs from what they have is contradicted.
 */
final class ValueCheck {

    private static final Set<String> RANGE_WORDS = Set.of("ref", "reference", "range", "rr", "nl", "normal");
    private static final Set<String> AGE_WORDS = Set.of("yo", "y", "yr", "yrs", "year", "years");

    /** A verdict and the token after the claim. */
    record Result(Verdict verdict, int end) {
    }

    private ValueCheck() {
    }

    static Result check(Statement s, int i, Binding binding, ChartWideFacts chart, List<CitedFact> cited) {
        BigDecimal stated = s.token(i).number();
        String unit = i + 1 < s.size() && s.token(i + 1).kind() == Token.Kind.UNIT ? s.token(i + 1).unit() : null;
        int end = unit == null ? i + 1 : i + 2;
        if (unit == null) {
            // a unit the chart writes in its own words ("5.100 enzyme units"): the chart's unit, as written
            for (Binding.Value v : binding.values()) {
                int words = writtenUnit(s, i + 1, v.measured().unit());
                if (words > 0) {
                    unit = UnitConversion.ucum(v.measured().unit());
                    end = i + 1 + words;
                    break;
                }
            }
        }
        if (rangeCue(s, i)) {
            int next = end < s.size() && s.token(end).kind() == Token.Kind.NUMBER ? end : -1;
            Verdict v = range(stated, binding);
            if (next >= 0) {
                v = v.and(range(s.token(next).number(), binding));
                end = next + 1 < s.size() && s.token(next + 1).kind() == Token.Kind.UNIT ? next + 2 : next + 1;
            }
            return new Result(v, end);
        }
        if (binding.dose() && unit == null && s.isPunct(i + 1, "/") && i + 2 < s.size()
                && s.token(i + 2).kind() == Token.Kind.NUMBER) {
            // a combination's strengths: "7.5/325", "50/200/25 mg"
            Verdict v = dose(stated, null, binding);
            int k = i + 2;
            while (k < s.size() && s.token(k).kind() == Token.Kind.NUMBER) {
                boolean last = !(s.isPunct(k + 1, "/") && k + 2 < s.size() && s.token(k + 2).kind() == Token.Kind.NUMBER);
                String u = last && k + 1 < s.size() && s.token(k + 1).kind() == Token.Kind.UNIT ? s.token(k + 1).unit() : null;
                v = v.and(dose(s.token(k).number(), u, binding));
                if (last) {
                    return new Result(v, u == null ? k + 1 : k + 2);
                }
                k += 2;
            }
            return new Result(v, k);
        }
        if (unit == null && s.isPunct(i + 1, "/") && i + 2 < s.size() && s.token(i + 2).kind() == Token.Kind.NUMBER) {
            int after = i + 3 < s.size() && s.token(i + 3).kind() == Token.Kind.UNIT ? i + 4 : i + 3;
            return new Result(bloodPressure(stated, s.token(i + 2).number(), binding, cited), after);
        }
        if ("a".equals(unit) || unit == null && i + 1 < s.size() && s.token(i + 1).isWord()
                && AGE_WORDS.contains(s.token(i + 1).text())) {
            return new Result(age(stated, chart, cited), i + 2);
        }
        if (binding.dose()) {
            return new Result(dose(stated, unit, binding), end);
        }
        List<Binding.Value> values = binding.values();
        if (values.isEmpty() && binding.run() == null) {
            for (CitedFact f : cited) {
                f.values().forEach(m -> values.add(new Binding.Value(f, m)));
            }
        }
        return new Result(measured(stated, unit, values), end);
    }

    /** How many tokens from {@code from} spell the chart's written unit, or 0. */
    private static int writtenUnit(Statement s, int from, String unit) {
        if (unit == null) {
            return 0;
        }
        List<Token> written = io.chartbrief.summary.verify.text.Tokenizer.tokens(unit);
        if (written.isEmpty() || written.stream().anyMatch(t -> !t.isWord())) {
            return 0;
        }
        for (int k = 0; k < written.size(); k++) {
            if (from + k >= s.size() || !s.token(from + k).text().equals(written.get(k).text())) {
                return 0;
            }
        }
        return written.size();
    }

    private static boolean rangeCue(Statement s, int i) {
        for (int k = i - 1; k >= 0 && k >= i - 3 && s.segment[k] == s.segment[i]; k--) {
            if (s.token(k).isWord() && RANGE_WORDS.contains(s.token(k).text())) {
                return true;
            }
        }
        return false;
    }

    static Verdict measured(BigDecimal stated, String unit, List<Binding.Value> values) {
        if (values.isEmpty()) {
            return Verdict.unverifiable("the value " + stated.toPlainString() + " is not a measured value of the cited resources");
        }
        for (Binding.Value v : values) {
            if (matches(stated, unit, v)) {
                return Verdict.SUPPORTED;
            }
        }
        Measured first = values.get(0).measured();
        String chartUnit = UnitConversion.ucum(first.unit());
        if (unit != null && values.stream().noneMatch(v -> UnitConversion.comparable(
                UnitConversion.ucum(v.measured().unit()), unit, v.analyte()))) {
            return Verdict.contradicted("the unit " + unit + " does not fit the chart's value in " + chartUnit);
        }
        return Verdict.contradicted("the chart's value is " + first.value().toPlainString()
                + (chartUnit == null ? "" : " " + chartUnit) + ", not " + stated.toPlainString());
    }

    static boolean matches(BigDecimal stated, String unit, Binding.Value value) {
        BigDecimal chart = value.measured().value();
        boolean converted = false;
        String chartUnit = UnitConversion.ucum(value.measured().unit());
        if (unit != null && chartUnit != null && !unit.equals(chartUnit)) {
            chart = UnitConversion.convert(chart, chartUnit, unit, value.analyte());
            if (chart == null) {
                return false;
            }
            converted = true;
        }
        return close(stated, chart, converted);
    }

    /**
     * Whether a stated number is the chart's number, written with fewer decimals or converted. A rounding must keep
     * two significant digits ("K 5" does not state 4.6).
     */
    static boolean close(BigDecimal stated, BigDecimal chart, boolean converted) {
        int scale = Math.max(0, stated.scale());
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(scale).multiply(new BigDecimal("0.5"));
        if (converted) {
            tolerance = tolerance.add(stated.abs().multiply(new BigDecimal("0.01")));
        }
        if (chart.subtract(stated).abs().compareTo(tolerance) > 0) {
            return false;
        }
        if (chart.compareTo(stated) == 0) {
            return true;
        }
        return stated.precision() >= 2 || converted;
    }

    /** "0.3 ML Epinephrine 1 MG/ML Auto-Injector" holds 0.3 mg: a volume times a per-mL concentration of its name. */
    private static boolean volumeTimesConcentration(BigDecimal stated, String unit, List<CitedFact> facts) {
        for (CitedFact fact : facts) {
            for (Phrase p : fact.phrases()) {
                if (!p.name()) {
                    continue;
                }
                List<BigDecimal> volumes = new ArrayList<>();
                List<BigDecimal> concentrations = new ArrayList<>();
                List<String> units = new ArrayList<>();
                List<String> keys = p.keys();
                for (int k = 0; k + 1 < keys.size(); k++) {
                    if (!keys.get(k).startsWith("n:") || !keys.get(k + 1).startsWith("u:")) {
                        continue;
                    }
                    BigDecimal value = new BigDecimal(keys.get(k).substring(2));
                    String u = keys.get(k + 1).substring(2);
                    if (u.equalsIgnoreCase("ml")) {
                        volumes.add(value);
                    } else if (u.toLowerCase(java.util.Locale.ROOT).endsWith("/ml")) {
                        concentrations.add(value);
                        units.add(u.substring(0, u.length() - 3));
                    }
                }
                for (BigDecimal volume : volumes) {
                    for (int c = 0; c < concentrations.size(); c++) {
                        BigDecimal amount = volume.multiply(concentrations.get(c));
                        if ((unit == null || unit.equalsIgnoreCase(units.get(c))) && amount.compareTo(stated) == 0) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** "24 HR", "10 MG/ML", "0.3 ML" as written in the cited product's name. */
    private static boolean inProductName(BigDecimal stated, String unit, List<CitedFact> facts) {
        String number = "n:" + MatchKeys.normalize(stated).toPlainString();
        for (CitedFact fact : facts) {
            for (Phrase p : fact.phrases()) {
                List<String> keys = p.keys();
                for (int k = 0; k < keys.size(); k++) {
                    if (keys.get(k).equals(number) && (unit == null || k + 1 < keys.size()
                            && keys.get(k + 1).equalsIgnoreCase("u:" + unit))) {
                        return p.name();
                    }
                }
            }
        }
        return false;
    }

    private static Verdict range(BigDecimal stated, Binding binding) {
        boolean any = false;
        for (Binding.Value v : binding.values()) {
            Measured m = v.measured();
            any |= m.low() != null || m.high() != null;
            if (m.low() != null && m.low().compareTo(stated) == 0 || m.high() != null && m.high().compareTo(stated) == 0) {
                return Verdict.SUPPORTED;
            }
        }
        for (CitedFact f : binding.facts()) {
            any |= !f.bounds().isEmpty();
            if (f.bounds().stream().anyMatch(b -> b.compareTo(stated) == 0)) {
                return Verdict.SUPPORTED;
            }
        }
        return any ? Verdict.contradicted("the reference range does not have " + stated.toPlainString())
                : Verdict.unverifiable("the cited resources give no reference range");
    }

    private static Verdict bloodPressure(BigDecimal systolic, BigDecimal diastolic, Binding binding, List<CitedFact> cited) {
        List<Binding.Value> values = binding.values();
        if (values.isEmpty()) {
            values = new ArrayList<>();
            for (CitedFact f : cited) {
                for (Measured m : f.values()) {
                    values.add(new Binding.Value(f, m));
                }
            }
        }
        Measured sys = part(values, "8480-6", "systolic");
        Measured dia = part(values, "8462-4", "diastolic");
        if (sys == null || dia == null) {
            return Verdict.unverifiable("no cited blood pressure with systolic and diastolic values");
        }
        if (close(systolic, sys.value(), false) && close(diastolic, dia.value(), false)) {
            return Verdict.SUPPORTED;
        }
        return Verdict.contradicted("the chart's blood pressure is " + sys.value().toPlainString() + "/"
                + dia.value().toPlainString());
    }

    private static Measured part(List<Binding.Value> values, String loinc, String word) {
        for (Binding.Value v : values) {
            Measured m = v.measured();
            if (loinc.equals(m.loinc()) || m.component() != null && m.component().contains(word)) {
                return m;
            }
        }
        return null;
    }

    private static Verdict age(BigDecimal stated, ChartWideFacts chart, List<CitedFact> cited) {
        LocalDate birth = chart.birthDate();
        if (birth == null) {
            return Verdict.unverifiable("the chart has no birth date for the stated age");
        }
        List<LocalDate> at = new ArrayList<>();
        at.add(chart.today());
        for (CitedFact f : cited) {
            for (String d : f.allDates()) {
                if (d.length() == 10 && !f.dates().getOrDefault(DateRole.BIRTH, Set.of()).contains(d)) {
                    at.add(LocalDate.parse(d));
                }
            }
        }
        for (LocalDate date : at) {
            if (!date.isBefore(birth) && Period.between(birth, date).getYears() == stated.intValue()
                    && stated.stripTrailingZeros().scale() <= 0) {
                return Verdict.SUPPORTED;
            }
        }
        return Verdict.contradicted("the age does not follow from the birth date");
    }

    private static Verdict dose(BigDecimal stated, String unit, Binding binding) {
        if (inProductName(stated, unit, binding.facts())) {
            return Verdict.SUPPORTED;
        }
        boolean anyAmount = false;
        for (CitedFact fact : binding.facts()) {
            Dosing dosing = fact.dosing();
            if (dosing == null) {
                continue;
            }
            for (Dosing.Amount amount : dosing.amounts()) {
                anyAmount = true;
                BigDecimal chart = amount.value();
                boolean converted = false;
                if (unit != null && amount.unit() != null && !unit.equals(amount.unit())) {
                    chart = UnitConversion.convert(chart, amount.unit(), unit, "");
                    converted = true;
                }
                if (chart != null && chart.compareTo(stated) == 0 || chart != null && converted && close(stated, chart, true)) {
                    return Verdict.SUPPORTED;
                }
            }
        }
        if (volumeTimesConcentration(stated, unit, binding.facts())) {
            return Verdict.SUPPORTED;
        }
        return anyAmount ? Verdict.contradicted("the cited order does not have the dose or strength "
                + stated.toPlainString() + (unit == null ? "" : " " + unit))
                : Verdict.unverifiable("the cited order gives no dose or strength");
    }
}
