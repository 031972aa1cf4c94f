package io.chartbrief.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief up}: runs ChartBrief locally on real Kafka and PostgreSQL until Ctrl-C. Data lives in the run
 * directory and is reused by the next {@code up}.
 */
@Command(name = "up",
        description = "Start Kafka, PostgreSQL and the four ChartBrief services locally (and the outbound connector with"
                + " --mdm-to); Ctrl-C stops them all.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"1:could not start, or a component died with no other instance of it running (the rest is stopped)", "2:usage error",
                "130:stopped by Ctrl-C (SIGINT); 143: by SIGTERM"})
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--mdm-to", paramLabel = "HOST:PORT",
            description = "Also run the outbound service, writing every summary back as HL7 v2 MDM^T02/T10 over MLLP"
                    + " to this interface engine (docs/integration.md)")
    String mdmTo;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Map<String, String>> properties = new HashMap<>();
        List<String> optional = new ArrayList<>();
        if (!stack.replicasInRange()) {
            err.println("up: --replicas wants 1 to 4, not " + stack.replicas);
            return 2;
        }
        if (mdmTo != null) {
            try {
                properties.put("outbound", mdmTarget(mdmTo));
            } catch (IllegalArgumentException e) {
                err.println("up: " + e.getMessage());
                return 2;
            }
            optional.add("outbound");
        }
        StackSession session;
        try {
            // MedGemma when one is in the models directory (env CHARTBRIEF_MODELS, else models/); else extractive.
            Map<String, String> summarizer = ModelFiles.findModel(ModelFiles.modelsDir(null))
                    .map(model -> Map.of("chartbrief.summarizer.model-path", model.toString())).orElse(Map.of());
            properties.put("summarizer", summarizer);
            session = StackSession.start(stack.settings(StackSession.home(), properties, optional), out);
        } catch (IllegalStateException e) {
            err.println("up: " + e.getMessage());
            return 1;
        }
        out.println("ChartBrief is up. Ctrl-C stops everything.");
        out.flush();
        return runUntilStopped(session, err, "up");
    }

    /** The outbound service's settings for {@code --mdm-to HOST:PORT}. */
    static Map<String, String> mdmTarget(String target) {
        int colon = target.lastIndexOf(':');
        String host = colon > 0 ? target.substring(0, colon).trim() : "";
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(target.substring(colon + 1).trim()) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("--mdm-to wants HOST:PORT of an MLLP listener (e.g. localhost:6661), not '"
                    + target + "'");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("chartbrief.outbound.mdm.enabled", "true");
        settings.put("chartbrief.outbound.mdm.host", host);
        settings.put("chartbrief.outbound.mdm.port", Integer.toString(port));
        return settings;
    }

    /**
     * Blocks until a signal stopped the stack (0) or a component without a surviving instance died (1, the rest is
     * stopped). A dead replica whose service still runs elsewhere is reported once and the stack goes on.
     */
    static int runUntilStopped(StackSession session, PrintWriter err, String command) throws InterruptedException {
        Set<String> reported = new HashSet<>();
        while (!session.awaitStopped(1000)) {
            if (session.isStopped()) {
                break;
            }
            List<String> gone = session.unavailable();
            if (!gone.isEmpty()) {
                err.println(command + ": " + String.join(", ", session.failed())
                        + " stopped unexpectedly; see its log. Stopping the rest.");
                err.flush();
                session.close();
                return 1;
            }
            for (String replica : session.failed()) {
                if (reported.add(replica)) {
                    err.println(command + ": " + replica + " stopped unexpectedly (see its log); the other"
                            + " instances of its service go on.");
                    err.flush();
                }
            }
        }
        return 0;
    }
}
