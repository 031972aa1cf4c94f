package io.chartbrief.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief up}: runs ChartBrief locally on real Kafka and PostgreSQL until Ctrl-C. Data lives in the run
 * directory and is reused by the next {@code up}.
 */
@Command(name = "up",
        description = "Start Kafka, PostgreSQL and the four ChartBrief services locally; Ctrl-C stops them all.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"1:could not start, or a component died (the rest is stopped)", "2:usage error",
                "130:stopped by Ctrl-C (SIGINT); 143: by SIGTERM"})
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackSession session;
        try {
            // MedGemma when one is in the models directory (env CHARTBRIEF_MODELS, else models/); else extractive.
            Map<String, String> summarizer = ModelFiles.findModel(ModelFiles.modelsDir(null))
                    .map(model -> Map.of("chartbrief.summarizer.model-path", model.toString())).orElse(Map.of());
            session = StackSession.start(stack.settings(StackSession.home(), Map.of("summarizer", summarizer)), out);
        } catch (IllegalStateException e) {
            err.println("up: " + e.getMessage());
            return 1;
        }
        out.println("ChartBrief is up. Ctrl-C stops everything.");
        out.flush();
        return runUntilStopped(session, err, "up");
    }

    /** Blocks until a signal stopped the stack (0) or a component died (1, the rest is stopped). */
    static int runUntilStopped(StackSession session, PrintWriter err, String command) throws InterruptedException {
        while (!session.awaitStopped(1000)) {
            List<String> failed = session.failed();
            if (!failed.isEmpty() && !session.isStopped()) {
                err.println(command + ": " + String.join(", ", failed)
                        + " stopped unexpectedly; see its log. Stopping the rest.");
                err.flush();
                session.close();
                return 1;
            }
        }
        return 0;
    }
}
