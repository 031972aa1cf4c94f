package io.chartbrief.summary.verify.evidence;

import io.chartbrief.summary.chart.ChartValues;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.text.MatchKeys;
import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/** Collects the fields of one {@link CitedFact} while {@link CitedFactReader} reads its resource. */
final class CitedFactBuilder {

    private static final Set<String> NEGATIVE_VALUES = Set.of("negative", "not detected", "non reactive",
            "nonreactive", "absent", "none", "not present", "normal", "no", "none seen", "not seen");

    private final ClinicalLexicon lexicon;
    final String ref;
    final String type;
    final List<Phrase> phrases = new ArrayList<>();
    final List<Measured> values = new ArrayList<>();
    final Map<DateRole, Set<String>> dates = new EnumMap<>(DateRole.class);
    final Set<String> drugs = new LinkedHashSet<>();
    final Set<String> relationship = new LinkedHashSet<>();
    final Set<String> flags = new LinkedHashSet<>();
    final Set<BigDecimal> bounds = new LinkedHashSet<>();
    final DosingReader dosing = new DosingReader();
    boolean absent;
    boolean medication;
    boolean reason;
    String status;
    String verification;
    String criticality;
    String codeKey;
    String sortKey = "";

    CitedFactBuilder(ClinicalLexicon lexicon, String ref, String type) {
        this.lexicon = lexicon;
        this.ref = ref;
        this.type = type;
        this.medication = type.startsWith("Medication") && !type.equals("Medication");
    }

    void name(CodeableConcept concept) {
        concept(concept, true, -1);
    }

    void component(CodeableConcept concept, int index) {
        concept(concept, true, index);
    }

    void detail(CodeableConcept concept) {
        concept(concept, false, -1);
    }

    /** Why an order was stopped ("rash", "eGFR below 45"): read as the order's own wording. */
    void reason(CodeableConcept concept) {
        reason = true;
        concept(concept, true, -1);
        reason = false;
    }

    void concept(CodeableConcept concept, boolean name, int component) {
        if (concept == null || concept.isEmpty()) {
            return;
        }
        add(ChartValues.text(concept.getTextElement()), name, component);
        boolean displayed = ChartValues.text(concept.getTextElement()) != null;
        for (Coding coding : concept.getCoding()) {
            add(ChartValues.text(coding.getDisplayElement()), name, component);
            displayed |= ChartValues.text(coding.getDisplayElement()) != null;
        }
        if (!displayed) {
            // a concept with only codes ("aortic stenosis" sent as a code): its code is how the chart names it
            for (Coding coding : concept.getCoding()) {
                add(ChartValues.text(coding.getCodeElement()), name, component);
            }
        }
    }

    void name(String text) {
        add(text, true, -1);
    }

    void detail(String text) {
        add(text, false, -1);
    }

