package io.chartbrief.summary;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.verify.EvidenceVerifier;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The summarizing entry point: chart Bundle → verified {@link PatientSummary}. Runs the preferred engine (llama),
 * verifies its draft, and falls back to the {@link ExtractiveEngine} when the preferred engine fails to load,
 * throws, times out, gives unparseable output, or does not verify well enough ({@link AcceptancePolicy}); the
 * reason is recorded in {@code engine.fallbackReason}. Thread-safe.
 */
public final class Summarizer {

    private final Optional<SummaryEngine> preferred;
    private final ExtractiveEngine extractive;
    private final AcceptancePolicy policy;
    private final EvidenceVerifier verifier = new EvidenceVerifier();

    /**
     * @param preferred  the model engine, or null for extractive summaries only
     * @param extractive the fallback
     * @param policy     when a model summary is accepted
     */
    public Summarizer(SummaryEngine preferred, ExtractiveEngine extractive, AcceptancePolicy policy) {
        this.preferred = Optional.ofNullable(preferred);
        this.extractive = extractive;
        this.policy = policy;
    }

    /** Extractive summaries only. */
    public static Summarizer extractiveOnly() {
        return new Summarizer(null, new ExtractiveEngine(), AcceptancePolicy.DEFAULT);
    }

    /**
     * Summarizes a chart.
     *
     * @param chart        the patient's chart (searchset, collection, transaction or document Bundle)
     * @param patientRef   {@code Patient/id}, or null for the Bundle's patient
     * @param encounterRef {@code Encounter/id}, or null for the newest inpatient (else newest) encounter
     * @throws IllegalArgumentException when the Bundle has no such patient or encounter
     */
    public PatientSummary summarize(Bundle chart, String patientRef, String encounterRef) {
        return summarize(ClinicalChart.of(chart, patientRef, encounterRef));
    }

    /** Summarizes an indexed chart. */
    public PatientSummary summarize(ClinicalChart chart) {
        long start = System.nanoTime();
        String fallbackReason = null;
        if (preferred.isPresent()) {
            try {
                PatientSummary verified = verified(preferred.get().summarize(chart), chart);
                if (policy.accepts(verified.verification())) {
                    return finish(verified, start);
                }
                fallbackReason = policy.rejection(verified.verification());
            } catch (SummaryEngineException e) {
                fallbackReason = e.reason().code() + ": " + e.getMessage();
            } catch (RuntimeException e) {
                // A bug or native error in the model path must not cost the clinician the summary.
                fallbackReason = "engine-error: " + e.getClass().getSimpleName();
            }
        }
        PatientSummary fallback = verified(extractive.summarize(chart), chart);
        if (fallbackReason != null) {
            fallback = fallback.withEngine(fallback.engine().withFallbackReason(fallbackReason));
        }
        return finish(fallback, start);
    }

    private PatientSummary verified(PatientSummary draft, ClinicalChart chart) {
        long start = System.nanoTime();
        PatientSummary verified = verifier.verify(draft, chart);
        long elapsed = millisSince(start);
        Timings t = draft.timings();
        return verified.withTimings(new Timings(t.promptMs(), t.generationMs(), elapsed, t.totalMs()));
    }

    private static PatientSummary finish(PatientSummary summary, long start) {
        Timings t = summary.timings();
        return summary.withTimings(new Timings(t.promptMs(), t.generationMs(), t.verificationMs(), millisSince(start)));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
