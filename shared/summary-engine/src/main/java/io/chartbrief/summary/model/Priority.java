package io.chartbrief.summary.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How soon a recommendation deserves the clinician's attention. Serialized lower-case. */
public enum Priority {
    HIGH, MEDIUM, LOW;

    /** The JSON form: {@code high}, {@code medium} or {@code low}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON form (case-insensitive); unknown values read as {@link #MEDIUM}. */
    @JsonCreator
    public static Priority of(String code) {
        if (code == null) {
            return MEDIUM;
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return MEDIUM;
        }
    }
}