    void add(String text, boolean name, int component) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<Token> tokens = lexicon.normalize(Tokenizer.tokens(text));
        if (medication && name && !reason) {
            dosing.name(tokens);
        }
        List<String> keys = MatchKeys.of(tokens);
        if (!keys.isEmpty()) {
            phrases.add(new Phrase(keys, name, component));
        }
    }

    void drug(CodeableConcept concept) {
        if (concept != null && !concept.isEmpty()) {
            drug(ChartValues.text(concept.getTextElement()));
            concept.getCoding().forEach(c -> drug(ChartValues.text(c.getDisplayElement())));
        }
    }

    void drug(String text) {
        if (text == null) {
            return;
        }
        List<String> words = new ArrayList<>();
        for (Token t : lexicon.normalize(Tokenizer.tokens(text))) {
            if (t.isWord()) {
                words.add(t.text());
            }
        }
        for (int n = 1; n <= 5; n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                drugs.add(String.join(" ", words.subList(i, i + n)));
            }
        }
    }

    void date(DateRole role, Type value) {
        String day = null;
        if (value instanceof BaseDateTimeType dt && ChartValues.present(dt)) {
            day = dt.getValueAsString();
        } else if (value instanceof Period p) {
            period(p, role);
            return;
        } else if (value instanceof StringType s && ChartValues.present(s)) {
            day = null;   // free-text onset ("childhood"): no date
        } else if (value instanceof PrimitiveType<?> primitive && ChartValues.present(primitive)) {
            day = primitive.getValueAsString();
        }
        if (day != null && day.length() >= 4) {
            dates.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(day.length() > 10 ? day.substring(0, 10) : day);
        }
    }

    void period(Period period) {
        if (period != null) {
            date(DateRole.START, period.getStartElement());
            date(DateRole.END, period.getEndElement());
        }
    }

    void period(Period period, DateRole role) {
        date(role, period.getStartElement());
        date(role, period.getEndElement());
    }

    boolean measured(String component, Type value, List<CodeableConcept> interpretation,
            List<Observation.ObservationReferenceRangeComponent> ranges, String loinc) {
        Set<String> codes = new LinkedHashSet<>();
        for (CodeableConcept c : interpretation) {
            for (Coding coding : c.getCoding()) {
                String code = ChartValues.text(coding.getCodeElement());
                if (code != null) {
                    codes.add(code.toUpperCase(Locale.ROOT));
                }
            }
        }
        BigDecimal low = null;
        BigDecimal high = null;
        for (Observation.ObservationReferenceRangeComponent range : ranges) {
            low = range.hasLow() ? ChartValues.decimal(range.getLow().getValueElement()) : null;
            high = range.hasHigh() ? ChartValues.decimal(range.getHigh().getValueElement()) : null;
            if (low != null || high != null) {
                break;
            }
        }
        if (value instanceof org.hl7.fhir.r4.model.Quantity q) {
            BigDecimal number = ChartValues.decimal(q.getValueElement());
            if (number == null) {
                return false;
            }
            String unit = ChartValues.text(q.getCodeElement());
            if (unit == null) {
                unit = ChartValues.text(q.getUnitElement());
            }
            values.add(new Measured(component, number, unit, codes, low, high, loinc));
            return true;
        }
        // A coded or text value is what the observation states ("Negative", "None seen"): read as its own wording,
        // so that a statement may repeat it, cue words included.
        if (value instanceof CodeableConcept concept) {
            String text = io.chartbrief.summary.chart.FactText.concept(concept);
            concept(concept, true, -1);
            absent |= text != null && NEGATIVE_VALUES.contains(text.toLowerCase(Locale.ROOT).trim());
        } else if (value instanceof StringType s) {
            String text = ChartValues.text(s);
            name(text);
            absent |= text != null && NEGATIVE_VALUES.contains(text.toLowerCase(Locale.ROOT).trim());
            for (Token t : Tokenizer.tokens(text)) {
                if (t.kind() == Token.Kind.DATE) {
                    dates.computeIfAbsent(DateRole.VALUE, r -> new LinkedHashSet<>()).add(t.date());   // "February 2 2024"
                }
            }
        } else if (value instanceof org.hl7.fhir.r4.model.IntegerType n && n.getValue() != null) {
            values.add(new Measured(component, BigDecimal.valueOf(n.getValue()), null, codes, low, high, loinc));
            return true;
        } else if (value instanceof BaseDateTimeType || value instanceof Period) {
            date(DateRole.VALUE, value);
        }
        flags.addAll(codes);
        if (low != null) {
            bounds.add(low);
        }
        if (high != null) {
            bounds.add(high);
        }
        return false;
    }

    void dosing(List<org.hl7.fhir.r4.model.Dosage> dosages) {
        dosages.forEach(d -> {
            dosing.dosage(d);
            detail(ChartValues.text(d.getTextElement()));
            detail(d.hasRoute() ? d.getRoute() : null);
        });
    }

    void administration(MedicationAdministration.MedicationAdministrationDosageComponent d) {
        dosing.administration(d);
        detail(d.hasRoute() ? d.getRoute() : null);
    }

    CitedFact build() {
        return new CitedFact(ref, type, List.copyOf(phrases), List.copyOf(values), absent, dates, status,
                verification, medication ? dosing.build() : null, Set.copyOf(drugs), Set.copyOf(relationship),
                criticality, codeKey, sortKey, Set.copyOf(flags), Set.copyOf(bounds));
    }
}
