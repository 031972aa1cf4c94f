package io.chartbrief.interop.hl7;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** OBX to Observation: value by OBX-2 type, units, reference range, abnormal flags, status, performer. */
final class ObservationMapper {

    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final Set<String> INTERPRETATION_CODES = Set.of("L", "H", "LL", "HH", "LU", "HU", "<", ">",
            "N", "A", "AA", "U", "D", "B", "W", "S", "R", "I", "MS", "VS", "NEG", "POS", "IND", "DET", "ND", "NR",
            "RR", "E", "EX", "HX", "LX", "CAR", "NCL", "SDD", "SYN-R", "SYN-S", "QCF", "TOX", "EXP", "IE", "WR");
    /** Unit codes made only of UCUM's characters; free text like "per high power field" fails. */
    private static final Pattern UCUM_LIKE = Pattern.compile("[A-Za-z0-9%\\[\\]{}/.*^'()_-]+");
    /** "3.5-5.1", "3.5 - 5.1" or "4.3 to 6.2". */
    private static final Pattern RANGE =
            Pattern.compile("\\s*([+-]?\\d+\\.?\\d*)\\s*(?:-|to)\\s*([+-]?\\d+\\.?\\d*)\\s*");
    /** One-sided ranges: "<200", "< 5.0", ">=60", "> 59". */
    private static final Pattern ONE_SIDED =
            Pattern.compile("\\s*(<=?|>=?)\\s*([+-]?\\d+\\.?\\d*)\\s*");
    /** Longest reference-range text matched against {@link #RANGE} (the pattern backtracks on long digit runs). */
    private static final int MAX_RANGE_CHARS = 64;

    /** LOINC codes of the FHIR vital-signs profiles (and their common panel members). */
    private static final java.util.Set<String> VITAL_SIGN_LOINC = java.util.Set.of(
            "85353-1", "8867-4", "2708-6", "59408-5", "9279-1", "8310-5", "8302-2", "9843-4", "29463-7",
            "39156-5", "85354-9", "8480-6", "8462-4", "8478-0");

    private ObservationMapper() {
    }

    private static boolean isVitalSign(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(c -> "http://loinc.org".equals(c.getSystem())
                && VITAL_SIGN_LOINC.contains(c.getCode()));
    }

    /**
     * @param reportKey     key of the enclosing report (or the message) for the deterministic id
     * @param fallbackTime  OBR-7 of the enclosing report, used when OBX-14 is empty
     * @param laboratory    whether to mark the category {@code laboratory} (results messages)
     */
    static Observation map(Er7Segment obx, String reportKey, DateTimeType fallbackTime, boolean laboratory,
            ConversionContext ctx) {
        Er7Value code = obx.first(3);
        Observation o = new Observation();
        o.setId(DeterministicIds.of("Observation", reportKey, Hl7DataTypes.entityKey(code), obx.text(4),
                obx.text(1)));
        o.setStatus(status(obx.text(11)));
        CodeableConcept cc = Hl7DataTypes.codeableConcept(code);
        if (isVitalSign(cc)) {
            // Vitals often arrive as OBX in ADT (or in an ORU); the chart and summaries treat them as vitals.
            o.addCategory(Hl7DataTypes.tableConcept(
                    "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs"));
        } else if (laboratory) {
            o.addCategory(Hl7DataTypes.tableConcept(
                    "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory"));
        }
        if (cc.isEmpty()) {
            ctx.warn("OBX-3 (observation identifier) is empty");
            cc.setText("unknown");
        }
        o.setCode(cc);
        o.setSubject(ctx.patient);
        if (ctx.encounter != null) {
            o.setEncounter(ctx.encounter);
        }
        value(o, obx, ctx);
        String range = obx.text(7);
        if (!range.isEmpty()) {
            referenceRange(o, obx.first(7).text(), o.hasValueQuantity() ? o.getValueQuantity() : null);
        }
        for (Er7Value flag : obx.repetitions(8)) {
            String f = flag.component(1);
            if (!f.isEmpty()) {
                o.addInterpretation(INTERPRETATION_CODES.contains(f)
                        ? Hl7DataTypes.tableConcept(INTERPRETATION, f, null)
                        : Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0078", f, null));
            }
        }
        DateTimeType effective = ctx.fhirDateTime(obx, 14, "date/time of the observation");
        if (effective == null) {
            effective = fallbackTime;
        }
        if (effective != null) {
            o.setEffective(effective.copy());
        }
        for (Reference performer : PractitionerMapper.all(obx, 16, ctx)) {
            o.addPerformer(performer);
        }
        return o;
    }

    private static void value(Observation o, Er7Segment obx, ConversionContext ctx) {
        List<Er7Value> reps = obx.repetitions(5);
        if (reps.isEmpty()) {
            return;
        }
        Er7Value v = reps.get(0);
        String type = obx.text(2).toUpperCase();
        switch (type) {
            case "NM":
                String n = v.text().trim();
                BigDecimal number = ctx.number(n);
                if (number != null) {
                    o.setValue(quantity(number, obx.first(6)));
                } else {
                    ctx.warn("OBX-5 (observation value) of type NM is not numeric; kept as text");
                    o.setValue(new StringType(n));
                }
                break;
            case "SN":
                structuredNumeric(o, v, obx.first(6), ctx);
                break;
            case "CE":
            case "CWE":
            case "CNE":
            case "CF":
                o.setValue(Hl7DataTypes.codeableConcept(v));
                break;
            case "DT":
            case "TS":
            case "DTM":
                Hl7DateTime dt = Hl7DateTime.parse(v.component(1), ctx.senderZone);
                if (dt == null) {
                    ctx.warn("OBX-5 (observation value) of type " + type + " is not a valid date/time; kept as text");
                    o.setValue(new StringType(v.text()));
                } else {
                    o.setValue(dt.toDateTime());
                }
                break;
            case "ED":
            case "RP":
                break; // binary payloads and pointers are not observation values (MDM carries documents)
            case "TX":
            case "FT":
                StringBuilder text = new StringBuilder();
                for (Er7Value rep : reps) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(rep.text());
                }
                o.setValue(new StringType(text.toString()));
                break;
            default:
                o.setValue(new StringType(v.text()));
                break;
        }
    }

