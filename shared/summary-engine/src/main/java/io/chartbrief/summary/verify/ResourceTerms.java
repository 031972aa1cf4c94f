package io.chartbrief.summary.verify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything a set of cited resources says, as {@link KeyTerms}: every primitive value (display, text, codes,
 * values, units, dates, strings) except metadata, identifiers of other resources, system URLs, extensions,
 * attachment payloads and generated narrative.
 */
public final class ResourceTerms {

    private static final Set<String> SKIPPED = Set.of("meta", "id", "reference", "system", "extension",
            "modifierExtension", "url", "data", "identifier", "contained", "fullUrl");

    private final KeyTerms terms = new KeyTerms(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());

    /** Adds one resource. */
    public ResourceTerms add(Resource resource) {
        terms.add(resource.fhirType());
        walk(resource);
        return this;
    }

    /** Whether a word (lower-case) occurs, allowing a plural/singular difference. */
    public boolean hasWord(String word) {
        Set<String> words = terms.words();
        if (words.contains(word)) {
            return true;
        }
        if (word.endsWith("es") && words.contains(word.substring(0, word.length() - 2))) {
            return true;
        }
        if (word.endsWith("s") && words.contains(word.substring(0, word.length() - 1))) {
            return true;
        }
        return words.contains(word + "s");
    }

    /** Whether a date occurs. */
    public boolean hasDate(String date) {
        return terms.dates().contains(date);
    }

    /**
     * Whether a number occurs, exactly or as a rounding of a chart value to the number's precision (5.9 for 5.94,
     * 120 for 119.6), but never with more precision than the chart has.
     */
    public boolean hasNumber(BigDecimal number) {
        if (terms.numbers().contains(number)) {
            return true;
        }
        int scale = Math.max(number.scale(), 0);
        for (BigDecimal value : terms.numbers()) {
            if (value.scale() > scale && value.setScale(scale, RoundingMode.HALF_UP).compareTo(number) == 0) {
                return true;
            }
        }
        return false;
    }

    private void walk(Base element) {
        if (element instanceof IPrimitiveType<?> primitive) {
            String value = element instanceof DecimalType decimal && decimal.getValue() != null
                    ? decimal.getValue().toPlainString() : primitive.getValueAsString();
            terms.add(value);
            return;
        }
        for (Property property : element.children()) {
            boolean narrative = element instanceof Resource && property.getName().equals("text");
            if (narrative || SKIPPED.contains(property.getName()) || !property.hasValues()) {
                continue;
            }
            for (Base child : property.getValues()) {
                if (child != null) {
                    walk(child);
                }
            }
        }
    }
}
