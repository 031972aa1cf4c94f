package io.chartbrief.summary.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of evidence verification over all items of a summary. */
public enum VerificationStatus {
    /** Every item is supported by its cited resources (and there is at least one item). */
    VERIFIED("verified"),
    /** Some items are supported, some were dropped. */
    PARTIALLY_VERIFIED("partially-verified"),
    /** No item is supported (or there was nothing to verify). */
    UNVERIFIED("unverified");

    private final String code;

    VerificationStatus(String code) {
        this.code = code;
    }

    /** The JSON form. */
    @JsonValue
    public String code() {
        return code;
    }

    /** Parses the JSON form. */
    @JsonCreator
    public static VerificationStatus of(String code) {
        for (VerificationStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown verification status: " + code);
    }

    /** The status for the given counts. */
    public static VerificationStatus of(int supported, int unsupported) {
        if (supported == 0) {
            return UNVERIFIED;
        }
        return unsupported == 0 ? VERIFIED : PARTIALLY_VERIFIED;
    }
}
