package io.chartbrief.summary.verify;

import java.util.Arrays;

/**
 * The categories of the labelled verifier set. The label (faithful or unsafe) belongs to the category: it is
 * decided once, by clinical judgement of what kind of statement the item is, never by what a verifier does with it.
 */
enum Category {
    NEGATION("negation", false),
    DIRECTION("direction", false),
    VALUE("value", false),
    UNIT("unit", false),
    DOSE("dose", false),
    WRONG_EVIDENCE("wrong-evidence", false),
    FABRICATED("fabricated", false),
    DATE_ROLE("date-role", false),
    STATUS("status", false),
    UNSAFE_RECOMMENDATION("unsafe-recommendation", false),
    ATTRIBUTION("attribution", false),
    LATERALITY("laterality", false),
    VERBATIM("verbatim", true),
    ABBREVIATION("abbreviation", true),
    SYNONYM_LAY("synonym-lay", true),
    BRAND("brand", true),
    DERIVED("derived", true),
    ROUNDING_FORMAT_UNIT("rounding-format-unit", true),
    REORDERED_CONDENSED("reordered-condensed", true),
    GROUNDED_RECOMMENDATION("grounded-recommendation", true);

    private final String code;
    private final boolean faithful;

    Category(String code, boolean faithful) {
        this.code = code;
        this.faithful = faithful;
    }

    /** The name used in the hand-written file and the reports. */
    String code() {
        return code;
    }

    /** Whether items of this category are faithful to the chart (else they are unsafe or wrong). */
    boolean faithful() {
        return faithful;
    }

    /** {@code faithful} or {@code unsafe}. */
    String label() {
        return faithful ? "faithful" : "unsafe";
    }

    static Category of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown category: " + code));
    }
}
