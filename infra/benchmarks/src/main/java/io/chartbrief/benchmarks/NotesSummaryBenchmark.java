package io.chartbrief.benchmarks;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.ExtractiveEngine;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.verify.EvidenceVerifier;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Extractive summary time with clinical notes (docs/performance.md, "Extractive summary with 30 notes"): the
 * {@link PromptBenchmark} chart (benchmark admission plus 30 base64 notes of about 4 KB), summarized by
 * {@link ExtractiveEngine#summarize} — note decoding, sectioning, excerpts and every other section — and then
 * verified by {@link EvidenceVerifier} (which reuses the chart's decoded notes, as in the service), each round on a
 * fresh {@link ClinicalChart} of the parsed Bundle, interleaved with the baseline, HAPI's JSON parse of the Bundle.
 * Goal (issue 12): engine time under 300 ms.
 */
final class NotesSummaryBenchmark {

    private static final String PATIENT = "Patient/p1";

    private NotesSummaryBenchmark() {
    }

    /** {@code notes [rounds=200] [warmup-seconds=5]}. */
    static void run(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        IParser parser = FhirContexts.r4().newJsonParser();
        String json = parser.encodeResourceToString(PromptBenchmark.chart());
        Bundle parsed = parser.parseResource(Bundle.class, json);
        ExtractiveEngine engine = new ExtractiveEngine();
        EvidenceVerifier verifier = new EvidenceVerifier();
        ClinicalChart first = ClinicalChart.of(parsed, PATIENT, null);
        PatientSummary summary = verifier.verify(engine.summarize(first), first);
        System.out.printf(Locale.ROOT, "Java %s, %d cores, %s; chart %,d bytes JSON with %d notes: %d note items,"
                + " %d items in all, verification %s (%d supported); %d rounds after %.0f s warm-up%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), json.length(), PromptBenchmark.NOTES, summary.notes().size(),
                summary.verification().items(), summary.verification().status().code(),
                summary.verification().supported(), rounds, warmupSeconds);

        double loadBefore = LlamaBenchmark.load();
        long sink = 0;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            sink += parser.parseResource(Bundle.class, json).getEntry().size();
            ClinicalChart chart = ClinicalChart.of(parsed, PATIENT, null);
            sink += verifier.verify(engine.summarize(chart), chart).notes().size();
        }
        double[] parse = new double[rounds];
        double[] summarize = new double[rounds];
        double[] verify = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ClinicalChart chart = ClinicalChart.of(parsed, PATIENT, null);
            long start = System.nanoTime();
            sink += parser.parseResource(Bundle.class, json).getEntry().size();
            long parsedAt = System.nanoTime();
            PatientSummary draft = engine.summarize(chart);
            long summarizedAt = System.nanoTime();
            sink += verifier.verify(draft, chart).notes().size();
            long end = System.nanoTime();
            parse[r] = (parsedAt - start) / 1e6;
            summarize[r] = (summarizedAt - parsedAt) / 1e6;
            verify[r] = (end - summarizedAt) / 1e6;
            ratio[r] = summarize[r] / parse[r];
        }
        if (sink == 42) {
            System.out.print("");
        }
        System.out.printf(Locale.ROOT, "baseline: parse chart Bundle (HAPI JSON)   median %.3f ms  p95 %.3f ms%n",
                PromptBenchmark.percentile(parse, 50), PromptBenchmark.percentile(parse, 95));
        System.out.printf(Locale.ROOT, "ExtractiveEngine.summarize (%d notes)    median %.3f ms  p95 %.3f ms%n",
                PromptBenchmark.NOTES, PromptBenchmark.percentile(summarize, 50), PromptBenchmark.percentile(summarize, 95));
        System.out.printf(Locale.ROOT, "EvidenceVerifier.verify of that summary  median %.3f ms  p95 %.3f ms%n",
                PromptBenchmark.percentile(verify, 50), PromptBenchmark.percentile(verify, 95));
        System.out.printf(Locale.ROOT, "summarize / parse: median of per-round ratios %.3f x; 1-min load average %.2f"
                + " before, %.2f after%n", PromptBenchmark.percentile(ratio, 50), loadBefore, LlamaBenchmark.load());
    }
}
