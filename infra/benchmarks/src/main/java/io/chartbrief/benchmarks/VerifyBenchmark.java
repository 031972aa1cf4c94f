package io.chartbrief.benchmarks;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.ItemClaim;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import io.chartbrief.summary.verify.EvidenceVerifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Evidence verification cost (docs/performance.md, "Evidence verification"): {@link EvidenceVerifier#verify} of a
 * 50-item summary against a generated 1,000-resource chart, on one thread after a warm-up, interleaved round by
 * round with the baseline — HAPI's JSON parse of the same chart Bundle, the step every summary pays first — so
 * machine noise hits both alike. Reports median and p95 ms of each and the median of per-round ratios.
 */
final class VerifyBenchmark {

    static final int RESOURCES = 1000;
    private static final String PATIENT = "Patient/p1";
    private static final String[] CONDITIONS = {"Pneumonia", "Hypertension", "Type 2 diabetes mellitus",
        "Chronic kidney disease stage 3", "Atrial fibrillation", "Heart failure", "Asthma", "Osteoarthritis",
        "Hypothyroidism", "Gout", "Anemia", "Depression", "Obesity", "Hyperlipidemia", "Migraine", "Glaucoma"};
    private static final String[] DRUGS = {"lisinopril", "metformin", "ceftriaxone", "atorvastatin", "apixaban",
        "furosemide", "albuterol", "levothyroxine", "allopurinol", "sertraline", "amlodipine", "omeprazole"};
    private static final String[][] LABS = {{"2823-3", "Potassium", "mmol/L", "4.1"}, {"2951-2", "Sodium", "mmol/L",
        "139"}, {"2160-0", "Creatinine", "mg/dL", "1.2"}, {"2345-7", "Glucose", "mg/dL", "112"}, {"6690-2",
        "Leukocytes", "10*3/uL", "8.2"}, {"718-7", "Hemoglobin", "g/dL", "12.9"}, {"777-3", "Platelets", "10*3/uL",
        "250"}};
    private static final String[][] VITALS = {{"8867-4", "Heart rate", "/min", "78"}, {"8310-5", "Body temperature",
        "Cel", "36.8"}, {"8480-6", "Systolic blood pressure", "mm[Hg]", "128"}, {"9279-1", "Respiratory rate", "/min",
        "16"}};

    private VerifyBenchmark() {
    }

    /** {@code verify [rounds=300] [warmup-seconds=5]}. */
    static void run(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        IParser parser = FhirContexts.r4().newJsonParser();
        String json = parser.encodeResourceToString(chart());
        Bundle parsed = parser.parseResource(Bundle.class, json);
        ClinicalChart chart = ClinicalChart.of(parsed, PATIENT, null);
        PatientSummary summary = summary();
        EvidenceVerifier verifier = new EvidenceVerifier();
        Verification check = verifier.verify(summary, chart).verification();
        System.out.printf(Locale.ROOT, "Java %s, %d cores, %s; chart %d resources (%,d bytes JSON), summary %d items"
                + " (%d supported, %d dropped); %d rounds after %.0f s warm-up%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), parsed.getEntry().size(),
                json.length(), check.items(), check.supported(), check.items() - check.supported(), rounds,
                warmupSeconds);

        double loadBefore = LlamaBenchmark.load();
        long sink = 0;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            sink += parser.parseResource(Bundle.class, json).getEntry().size();
            sink += verifier.verify(summary, chart).verification().supported();
        }
        double[] parse = new double[rounds];
        double[] verify = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            sink += parser.parseResource(Bundle.class, json).getEntry().size();
            long mid = System.nanoTime();
            sink += verifier.verify(summary, chart).verification().supported();
            long end = System.nanoTime();
            parse[r] = (mid - start) / 1e6;
            verify[r] = (end - mid) / 1e6;
            ratio[r] = verify[r] / parse[r];
        }
        if (sink == 42) {
            System.out.print("");
        }
        System.out.printf(Locale.ROOT, "baseline: parse chart Bundle (HAPI JSON)  median %.3f ms  p95 %.3f ms%n",
                percentile(parse, 50), percentile(parse, 95));
        System.out.printf(Locale.ROOT, "EvidenceVerifier.verify (50 items)        median %.3f ms  p95 %.3f ms%n",
                percentile(verify, 50), percentile(verify, 95));
        System.out.printf(Locale.ROOT, "verify / parse: median of per-round ratios %.3f x; 1-min load average %.2f"
                + " before, %.2f after%n", percentile(ratio, 50), loadBefore, LlamaBenchmark.load());
    }

    /**
     * A 1,000-resource chart: 1 patient, 20 encounters, 80 conditions, 80 medication requests, 10 allergies,
     * 400 vital signs and 409 labs, dated over years, as a long-standing patient's record looks.
     */
    static Bundle chart() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1948-04-02"));
        add(bundle, patient);
        for (int i = 0; i < 20; i++) {
            Encounter encounter = new Encounter();
            encounter.setId("e" + i);
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", i == 0 ? "IMP" : "AMB",
                    null));
            encounter.addType().setText(i == 0 ? "Hospital admission" : "General examination");
            encounter.setSubject(new Reference(PATIENT));
            encounter.setPeriod(new Period().setStartElement(new DateTimeType(day(2024 - i, 3, 1) + "T10:00:00Z")));
            add(bundle, encounter);
        }
        for (int i = 0; i < 80; i++) {
            Condition condition = new Condition();
            condition.setId("c" + i);
            condition.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", i < 60 ? "active" : "resolved", null)));
            condition.setCode(new CodeableConcept().setText(CONDITIONS[i % CONDITIONS.length]));
            condition.setSubject(new Reference(PATIENT));
            condition.setOnset(new DateTimeType(day(2000 + i % 24, 1 + i % 12, 1 + i % 28)));
            add(bundle, condition);
        }
        for (int i = 0; i < 80; i++) {
            MedicationRequest medication = new MedicationRequest();
            medication.setId("m" + i);
            medication.setStatus(i < 50 ? MedicationRequest.MedicationRequestStatus.ACTIVE
                    : MedicationRequest.MedicationRequestStatus.STOPPED);
            medication.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            medication.setMedication(new CodeableConcept().setText(drug(i)));
            medication.setSubject(new Reference(PATIENT));
            medication.setAuthoredOnElement(new DateTimeType(day(2010 + i % 14, 1 + i % 12, 1 + i % 28)));
            add(bundle, medication);
        }
        String[] allergens = {"Penicillin", "Latex", "Peanut", "Sulfonamide", "Codeine"};
        for (int i = 0; i < 10; i++) {
            AllergyIntolerance allergy = new AllergyIntolerance();
            allergy.setId("a" + i);
            allergy.setCode(new CodeableConcept().setText(allergens[i % allergens.length]));
            allergy.setPatient(new Reference(PATIENT));
            allergy.addReaction().addManifestation().setText(i % 2 == 0 ? "Hives" : "Rash");
            add(bundle, allergy);
        }
        for (int i = 0; i < 400; i++) {
            String[] v = VITALS[i % VITALS.length];
            add(bundle, BenchmarkCharts.observation("v" + i, "vital-signs", v[0], v[1], value(v[3], i).doubleValue(),
                    v[2], day(2024 - i / 40, 1 + i % 12, 1 + i % 28) + "T08:00:00Z", PATIENT));
        }
        for (int i = 0; i < RESOURCES - 1 - 20 - 80 - 80 - 10 - 400; i++) {
            String[] l = LABS[i % LABS.length];
            add(bundle, BenchmarkCharts.observation("l" + i, "laboratory", l[0], l[1], value(l[3], i).doubleValue(),
                    l[2], day(2024 - i / 40, 1 + i % 12, 1 + i % 28) + "T06:00:00Z", PATIENT));
        }
        return bundle;
    }

    /**
     * 50 items in the shapes the engines write (12 problems, 12 medications, 4 allergies, 12 results, 5 vitals,
     * 5 recommendations), schema 2 claims included; every tenth states a wrong number, so the drop path runs too.
     */
    static PatientSummary summary() {
        List<SummaryItem> problems = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String onset = day(2000 + i % 24, 1 + i % 12, 1 + i % 28);
            problems.add(new SummaryItem(CONDITIONS[i % CONDITIONS.length] + " (onset " + onset + ")",
                    List.of("Condition/c" + i), onset, new ItemClaim("Condition/c" + i, null, null, "active", null,
                    null)));
        }
        List<SummaryItem> medications = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String ordered = day(2010 + i % 14, 1 + i % 12, 1 + i % 28);
            String dose = i % 10 == 9 ? " 999 MG" : "";
            medications.add(new SummaryItem(drug(i) + dose + " (ordered " + ordered + ")",
                    List.of("MedicationRequest/m" + i), ordered, ItemClaim.about("MedicationRequest/m" + i)));
        }
        List<SummaryItem> allergies = new ArrayList<>();
        String[] allergens = {"Penicillin", "Latex", "Peanut", "Sulfonamide"};
        for (int i = 0; i < 4; i++) {
            allergies.add(new SummaryItem(allergens[i] + "; reaction " + (i % 2 == 0 ? "Hives" : "Rash"),
                    List.of("AllergyIntolerance/a" + i), null, ItemClaim.about("AllergyIntolerance/a" + i)));
        }
        List<SummaryItem> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            results.add(observationItem("Observation/l" + i, LABS[i % LABS.length], i, "T06"));
        }
        List<SummaryItem> vitals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vitals.add(observationItem("Observation/v" + i, VITALS[i % VITALS.length], i, "T08"));
        }
        List<Recommendation> recommendations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String[] l = LABS[i % LABS.length];
            String ref = "Observation/l" + i;
            recommendations.add(new Recommendation("Recheck " + l[1].toLowerCase(Locale.ROOT), Priority.MEDIUM,
                    l[1] + " " + value(l[3], i).toPlainString() + " " + l[2] + " on "
                            + day(2024, 1 + i % 12, 1 + i % 28) + ".", List.of(ref, "Condition/c" + i),
                    new ItemClaim(ref, null, null, null, null, "repeat")));
        }
        return new PatientSummary(PatientSummary.SCHEMA_VERSION, PATIENT, "Encounter/e0", "", List.of(), problems,
                medications, allergies, results, vitals, recommendations,
                new EngineInfo(EngineInfo.LLAMA, "bench.gguf", null, null), null, null, null);
    }

    private static SummaryItem observationItem(String ref, String[] code, int i, String time) {
        String date = day(2024 - i / 40, 1 + i % 12, 1 + i % 28);
        String stated = i % 10 == 9 ? "999" : value(code[3], i).toPlainString();
        return new SummaryItem(code[1] + " " + stated + " " + code[2] + " (on " + date + ")", List.of(ref), date,
                new ItemClaim(ref, stated, code[2], null, null, null));
    }

    private static String drug(int i) {
        return DRUGS[i % DRUGS.length] + " " + (5 * (1 + i % 8)) + " MG Oral Tablet";
    }

    private static BigDecimal value(String base, int i) {
        return new BigDecimal(base).add(BigDecimal.valueOf(i % 7, 1));
    }

    private static String day(int year, int month, int day) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
    }

    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl("https://example.org/fhir/" + resource.fhirType() + "/"
                + resource.getIdElement().getIdPart()).setResource(resource);
    }
}
