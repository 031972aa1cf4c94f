package io.chartbrief.summary.verify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How clinicians write the chart's problems: abbreviations, synonyms and lay terms, and faithful reorderings or
 * condensations (dropping a modifier is incomplete, not wrong). Keyed by the cleaned display in lower case. Only
 * equivalences a physician would accept without hesitation are listed.
 */
final class ConditionTerms {

    private static final Map<String, List<String>> ABBREVIATIONS = Map.ofEntries(
            Map.entry("hypertension", List.of("HTN")),
            Map.entry("essential hypertension", List.of("HTN")),
            Map.entry("atrial fibrillation with rapid ventricular response", List.of("AF with RVR", "AFib with RVR")),
            Map.entry("atrial fibrillation", List.of("AF", "AFib")),
            Map.entry("coronary heart disease", List.of("CAD")),
            Map.entry("coronary arteriosclerosis", List.of("CAD")),
            Map.entry("myocardial infarction", List.of("MI")),
            Map.entry("history of myocardial infarction", List.of("History of MI")),
            Map.entry("chronic congestive heart failure", List.of("CHF")),
            Map.entry("stroke", List.of("CVA")),
            Map.entry("rheumatoid arthritis", List.of("RA")),
            Map.entry("osteoarthritis of knee", List.of("Knee OA")),
            Map.entry("osteoarthritis of hip", List.of("Hip OA")),
            Map.entry("type 2 diabetes mellitus", List.of("T2DM", "DM2")),
            Map.entry("chronic kidney disease stage 3", List.of("CKD stage 3", "CKD 3")),
            Map.entry("human immunodeficiency virus infection", List.of("HIV")),
            Map.entry("major depressive disorder", List.of("MDD")),
            Map.entry("latent tuberculosis infection", List.of("LTBI")),
            Map.entry("tuberculosis", List.of("TB")),
            Map.entry("community acquired pneumonia", List.of("CAP")),
            Map.entry("concussion with loss of consciousness", List.of("Concussion with LOC")),
            Map.entry("injury of medial collateral ligament of knee", List.of("MCL injury of the knee")),
            Map.entry("cellulitis of left lower limb", List.of("LLE cellulitis")));

    private static final Map<String, List<String>> SYNONYMS = Map.ofEntries(
            Map.entry("hypertension", List.of("High blood pressure")),
            Map.entry("essential hypertension", List.of("High blood pressure")),
            Map.entry("atrial fibrillation with rapid ventricular response", List.of("Atrial fibrillation with rapid ventricular rate")),
            Map.entry("coronary heart disease", List.of("Coronary artery disease")),
            Map.entry("coronary arteriosclerosis", List.of("Coronary artery disease")),
            Map.entry("myocardial infarction", List.of("Heart attack")),
            Map.entry("stroke", List.of("Cerebrovascular accident")),
            Map.entry("atopic dermatitis", List.of("Eczema")),
            Map.entry("streptococcal sore throat", List.of("Strep throat")),
            Map.entry("otitis media", List.of("Middle ear infection")),
            Map.entry("fracture of forearm", List.of("Broken forearm")),
            Map.entry("fracture of clavicle", List.of("Broken collarbone")),
            Map.entry("primary malignant neoplasm of colon", List.of("Colon cancer")),
            Map.entry("overlapping malignant neoplasm of colon", List.of("Colon cancer")),
            Map.entry("body mass index 30+ - obesity", List.of("Obesity")),
            Map.entry("chronic congestive heart failure", List.of("Chronic heart failure")),
            Map.entry("type 2 diabetes mellitus", List.of("Type 2 diabetes")),
            Map.entry("human immunodeficiency virus infection", List.of("HIV infection")),
            Map.entry("major depressive disorder", List.of("Major depression")),
            Map.entry("cellulitis of left lower limb", List.of("Left leg cellulitis")),
            Map.entry("polyp of colon", List.of("Colonic polyp")),
            Map.entry("acute viral pharyngitis", List.of("Viral sore throat")),
            Map.entry("history of appendectomy", List.of("Prior appendectomy")));

    private static final Map<String, List<String>> CONDENSED = Map.ofEntries(
            Map.entry("sprain of ankle", List.of("Ankle sprain")),
            Map.entry("sprain of wrist", List.of("Wrist sprain")),
            Map.entry("fracture of rib", List.of("Rib fracture")),
            Map.entry("fracture of forearm", List.of("Forearm fracture")),
            Map.entry("fracture of clavicle", List.of("Clavicle fracture")),
            Map.entry("laceration of forearm", List.of("Forearm laceration")),
            Map.entry("rupture of patellar tendon", List.of("Patellar tendon rupture")),
            Map.entry("osteoarthritis of knee", List.of("Knee osteoarthritis")),
            Map.entry("osteoarthritis of hip", List.of("Hip osteoarthritis")),
            Map.entry("essential hypertension", List.of("Hypertension")),
            Map.entry("chronic intractable migraine without aura", List.of("Chronic migraine without aura")),
            Map.entry("perennial allergic rhinitis with seasonal variation", List.of("Allergic rhinitis")),
            Map.entry("atrial fibrillation with rapid ventricular response", List.of("Atrial fibrillation")),
            Map.entry("cellulitis of left lower limb", List.of("Cellulitis, left leg")),
            Map.entry("localized, primary osteoarthritis of the hand", List.of("Osteoarthritis of the hand")),
            Map.entry("pathological fracture due to osteoporosis", List.of("Osteoporotic fracture")),
            Map.entry("miscarriage in first trimester", List.of("First-trimester miscarriage")),
            Map.entry("polyp of colon", List.of("Colon polyp")),
            Map.entry("chronic kidney disease stage 3", List.of("Stage 3 chronic kidney disease")));

    /** Lay names of family-history conditions, as a summary writes them. */
    private static final Map<String, String> FAMILY = Map.of(
            "malignant tumor of breast", "breast cancer", "malignant tumor of colon", "colon cancer",
            "myocardial infarction", "myocardial infarction", "type 1 diabetes mellitus", "type 1 diabetes");

    /**
     * Problems a chart may lack, for the fabricated templates: the statement, and words whose presence anywhere in
     * the chart's conditions means it is not fabricated there.
     */
    static final List<List<String>> ABSENT_CANDIDATES = List.of(
            List.of("Type 2 diabetes mellitus", "diabet"), List.of("Atrial fibrillation", "atrial fib"),
            List.of("Chronic kidney disease stage 4", "kidney"), List.of("Heart failure", "heart failure"),
            List.of("Pulmonary embolism", "embol"), List.of("Cirrhosis of liver", "cirrhosis"),
            List.of("Breast cancer", "breast"));

    private ConditionTerms() {
    }

    static List<String> abbreviations(String display) {
        return ABBREVIATIONS.getOrDefault(key(display), List.of());
    }

    static List<String> synonyms(String display) {
        return SYNONYMS.getOrDefault(key(display), List.of());
    }

    static List<String> condensed(String display) {
        return CONDENSED.getOrDefault(key(display), List.of());
    }

    static String family(String display) {
        return FAMILY.getOrDefault(key(display), key(display));
    }

    static String key(String display) {
        return ChartReading.clean(display).toLowerCase(Locale.ROOT);
    }
}
