package io.chartbrief.summary.verify.evidence;

import java.util.Map;
import java.util.Set;

/**
 * Words for family members (the ConText "experiencer"): summary wording, and HL7 v3 RoleCode codes of
 * {@code FamilyMemberHistory.relationship} mapped to words.
 */
public final class RelativeWords {

    /** Words that make a statement about someone other than the patient. */
    public static final Set<String> WORDS = Set.of("mother", "father", "mom", "dad", "parent", "parents", "sister",
            "brother", "sibling", "siblings", "son", "daughter", "child", "children", "grandmother", "grandfather",
            "grandparent", "aunt", "uncle", "cousin", "maternal", "paternal", "niece", "nephew", "wife", "husband",
            "spouse", "partner", "relative", "relatives", "twin");

    private static final Map<String, String> CODES = Map.ofEntries(Map.entry("MTH", "mother"),
            Map.entry("NMTH", "mother"), Map.entry("FTH", "father"), Map.entry("NFTH", "father"),
            Map.entry("SIS", "sister"), Map.entry("NSIS", "sister"), Map.entry("BRO", "brother"),
            Map.entry("NBRO", "brother"), Map.entry("SIB", "sibling"), Map.entry("SON", "son"),
            Map.entry("DAU", "daughter"), Map.entry("CHILD", "child"), Map.entry("GRMTH", "grandmother"),
            Map.entry("MGRMTH", "grandmother maternal"), Map.entry("PGRMTH", "grandmother paternal"),
            Map.entry("GRFTH", "grandfather"), Map.entry("MGRFTH", "grandfather maternal"),
            Map.entry("PGRFTH", "grandfather paternal"), Map.entry("AUNT", "aunt"), Map.entry("MAUNT", "aunt maternal"),
            Map.entry("PAUNT", "aunt paternal"), Map.entry("UNCLE", "uncle"), Map.entry("MUNCLE", "uncle maternal"),
            Map.entry("PUNCLE", "uncle paternal"), Map.entry("COUSN", "cousin"), Map.entry("PRN", "parent"),
            Map.entry("HUSB", "husband"), Map.entry("WIFE", "wife"), Map.entry("SPS", "spouse"),
            Map.entry("TWIN", "twin"), Map.entry("NIECE", "niece"), Map.entry("NEPHEW", "nephew"));

    private RelativeWords() {
    }

    /** The words of a RoleCode code, or null. */
    public static String ofCode(String code) {
        return code == null ? null : CODES.get(code.toUpperCase(java.util.Locale.ROOT));
    }
}
