package io.chartbrief.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.VerificationStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief eval DIR}: summarizes every patient Bundle under DIR and reports, per patient and overall,
 * verification (items supported, contradicted, unverifiable), coverage of the chart's active problems, medications and
 * allergies, latency, and token counts with tokens/s when a model produced the summary.
 */
@Command(name = "eval",
        description = "Summarize every FHIR patient Bundle (*.json) under DIR and report verification, coverage, "
                + "latency and tokens.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every patient Bundle summarized (other files skipped)",
                "1:no patient Bundle found, a summary failed, or bad model (reason on stderr)", "2:usage error"})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory searched recursively for *.json")
    Path dir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE")
    Path jsonFile;

    @Mixin
    EngineOptions engineOptions;

    /** One patient's outcome (also the JSON report row). */
    record PatientResult(String file, String patient, String encounter, String engine, String fallbackReason,
            String verification, int items, int supported, int unsupported, int contradicted, int unverifiable,
            Coverage coverage, Double coverageShare,
            long latencyMs, long generationMs, int promptTokens, int outputTokens, Double tokensPerSecond) {
    }

    /** A file that was not summarized. */
    record Skipped(String file, String reason) {
    }

    /** Totals over the summarized patients. */
    record Overall(int patients, int skipped, int failed, int verifiedPatients, int items, int supported,
            int unsupported, int contradicted, int unverifiable, Coverage coverage, double coverageShare,
            long meanLatencyMs, long maxLatencyMs, long promptTokens, long outputTokens, Double tokensPerSecond,
            int fallbacks) {
    }

    /** The report. */
    record Report(String directory, String engine, String model, List<PatientResult> patients,
            List<Skipped> skipped, Overall overall) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("chartbrief eval: " + dir + ": not a directory");
            return 1;
        }
        EngineOptions.Choice choice;
        Summarizer summarizer;
        try {
            choice = engineOptions.choose();
            summarizer = engineOptions.summarizer(choice, err);
        } catch (EngineOptions.EngineSetupException e) {
            err.println("chartbrief eval: " + e.getMessage());
            return 1;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            err.println("chartbrief eval: cannot list " + dir + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
        out.println("eval " + dir + " — engine " + choice.engine()
                + (choice.modelLabel() != null ? " (" + choice.modelLabel() + ")" : ""));
        PatientBundles bundles = new PatientBundles();
        List<PatientResult> results = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            ClinicalChart chart;
            try {
                chart = bundles.load(file, null);
            } catch (PatientBundles.NotAPatientBundle e) {
                skipped.add(new Skipped(name, e.getMessage()));
                out.println("  skipped  " + name + ": " + e.getMessage());
                out.flush();
                continue;
            }
            try {
                long start = System.nanoTime();
                PatientSummary summary = summarizer.summarize(chart);
                long latency = (System.nanoTime() - start) / 1_000_000;
                PatientResult result = result(name, summary, chart, latency);
                results.add(result);
                out.println("  " + line(result));
            } catch (RuntimeException e) {
                failed++;
                skipped.add(new Skipped(name, "summary failed (" + e.getClass().getSimpleName() + ")"));
                out.println("  FAILED   " + name + ": " + e.getClass().getSimpleName());
            }
            out.flush();
        }
        Overall overall = overall(results, skipped.size() - failed, failed);
        out.println(overallLine(overall));
        out.flush();
        if (jsonFile != null) {
            Report report = new Report(dir.toString(), choice.engine().name(),
                    choice.modelLabel(), results, skipped, overall);
            try {
                Path parent = jsonFile.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), report);
            } catch (IOException e) {
                err.println("chartbrief eval: cannot write " + jsonFile + " (" + e.getClass().getSimpleName() + ")");
                return 1;
            }
        }
        if (results.isEmpty()) {
            err.println("chartbrief eval: no patient Bundle found under " + dir);
            return 1;
        }
        return failed == 0 ? 0 : 1;
    }

    private static PatientResult result(String name, PatientSummary summary, ClinicalChart chart, long latency) {
        Coverage coverage = Coverage.of(summary, chart);
        var v = summary.verification();
        int output = summary.tokens().output();
        long generationMs = summary.timings().generationMs();
        Double tps = output > 0 && generationMs > 0 ? round(output * 1000.0 / generationMs) : null;
        return new PatientResult(name, summary.patient(), summary.encounter(), summary.engine().kind(),
                summary.engine().fallbackReason(), v.status().code(), v.items(), v.supported(), v.unsupported(),
                v.contradicted(), v.unverifiable(), coverage,
                coverage.total().expected() == 0 ? null : round(coverage.total().share()), latency, generationMs,
                summary.tokens().prompt(), output, tps);
    }

    private static Overall overall(List<PatientResult> results, int skipped, int failed) {
        int items = 0;
        int supported = 0;
        int unsupported = 0;
        int contradicted = 0;
        int unverifiable = 0;
        int verified = 0;
        int fallbacks = 0;
        long latency = 0;
        long maxLatency = 0;
        long prompt = 0;
        long output = 0;
        long generationMs = 0;
        Coverage coverage = Coverage.NONE;
        for (PatientResult r : results) {
            items += r.items();
            supported += r.supported();
            unsupported += r.unsupported();
            contradicted += r.contradicted();
            unverifiable += r.unverifiable();
            verified += r.verification().equals(VerificationStatus.VERIFIED.code()) ? 1 : 0;
            fallbacks += r.fallbackReason() != null ? 1 : 0;
            latency += r.latencyMs();
            maxLatency = Math.max(maxLatency, r.latencyMs());
            prompt += r.promptTokens();
            output += r.outputTokens();
            if (r.outputTokens() > 0) {
                generationMs += r.generationMs();
            }
            coverage = coverage.plus(r.coverage());
        }
        Double tps = output > 0 && generationMs > 0 ? round(output * 1000.0 / generationMs) : null;
        return new Overall(results.size(), skipped, failed, verified, items, supported, unsupported, contradicted,
                unverifiable, coverage,
                round(coverage.total().share()), results.isEmpty() ? 0 : latency / results.size(), maxLatency, prompt,
                output, tps, fallbacks);
    }

    private static String line(PatientResult r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %s: %d/%d items supported",
                r.verification(), r.file(), r.supported(), r.items()));
        if (r.unsupported() > 0) {
            line.append(String.format(Locale.ROOT, " (%d contradicted, %d not verifiable)", r.contradicted(),
                    r.unverifiable()));
        }
        line.append(", coverage ").append(r.coverageShare() == null ? "n/a (no active entries)"
                : String.format(Locale.ROOT, "%.2f", r.coverageShare()));
        Coverage c = r.coverage();
        line.append(String.format(Locale.ROOT, " (problems %d/%d, medications %d/%d, allergies %d/%d)",
                c.problems().covered(), c.problems().expected(), c.medications().covered(), c.medications().expected(),
                c.allergies().covered(), c.allergies().expected()));
        line.append(", ").append(r.latencyMs()).append(" ms, ").append(r.engine());
        if (r.promptTokens() > 0 || r.outputTokens() > 0) {
            line.append(", ").append(r.promptTokens()).append(" prompt / ").append(r.outputTokens()).append(" output tokens");
            if (r.tokensPerSecond() != null) {
                line.append(String.format(Locale.ROOT, ", %.1f tokens/s", r.tokensPerSecond()));
            }
        }
        if (r.fallbackReason() != null) {
            line.append(" (fallback: ").append(r.fallbackReason()).append(')');
        }
        return line.toString();
    }

    private static String overallLine(Overall o) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "overall: %d patients (%d skipped, %d failed); %d/%d verified; items %d supported, %d unsupported "
                        + "(%d contradicted, %d not verifiable) of %d; coverage %.2f (%d/%d); latency mean %d ms, "
                        + "max %d ms",
                o.patients(), o.skipped(), o.failed(), o.verifiedPatients(), o.patients(), o.supported(),
                o.unsupported(), o.contradicted(), o.unverifiable(), o.items(), o.coverageShare(),
                o.coverage().total().covered(), o.coverage().total().expected(), o.meanLatencyMs(), o.maxLatencyMs()));
        if (o.promptTokens() > 0 || o.outputTokens() > 0) {
            line.append(String.format(Locale.ROOT, "; tokens %d prompt / %d output", o.promptTokens(), o.outputTokens()));
            if (o.tokensPerSecond() != null) {
                line.append(String.format(Locale.ROOT, ", %.1f output tokens/s", o.tokensPerSecond()));
            }
        }
        if (o.fallbacks() > 0) {
            line.append("; ").append(o.fallbacks()).append(" fell back to extractive");
        }
        return line.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