    private static void structuredNumeric(Observation o, Er7Value sn, Er7Value units, ConversionContext ctx) {
        String comparator = sn.component(1);
        String num1 = sn.component(2);
        String separator = sn.component(3);
        String num2 = sn.component(4);
        BigDecimal n1 = ctx.number(num1);
        BigDecimal n2 = ctx.number(num2);
        boolean ok1 = n1 != null;
        boolean ok2 = n2 != null;
        if (ok1 && ok2 && ("-".equals(separator) || "^".equals(separator))) {
            o.setValue(new Range().setLow(quantity(n1, units)).setHigh(quantity(n2, units)));
        } else if (ok1 && ok2 && (":".equals(separator) || "/".equals(separator))) {
            o.setValue(new Ratio().setNumerator(new Quantity().setValue(n1))
                    .setDenominator(new Quantity().setValue(n2)));
        } else if (ok1 && separator.isEmpty()) {
            Quantity q = quantity(n1, units);
            switch (comparator) {
                case "<" -> q.setComparator(Quantity.QuantityComparator.LESS_THAN);
                case ">" -> q.setComparator(Quantity.QuantityComparator.GREATER_THAN);
                case "<=" -> q.setComparator(Quantity.QuantityComparator.LESS_OR_EQUAL);
                case ">=" -> q.setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL);
                default -> {
                }
            }
            o.setValue(q);
        } else {
            ctx.warn("OBX-5 (observation value) of type SN is not a structured numeric; kept as text");
            o.setValue(new StringType(sn.text()));
        }
    }

    /**
     * Quantity with OBX-6 (or RXE/RXD/RXA) units: the UCUM system only for a code UCUM defines (whether the sender
     * labelled it UCUM or left the system empty); a sender's own coding system with its code; a local code labelled
     * UCUM that UCUM does not define ({@code BG}, {@code MG/DL}) as the unit text alone.
     */
    static Quantity quantity(BigDecimal value, Er7Value units) {
        Quantity q = new Quantity().setValue(value);
        String code = units.component(1);
        if (code.isEmpty()) {
            return q;
        }
        String display = units.component(2);
        String systemName = units.component(3);
        q.setUnit(display.isEmpty() ? code : display);
        boolean saysUcum = systemName.toUpperCase().contains("UCUM");
        boolean ucum = (saysUcum || systemName.isEmpty()) && UCUM_LIKE.matcher(code).matches() && io.chartbrief.interop.units.Ucum.valid(code);
        if (ucum) {
            q.setSystem(Hl7DataTypes.UCUM).setCode(code);
        } else if (!systemName.isEmpty() && !saysUcum) {
            q.setSystem(Hl7DataTypes.system(systemName)).setCode(code);
        }
        return q;
    }

    private static void referenceRange(Observation o, String text, Quantity unitSource) {
        Observation.ObservationReferenceRangeComponent rr = o.addReferenceRange().setText(text);
        if (text.length() > MAX_RANGE_CHARS) {
            return; // kept as text only
        }
        java.util.regex.Matcher m = RANGE.matcher(text);
        if (m.matches()) {
            rr.setLow(bound(m.group(1), unitSource));
            rr.setHigh(bound(m.group(2), unitSource));
            return;
        }
        java.util.regex.Matcher one = ONE_SIDED.matcher(text);
        if (one.matches()) {
            // "<200": a high bound only, ">60": a low bound only (the text keeps whether the bound itself counts)
            if (one.group(1).startsWith("<")) {
                rr.setHigh(bound(one.group(2), unitSource));
            } else {
                rr.setLow(bound(one.group(2), unitSource));
            }
        }
    }

    private static Quantity bound(String number, Quantity unitSource) {
        Quantity q = new Quantity().setValue(new BigDecimal(number));
        if (unitSource != null) {
            q.setUnit(unitSource.getUnit()).setSystem(unitSource.getSystem()).setCode(unitSource.getCode());
        }
        return q;
    }

    static Observation.ObservationStatus status(String code) {
        switch (code) {
            case "F":
            case "U":
                return Observation.ObservationStatus.FINAL;
            case "C":
                return Observation.ObservationStatus.CORRECTED;
            case "P":
            case "R":
            case "S":
                return Observation.ObservationStatus.PRELIMINARY;
            case "I":
            case "O":
                return Observation.ObservationStatus.REGISTERED;
            case "X":
                return Observation.ObservationStatus.CANCELLED;
            case "D":
            case "W":
                return Observation.ObservationStatus.ENTEREDINERROR;
            case "A":
                return Observation.ObservationStatus.AMENDED;
            default:
                return Observation.ObservationStatus.UNKNOWN;
        }
    }
}
