package io.chartbrief.summary.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The claim of a schema-2 item in fields, as our own model engine writes it next to the item's text. The verifier
 * checks these fields as well as the text when they are present, but never relies on them: a free-text item
 * (schema 1, or from another model) is verified from its text alone. Every field is optional.
 *
 * @param about     {@code ResourceType/id} of the chart fact the item is about (the model's alias, mapped back);
 *                  must be one of the item's evidence
 * @param value     the value stated, as written ({@code "4.2"}), for results and vital signs
 * @param unit      the unit of that value as written ({@code "mEq/L"})
 * @param status    the status stated: {@code active}, {@code resolved}, {@code inactive}, {@code stopped},
 *                  {@code on-hold}, {@code completed}, {@code absent} (a negated finding) or {@code history}
 * @param direction {@code high}, {@code low}, {@code normal}, {@code abnormal}, {@code rising} or {@code falling}
 * @param action    recommendations only: {@code start}, {@code continue}, {@code increase}, {@code decrease},
 *                  {@code stop}, {@code hold}, {@code avoid}, {@code monitor}, {@code repeat}, {@code consult}
 *                  or {@code review}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemClaim(String about, String value, String unit, String status, String direction, String action) {

    /** A claim about one fact with no stated value, status or direction. */
    public static ItemClaim about(String ref) {
        return new ItemClaim(ref, null, null, null, null, null);
    }
}
