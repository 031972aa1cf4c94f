package io.chartbrief.summary.chart;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;

/**
 * Dates as the chart wrote them. Sorting and display use the source text's {@code yyyy-mm-dd...} prefix rather
 * than a parsed instant, so a summary shows exactly the date the record holds (no time-zone shifts).
 */
public final class ChartDates {

    /** Sorts before every real date. */
    public static final String UNKNOWN = "";

    private ChartDates() {
    }

    /** The full source text of a dateTime/instant/Period (start), or {@link #UNKNOWN}. */
    public static String sortKey(Base value) {
        if (value instanceof BaseDateTimeType dateTime && ChartValues.present(dateTime)) {
            return dateTime.getValueAsString();
        }
        if (value instanceof Period period) {
            // A start or end with only a data-absent-reason is no date.
            if (ChartValues.present(period.getStartElement())) {
                return period.getStartElement().getValueAsString();
            }
            if (ChartValues.present(period.getEndElement())) {
                return period.getEndElement().getValueAsString();
            }
        }
        return UNKNOWN;
    }

    /** The {@code yyyy-mm-dd} (or shorter, as written) day of a dateTime/Period, or null. */
    public static String day(Type value) {
        String key = sortKey(value);
        if (key.isEmpty()) {
            return null;
        }
        return key.length() > 10 ? key.substring(0, 10) : key;
    }

    /** Sort key of an encounter: its period start. */
    public static String start(Encounter encounter) {
        return encounter.hasPeriod() ? sortKey(encounter.getPeriod()) : UNKNOWN;
    }
}
