package io.chartbrief.interop.units;

import java.io.InputStream;
import org.fhir.ucum.UcumEssenceService;

/**
 * The one UCUM definition set of ChartBrief (org.fhir:ucum's bundled {@code ucum-essence.xml}, the library HAPI's
 * validator uses): the converter asks whether a sender's unit is a UCUM code, the evidence verifier converts with it.
 * UCUM is case-sensitive and has no {@code BG}, {@code TAB} or {@code MG/DL}, and a bare number such as {@code 43}
 * is a sender's table code: a Quantity may name {@code http://unitsofmeasure.org} only for codes UCUM defines, or it
 * is invalid FHIR and misleads every reader that converts units.
 */
public final class Ucum {

    private static final UcumEssenceService UCUM = load();

    private Ucum() {
    }

    /** The loaded definitions (thread-safe for validation and conversion). */
    public static UcumEssenceService service() {
        return UCUM;
    }

    /** Whether {@code code} is a unit UCUM defines (case-sensitive; a bare number other than 1 is not). */
    public static boolean valid(String code) {
        Boolean known = CHECKED.get(code);
        if (known != null) {
            return known;
        }
        boolean valid = check(code);
        if (CHECKED.size() < MAX_CHECKED) {
            CHECKED.put(code, valid); // feeds use a few dozen units: every OBX need not parse its unit again
        }
        return valid;
    }

    private static final int MAX_CHECKED = 4096;
    private static final java.util.Map<String, Boolean> CHECKED = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean check(String code) {
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
