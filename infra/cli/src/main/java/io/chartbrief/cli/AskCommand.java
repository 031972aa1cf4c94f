package io.chartbrief.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chartbrief.summary.ask.ChartRetrieval;
import io.chartbrief.summary.ask.RetrievedAnswer;
import io.chartbrief.summary.chart.ClinicalChart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief ask BUNDLE.json "question"}: what a patient's chart holds on a question, without a model — the
 * matching chart facts and note sentences, each cited ({@link ChartRetrieval}); labelled as retrieved facts.
 */
@Command(name = "ask",
        description = "Ask a FHIR R4 patient Bundle a question: the chart facts and note sentences that match it, each"
                + " cited (retrieved facts, not an answer).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:printed (also when nothing matched: it says so)",
                "1:unreadable input or not a patient Bundle (reason on stderr)", "2:usage error"})
final class AskCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json }

    /** Longest question taken. */
    static final int MAX_QUESTION_CHARS = 500;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE.json", description = "FHIR R4 Bundle of one patient")
    Path bundle;

    @Parameters(index = "1", paramLabel = "QUESTION", description = "e.g. \"when was the last potassium?\"")
    String question;

    @Option(names = "--encounter", paramLabel = "Encounter/ID",
            description = "The encounter the question is about (default: newest inpatient, else newest)")
    String encounter;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: text, or JSON with each statement's evidence references (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (question.isBlank() || question.length() > MAX_QUESTION_CHARS) {
            err.println("chartbrief ask: the question must have 1 to " + MAX_QUESTION_CHARS + " characters");
            return 2;
        }
        ClinicalChart chart;
        try {
            chart = new PatientBundles().load(bundle, encounter);
        } catch (PatientBundles.NotAPatientBundle e) {
            err.println("chartbrief ask: " + bundle + ": " + e.getMessage());
            return 1;
        }
        RetrievedAnswer answer = new ChartRetrieval().answer(chart, question.strip());
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(answer));
        } else {
            out.print(text(answer));
        }
        out.flush();
        return 0;
    }

    static String text(RetrievedAnswer answer) {
        StringBuilder s = new StringBuilder("QUESTION  ").append(answer.question()).append('\n')
                .append(answer.notice()).append("\n\n");
        if (!answer.found()) {
            s.append(answer.terms().isEmpty() ? "The question names nothing to look for in the chart.\n"
                    : "Nothing in the chart matches: " + String.join(", ", answer.terms()) + ".\n");
            return s.toString();
        }
        for (RetrievedAnswer.Statement statement : answer.statements()) {
            String text = statement.source().equals("note") ? "\"" + statement.text() + "\"" : statement.text();
            s.append("  - ").append(text).append("  [").append(String.join(", ", statement.evidence())).append("]\n");
            if (statement.quote() != null) {
                s.append("      from ").append(statement.date() == null ? "" : statement.date() + ", ")
                        .append(statement.quote().section()).append(", characters ").append(statement.quote().start())
                        .append('-').append(statement.quote().end()).append('\n');
            }
        }
        return s.toString();
    }
}
