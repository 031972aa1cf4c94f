package io.chartbrief.benchmarks;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.prompt.ChartPrompt;
import io.chartbrief.summary.prompt.PromptBuilder;
import io.chartbrief.summary.prompt.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Model prompt build time with clinical notes (docs/performance.md, "Prompt build with 30 notes"):
 * {@link PromptBuilder#build} of the benchmark admission chart plus 30 base64 text notes (about 4 KB each: H&Ps, ED
 * notes, consults, progress notes, discharge summaries) at the default 8K-context fact budget — note decoding,
 * sectioning, sentence splitting, ranking and fitting included — interleaved round by round with the baseline, HAPI's
 * JSON parse of the same chart Bundle. Token counts use {@link TokenCounter#ESTIMATE}; the number of count calls is
 * reported, since with a model each is one tokenizer call.
 */
final class PromptBenchmark {

    static final int NOTES = 30;
    /** Fact budget of the default settings: 8192 context - 1024 output - instructions and template - safety. */
    static final int BUDGET = 6900;
    private static final String PATIENT = "Patient/p1";
    private static final String[][] TYPES = {{"34117-2", "History and physical note"},
        {"34111-5", "Emergency department note"}, {"11488-4", "Consult note"}, {"11506-3", "Progress note"},
        {"18842-5", "Discharge summary"}};

    private PromptBenchmark() {
    }

    /** {@code prompt [rounds=200] [warmup-seconds=5]}. */
    static void run(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        IParser parser = FhirContexts.r4().newJsonParser();
        String json = parser.encodeResourceToString(chart());
        Bundle parsed = parser.parseResource(Bundle.class, json);
        ClinicalChart chart = ClinicalChart.of(parsed, PATIENT, null);
        AtomicLong calls = new AtomicLong();
        PromptBuilder builder = new PromptBuilder(text -> {
            calls.incrementAndGet();
            return TokenCounter.ESTIMATE.count(text);
        }, 2);
        ChartPrompt prompt = builder.build(chart, BUDGET);
        long callsPerBuild = calls.get();
        System.out.printf(Locale.ROOT, "Java %s, %d cores, %s; chart %,d bytes JSON with %d notes; budget %d tokens:"
                + " %d fact tokens, %d facts (%d note passages), omitted %s; %d token counts per build;"
                + " %d rounds after %.0f s warm-up%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), json.length(), NOTES,
                BUDGET, prompt.factTokens(), prompt.facts().size(), prompt.passages().size(), prompt.omittedSummary(),
                callsPerBuild, rounds, warmupSeconds);

        double loadBefore = LlamaBenchmark.load();
        long sink = 0;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            sink += parser.parseResource(Bundle.class, json).getEntry().size();
            sink += builder.build(ClinicalChart.of(parsed, PATIENT, null), BUDGET).factTokens();
        }
        double[] parse = new double[rounds];
        double[] build = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // a fresh chart each round: a chart keeps its decoded notes, and every summary decodes them once
            ClinicalChart fresh = ClinicalChart.of(parsed, PATIENT, null);
            long start = System.nanoTime();
            sink += parser.parseResource(Bundle.class, json).getEntry().size();
            long mid = System.nanoTime();
            sink += builder.build(fresh, BUDGET).factTokens();
            long end = System.nanoTime();
            parse[r] = (mid - start) / 1e6;
            build[r] = (end - mid) / 1e6;
            ratio[r] = build[r] / parse[r];
        }
        if (sink == 42) {
            System.out.print("");
        }
        System.out.printf(Locale.ROOT, "baseline: parse chart Bundle (HAPI JSON)  median %.3f ms  p95 %.3f ms%n",
                percentile(parse, 50), percentile(parse, 95));
        System.out.printf(Locale.ROOT, "PromptBuilder.build (%d notes)           median %.3f ms  p95 %.3f ms%n",
                NOTES, percentile(build, 50), percentile(build, 95));
        System.out.printf(Locale.ROOT, "build / parse: median of per-round ratios %.3f x; 1-min load average %.2f"
                + " before, %.2f after%n", percentile(ratio, 50), loadBefore, LlamaBenchmark.load());
    }

    /** The benchmark admission chart plus {@value #NOTES} notes, one a day, the types in turn. */
    static Bundle chart() {
        Bundle bundle = BenchmarkCharts.admission("p1", 0);
        for (int i = 0; i < NOTES; i++) {
            String[] type = TYPES[i % TYPES.length];
            DocumentReference note = new DocumentReference();
            note.setId("n" + i);
            note.setStatus(DocumentReferenceStatus.CURRENT);
            note.setType(new CodeableConcept().addCoding(new Coding("http://loinc.org", type[0], type[1])));
            note.setSubject(new Reference(PATIENT));
            note.setDateElement(new InstantType(String.format(Locale.ROOT, "2024-02-%02dT12:00:00Z", 1 + i % 28)));
            note.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                    .setData(text(i).getBytes(StandardCharsets.UTF_8)));
            bundle.addEntry().setFullUrl("https://example.org/fhir/DocumentReference/n" + i).setResource(note);
        }
        return bundle;
    }

    /** A ~4 KB note with the sections real H&Ps have. */
    static String text(int i) {
        StringBuilder t = new StringBuilder();
        t.append("CHIEF COMPLAINT: Shortness of breath and leg swelling for ").append(2 + i % 5).append(" days.\n\n");
        t.append("HISTORY OF PRESENT ILLNESS:\n");
        for (int s = 0; s < 10; s++) {
            t.append("The patient reports worsening dyspnea on exertion, now after ").append(10 + s)
                    .append(" steps, with orthopnea and a weight gain of ").append(2 + s % 3).append(" kg. ");
        }
        t.append("He denies chest pain, fever or cough.\n\n");
        t.append("PAST MEDICAL HISTORY:\n- Chronic systolic heart failure, EF 30%\n- Type 2 diabetes mellitus\n"
                + "- Chronic kidney disease stage 3\n- Hypertension\n\n");
        t.append("MEDICATIONS:\n1. Lisinopril 10 mg daily\n2. Metformin 500 mg twice daily\n"
                + "3. Furosemide 40 mg daily\n4. Atorvastatin 20 mg nightly\n\n");
        t.append("ALLERGIES: Penicillin (hives).\n\n");
        t.append("FAMILY HISTORY: Mother with heart failure. Father had a stroke at 70.\n\n");
        t.append("SOCIAL HISTORY: Former smoker, quit 10 years ago. No alcohol.\n\n");
        t.append("REVIEW OF SYSTEMS:\nConstitutional: Fatigue. No fever.\nRespiratory: Dyspnea. No hemoptysis.\n"
                + "Cardiovascular: Leg swelling. No palpitations.\n\n");
        t.append("PHYSICAL EXAM:\nVitals: BP 134/82, HR ").append(80 + i).append(", RR 20, SpO2 93% on room air.\n"
                + "Lungs: Bibasilar crackles.\nExtremities: 2+ pitting edema of both legs.\n\n");
        t.append("RESULTS:\nPotassium 5.4 mmol/L. Creatinine 1.6 mg/dL. BNP 1200 pg/mL.\n\n");
        t.append("ASSESSMENT AND PLAN:\n");
        String[] plan = {"Acute on chronic systolic heart failure. Increase furosemide to 40 mg IV twice daily.",
            "Hyperkalemia, mild. Hold lisinopril and recheck potassium in the morning.",
            "Type 2 diabetes mellitus. Hold metformin given renal function; insulin sliding scale.",
            "Chronic kidney disease stage 3. Monitor creatinine daily with diuresis.",
            "Hypertension. Blood pressure controlled; continue to monitor.",
            "Deep vein thrombosis prophylaxis with subcutaneous heparin.",
            "Code status: full code.", "Disposition: admit to telemetry."};
        for (int p = 0; p < plan.length; p++) {
            t.append(p + 1).append(". ").append(plan[p]).append('\n');
        }
        t.append("\nHOSPITAL COURSE:\n");
        for (int s = 0; s < 6; s++) {
            t.append("On hospital day ").append(s + 1).append(" the patient diuresed ").append(1 + s % 2)
                    .append(" liters and breathing improved. ");
        }
        t.append('\n');
        return t.toString();
    }

    static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
