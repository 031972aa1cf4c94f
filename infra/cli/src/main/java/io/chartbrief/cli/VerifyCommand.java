package io.chartbrief.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryJson;
import io.chartbrief.summary.verify.EvidenceVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief verify --chart BUNDLE.json --summary SUMMARY.json}: checks a summary's items (any engine's,
 * schema 1 or 2) against a FHIR patient Bundle with the summarizer service's {@link EvidenceVerifier}, and prints
 * the verified summary: supported items stay in their sections, contradicted ones are listed under
 * {@code verification.dropped}, unverifiable ones under {@code verification.unverified}.
 *
 * <p>The chart is read for the summary's own {@code patient} and {@code encounter}, as the service does. The draft is
 * taken as it is: its {@code verification} block, if any, is discarded and recomputed, and items a previous run
 * removed (its {@code dropped}/{@code unverified}) are not re-checked — only what is in the narrative, the sections
 * and the recommendations is. Everything else (schemaVersion, engine, timings, tokens) is passed through.
 */
@Command(name = "verify",
        description = {"Check a summary's items against a FHIR R4 patient Bundle with the service's evidence verifier.",
                "Prints the verified summary: supported items in their sections; contradicted items removed "
                        + "(verification.dropped); unverifiable items removed from the sections and listed apart, "
                        + "labelled (verification.unverified). A previous verification block is recomputed; items it "
                        + "had removed are not re-checked."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:verified summary printed (whatever the outcome)",
                "1:unreadable input: missing file, not JSON, not a summary, not a patient Bundle, or the summary's "
                        + "patient/encounter not in the Bundle (one line on stderr)",
                "2:usage error"})
final class VerifyCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, text }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--chart", required = true, paramLabel = "BUNDLE.json",
            description = "FHIR R4 Bundle holding the summary's patient (e.g. the Synthea file it was made from)")
    Path chartFile;

    @Option(names = "--summary", required = true, paramLabel = "SUMMARY.json",
            description = "Summary JSON, schema 1 or 2 (summarize --format json; the summarizer's GET "
                    + "/summaries/{id} answer is read too)")
    Path summaryFile;

    @Option(names = "--format", paramLabel = "json|text", defaultValue = "text",
            description = "Output: summary JSON (the input's schemaVersion) or text (default: ${DEFAULT-VALUE})")
    Format format;

    /** A summary file that cannot be verified; the message is one line. */
    static final class NotASummary extends Exception {
        NotASummary(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PatientSummary draft;
        try {
            draft = readSummary(summaryFile);
        } catch (NotASummary e) {
            err.println("chartbrief verify: " + summaryFile + ": " + e.getMessage());
            return 1;
        }
        ClinicalChart chart;
        try {
            chart = new PatientBundles().load(chartFile, draft.patient(), draft.encounter());
        } catch (PatientBundles.NotAPatientBundle e) {
            err.println("chartbrief verify: " + chartFile + ": " + e.getMessage());
            return 1;
        }
        PatientSummary verified;
        try {
            verified = verify(draft, chart);
        } catch (RuntimeException e) {
            // A draft the verifier cannot handle is bad input too: one line, no stack trace.
            err.println("chartbrief verify: " + summaryFile + ": cannot verify (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
        switch (format) {
            case json -> out.println(SummaryJson.writePretty(verified));
            case text -> out.print(SummaryText.render(verified));
        }
        out.flush();
        return 0;
    }

    /** The draft verified afresh: any previous account is dropped first, so nothing of it can leak into the result. */
    static PatientSummary verify(PatientSummary draft, ClinicalChart chart) {
        return new EvidenceVerifier().verify(draft.withVerification(null), chart);
    }

    /**
     * Reads a summary JSON file, or the summarizer's {@code GET /summaries/{id}} answer (which holds the summary
     * under {@code summary}). Jackson alone would read almost any JSON object as an empty summary (unknown
     * fields are ignored for forward compatibility), so the fields a summary cannot lack are checked first.
     */
    static PatientSummary readSummary(Path file) throws NotASummary {
        String text = PatientBundles.readText(file, NotASummary::new);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NotASummary("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new NotASummary("not a summary (not a JSON object)");
        }
        if (root.has("resourceType")) {
            throw new NotASummary("not a summary (a FHIR " + root.path("resourceType").asText("resource")
                    + "; verify reads the summary JSON, e.g. from summarize --format json)");
        }
        if (!root.has("schemaVersion") && root.path("summary").isObject()) {
            root = root.path("summary");   // the summarizer's GET /summaries/{id} answer: the summary is under "summary"
        }
        JsonNode version = root.path("schemaVersion");
        if (!version.isInt()) {
            throw new NotASummary("not a summary (no schemaVersion)");
        }
        if (version.intValue() < 1 || version.intValue() > PatientSummary.SCHEMA_VERSION) {
            throw new NotASummary("unsupported schemaVersion " + version.intValue() + " (this version reads 1 to "
                    + PatientSummary.SCHEMA_VERSION + ")");
        }
        if (!root.path("patient").asText("").startsWith("Patient/")) {
            throw new NotASummary("not a summary (no patient Patient/id)");
        }
        JsonNode encounter = root.path("encounter");
        if (!encounter.isMissingNode() && !encounter.isNull() && !encounter.asText("").startsWith("Encounter/")) {
            throw new NotASummary("not a summary (encounter is not Encounter/id)");
        }
        try {
            return SummaryJson.read(root.toString());
        } catch (IllegalArgumentException e) {
            throw new NotASummary(e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? "not a summary (unexpected value at " + path(mapping.getPath()) + ")"
                    : PatientBundles.oneLine(e.getMessage()));
        }
    }

    /** A JSON path such as {@code problems[0].evidence}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
