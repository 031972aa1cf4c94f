package io.chartbrief.interop.hl7;

import java.io.InputStream;
import org.fhir.ucum.UcumEssenceService;

/**
 * Whether a sender's unit is a UCUM code. UCUM is case-sensitive and has no {@code BG}, {@code TAB} or
 * {@code MG/DL}, and a bare number such as {@code 43} is a sender's table code: a Quantity may name {@code http://unitsofmeasure.org} only for codes UCUM defines, or it is
 * invalid FHIR and misleads every reader that converts units.
 */
final class UcumCodes {

    private static final UcumEssenceService UCUM = load();

    private UcumCodes() {
    }

    static boolean valid(String code) {
        if (code.chars().allMatch(Character::isDigit) && !"1".equals(code)) {
            return false; // "43" parses as the factor 43 but is a local unit code (UCUM's unity is "1")
        }
        try {
            return UCUM.validate(code) == null;
        } catch (RuntimeException e) {
            return false; // the parser's own failure on odd input: not a unit UCUM defines
        }
    }

    private static UcumEssenceService load() {
        try (InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            if (in == null) {
                throw new IllegalStateException("ucum-essence.xml missing from the org.fhir:ucum jar");
            }
            return new UcumEssenceService(in);
        } catch (Exception e) {
            throw new IllegalStateException("UCUM definitions could not be read", e);
        }
    }
}
