package io.chartbrief.summary;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;

/**
 * Turns a patient's chart into a draft summary. Drafts are not yet verified: {@link Summarizer} runs the
 * {@link io.chartbrief.summary.verify.EvidenceVerifier} and falls back to the extractive engine when needed.
 * Implementations are thread-safe.
 */
public interface SummaryEngine {

    /** {@code llama}, {@code remote} or {@code extractive}. */
    String kind();

    /**
     * Summarizes one chart.
     *
     * @throws SummaryEngineException when the engine cannot give a summary (model not loaded, server unavailable,
     *                                timeout, unparseable output); the message is one line without patient data
     */
    PatientSummary summarize(ClinicalChart chart) throws SummaryEngineException;
}
