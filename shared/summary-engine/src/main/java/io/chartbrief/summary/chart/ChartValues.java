package io.chartbrief.summary.chart;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * Primitive values the chart actually holds. In FHIR a primitive may carry only extensions and no value (US Core's
 * {@code data-absent-reason}, e.g. {@code "_criticality": {"extension": [...]}}): HAPI's {@code hasX()} is then
 * true but {@code getX()} is null. Every read of a chart primitive goes through here, and such a value counts as
 * absent — never as the text "null", never as a number.
 */
public final class ChartValues {

    private ChartValues() {
    }

    /** Whether the primitive holds a real value (not only extensions, not blank). */
    public static boolean present(PrimitiveType<?> primitive) {
        return primitive != null && primitive.getValue() != null && !isBlank(primitive.getValueAsString());
    }

    /** The value as written, trimmed; null when absent or blank. */
    public static String text(PrimitiveType<?> primitive) {
        return present(primitive) ? primitive.getValueAsString().trim() : null;
    }

    /** The code of an enumeration (e.g. a status); null when absent. */
    public static String code(Enumeration<?> enumeration) {
        return present(enumeration) ? enumeration.getValueAsString() : null;
    }

    /** A decimal's value; null when absent. */
    public static BigDecimal decimal(DecimalType decimal) {
        return decimal == null ? null : decimal.getValue();
    }

    /** A boolean's value; {@code absent} when the boolean holds no value. */
    public static boolean bool(PrimitiveType<Boolean> flag, boolean absent) {
        return flag != null && flag.getValue() != null ? flag.getValue() : absent;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
