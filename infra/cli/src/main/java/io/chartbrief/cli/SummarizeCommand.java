package io.chartbrief.cli;

import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Date;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief summarize BUNDLE.json}: an offline summary of a FHIR patient Bundle (e.g. a Synthea file) with
 * the summarizer service's code: normalize, index the chart, run the llama engine (falling back to the extractive
 * one), verify the evidence, print JSON, the FHIR document, or text.
 */
@Command(name = "summarize",
        description = "Summarize a FHIR R4 patient Bundle offline (MedGemma via llama.cpp, or extractive).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:summary printed", "1:unreadable input, not a patient Bundle, or bad model (reason on stderr)",
                "2:usage error"})
final class SummarizeCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, fhir, text }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE.json", description = "FHIR R4 Bundle of one patient")
    Path bundle;

    @Option(names = "--encounter", paramLabel = "Encounter/ID",
            description = "Encounter to summarize (default: newest inpatient, else newest)")
    String encounter;

    @Option(names = "--format", paramLabel = "json|fhir|text", defaultValue = "text",
            description = "Output: summary JSON, FHIR document Bundle, or text (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClinicalChart chart;
        try {
            chart = new PatientBundles().load(bundle, encounter);
        } catch (PatientBundles.NotAPatientBundle e) {
            err.println("chartbrief summarize: " + bundle + ": " + e.getMessage());
            return 1;
        }
        Summarizer summarizer;
        try {
            summarizer = engineOptions.summarizer(engineOptions.choose(), err);
        } catch (EngineOptions.EngineSetupException e) {
            err.println("chartbrief summarize: " + e.getMessage());
            return 1;
        }
        PatientSummary summary = summarizer.summarize(chart);
        switch (format) {
            case json -> out.println(SummaryJson.writePretty(summary));
            case fhir -> out.println(FhirContexts.r4().newJsonParser().setPrettyPrint(true)
                    .encodeResourceToString(new SummaryDocumentBuilder().build(summary, chart, new Date())));
            case text -> out.print(SummaryText.render(summary));
        }
        out.flush();
        return 0;
    }
}
