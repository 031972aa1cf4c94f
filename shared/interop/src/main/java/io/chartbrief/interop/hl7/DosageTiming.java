package io.chartbrief.interop.hl7;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Timing;

/**
 * An order's timing — TQ1 (v2.5+), else RXE-1 or ORC-7 (the TQ data type of earlier versions) — as
 * {@code Dosage.timing}: the repeat pattern (HL7 table 0335: {@code BID}, {@code Q8H}, {@code QAM}, {@code PRN}…)
 * as FHIR's frequency/period and timing abbreviation, start and end as bounds, "as needed" as
 * {@code asNeededBoolean}. A pattern ChartBrief does not read is kept as the timing's text, never guessed.
 */
final class DosageTiming {

    private static final String ABBREVIATION = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation";
    private static final Pattern EVERY = Pattern.compile("Q(\\d{1,3})(S|M|H|D|W|L)");
    private static final Pattern TIMES = Pattern.compile("X(\\d{1,2})(D|W|L)"); // "x times a day/week/month"

    private DosageTiming() {
    }

    /**
     * Adds the timing of the order to {@code dosage}.
     *
     * @param tq1 the order's TQ1, or {@code null}
     * @param tq  RXE-1 or ORC-7 (TQ: quantity ^ interval ^ duration ^ start ^ end ^ priority), may be empty
     */
    static void apply(Er7Segment tq1, Er7Value tq, Dosage dosage, ConversionContext ctx) {
        String pattern;
        String patternText;
        Hl7DateTime start;
        Hl7DateTime end;
        if (tq1 != null) {
            Er7Value repeat = tq1.first(3);
            pattern = repeat.component(1);
            patternText = repeat.component(2);
            start = ctx.dateTime(tq1, 7, "start date/time");
            end = ctx.dateTime(tq1, 8, "end date/time");
        } else if (tq != null && !tq.isEmpty()) {
            pattern = tq.sub(2, 1);
            patternText = "";
            start = time(tq.component(4), ctx);
            end = time(tq.component(5), ctx);
        } else {
            return;
        }
        Timing timing = new Timing();
        String code = pattern.trim().toUpperCase(Locale.ROOT);
        boolean asNeeded = code.equals("PRN") || code.endsWith(" PRN") || code.startsWith("PRN ");
        String regular = asNeeded ? code.replace("PRN", "").trim() : code;
        if (!regular.isEmpty() && !repeat(regular, timing)) {
            timing.getCode().setText(patternText.isEmpty() ? pattern : patternText);
        } else if (!patternText.isEmpty()) {
            timing.getCode().setText(patternText);
        }
        if (asNeeded) {
            dosage.setAsNeeded(new org.hl7.fhir.r4.model.BooleanType(true));
        }
        if (start != null || end != null) {
            Period bounds = new Period();
            if (start != null) {
                bounds.setStartElement(start.toDateTime());
            }
            if (end != null) {
                bounds.setEndElement(end.toDateTime());
            }
            timing.getRepeat().setBounds(bounds);
        }
        if (!timing.isEmpty()) {
            dosage.setTiming(timing);
        }
    }

    /** A TQ start/end component: a DTM, read in the sender's zone like every other time of the message. */
    private static Hl7DateTime time(String text, ConversionContext ctx) {
        return text.isEmpty() ? null : Hl7DateTime.parse(text, ctx.senderZone);
    }

    /** Fills repeat (and the abbreviation) for a table 0335 pattern; false when the pattern is not one it reads. */
    static boolean repeat(String code, Timing timing) {
        Timing.TimingRepeatComponent r = timing.getRepeat();
        switch (code) {
            case "QD", "Q1D", "QDAY", "DAILY" -> daily(timing, 1, "QD");
            case "BID" -> daily(timing, 2, "BID");
            case "TID" -> daily(timing, 3, "TID");
            case "QID" -> daily(timing, 4, "QID");
            case "QOD" -> {
                r.setFrequency(1).setPeriod(2).setPeriodUnit(Timing.UnitsOfTime.D);
                abbreviation(timing, "QOD");
            }
            case "QAM" -> {
                daily(timing, 1, "AM");
                r.addWhen(Timing.EventTiming.MORN);
            }
            case "QPM" -> {
                daily(timing, 1, "PM");
                r.addWhen(Timing.EventTiming.EVE);
            }
            case "QHS", "HS" -> {
                daily(timing, 1, "BED");
                r.addWhen(Timing.EventTiming.HS);
            }
            case "ONCE", "STAT", "NOW" -> r.setCount(1);
            case "C" -> timing.getCode().setText("continuous");
            default -> {
                return every(code, r, timing) || times(code, r);
            }
        }
        return true;
    }

    private static boolean every(String code, Timing.TimingRepeatComponent r, Timing timing) {
        Matcher m = EVERY.matcher(code);
        if (!m.matches()) {
            return false;
        }
        int n = Integer.parseInt(m.group(1));
        if (n == 0) {
            return false;
        }
        Timing.UnitsOfTime unit = unit(m.group(2));
        r.setFrequency(1).setPeriod(BigDecimal.valueOf(n)).setPeriodUnit(unit);
        if (unit == Timing.UnitsOfTime.H && (n <= 4 || n == 6 || n == 8)) {
            abbreviation(timing, "Q" + n + "H");
        } else if (unit == Timing.UnitsOfTime.WK && n == 1) {
            abbreviation(timing, "WK");
        } else if (unit == Timing.UnitsOfTime.MO && n == 1) {
            abbreviation(timing, "MO");
        }
        return true;
    }

    private static boolean times(String code, Timing.TimingRepeatComponent r) {
        Matcher m = TIMES.matcher(code);
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
            return false;
        }
        r.setFrequency(Integer.parseInt(m.group(1))).setPeriod(1).setPeriodUnit(unit(m.group(2)));
        return true;
    }

    private static Timing.UnitsOfTime unit(String letter) {
        return switch (letter) {
            case "S" -> Timing.UnitsOfTime.S;
            case "M" -> Timing.UnitsOfTime.MIN;
            case "H" -> Timing.UnitsOfTime.H;
            case "W" -> Timing.UnitsOfTime.WK;
            case "L" -> Timing.UnitsOfTime.MO;
            default -> Timing.UnitsOfTime.D;
        };
    }

    private static void daily(Timing timing, int frequency, String abbreviation) {
        timing.getRepeat().setFrequency(frequency).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D);
        abbreviation(timing, abbreviation);
    }

    private static void abbreviation(Timing timing, String code) {
        CodeableConcept c = timing.getCode();
        c.addCoding().setSystem(ABBREVIATION).setCode(code);
    }
}
