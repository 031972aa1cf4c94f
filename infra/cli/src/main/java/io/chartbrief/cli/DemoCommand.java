package io.chartbrief.cli;

import io.chartbrief.cli.stack.LocalStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief demo}: {@code up}, then the project's sample patients fed as a hospital would send them, then
 * each admission summary printed as it reaches the clinician inbox. {@code --once} is the end-to-end check: exit 0
 * when every sample admission has a verified inbox item, 1 with the missing ones after the timeout.
 */
@Command(name = "demo",
        description = {"Start ChartBrief (as 'up'), feed the sample patients, and print each admission summary as it "
                + "reaches the inbox.", "Without --once it keeps running until Ctrl-C."},
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:--once: every sample admission has a verified inbox item",
                "1:could not start, a sample was refused, a component died, or (--once) the timeout passed",
                "2:usage error", "130:stopped by Ctrl-C (SIGINT); 143: by SIGTERM"})
final class DemoCommand implements Callable<Integer> {

    /** What the chart waits after an admission before requesting its summary, in the demo (default 30 s). */
    static final String SETTLE_WINDOW_KEY = "chartbrief.chart.trigger.settle-window";

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--once", description = "Exit when every sample admission has a verified summary in the inbox")
    boolean once;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "With --once: give up after this long from the start of the feed (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--settle-window", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Chart's wait between an admission and its summary request (default ${DEFAULT-VALUE}; the service default is 30s)")
    Duration settleWindow;

    @Option(names = "--engine", paramLabel = "auto|llama|extractive", defaultValue = "auto",
            description = "Summary engine: auto = MedGemma when a model is in the models directory (default ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Where models are (default: env CHARTBRIEF_MODELS, else models/)")
    Path modelsDir;

    @Option(names = "--samples", paramLabel = "DIR", description = "Sample directory (default: infra/samples)")
    Path samplesDir;

    @Option(names = "--login", defaultValue = "okafor", description = "Demo clinician to suggest (default ${DEFAULT-VALUE})")
    String login;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path home = StackSession.home();
        Path samplesPath = samplesDir != null ? samplesDir.toAbsolutePath() : home.resolve("infra/samples");
        SampleAdmissions samples;
        try {
            samples = SampleAdmissions.read(samplesPath);
        } catch (IllegalStateException | IOException e) {
            err.println("demo: " + e.getMessage());
            return 1;
        }
        out.println("ChartBrief demo: " + samples.admissions().size() + " sample admissions from " + samplesPath);
        Map<String, String> summarizer = new HashMap<>();
        if (!engineSettings(summarizer, out, err)) {
            return 2;
        }
        if (!stack.replicasInRange()) {
            err.println("demo: --replicas wants 1 to 4, not " + stack.replicas);
            return 2;
        }
        Map<String, Map<String, String>> overrides = Map.of(
                "chart", Map.of(SETTLE_WINDOW_KEY, settleWindow.toMillis() + "ms"),
                "summarizer", summarizer);
        LocalStack.Settings settings = stack.settings(home, overrides);
        StackSession session;
        try {
            session = StackSession.start(settings, out);
        } catch (IllegalStateException e) {
            err.println("demo: " + e.getMessage());
            return 1;
        }
        try {
            return run(session, samples, samplesPath, settings, out, err);
        } finally {
            session.close();
        }
    }

    /** Sets the summarizer's engine/model properties and prints which engine the demo uses; false on a bad option. */
    private boolean engineSettings(Map<String, String> summarizer, PrintWriter out, PrintWriter err) {
        if (!List.of("auto", "llama", "extractive").contains(engine)) {
            err.println("demo: --engine must be auto, llama or extractive");
            return false;
        }
        Optional<Path> model = engine.equals("extractive") ? Optional.empty()
                : ModelFiles.findModel(ModelFiles.modelsDir(modelsDir));
        if (model.isPresent()) {
            summarizer.put("chartbrief.summarizer.model-path", model.get().toString());
            summarizer.put("chartbrief.summarizer.engine", "llama");
            out.println("Summaries: MedGemma " + model.get().getFileName() + " via llama.cpp (CPU: a summary can take minutes).");
        } else if (engine.equals("llama")) {
            err.println("demo: --engine llama but no *.gguf in " + ModelFiles.modelsDir(modelsDir)
                    + "; `./chartbrief model pull` gets MedGemma");
            return false;
        } else {
            summarizer.put("chartbrief.summarizer.engine", "extractive");
            out.println("Summaries: extractive engine (no language model); `./chartbrief model pull` gets MedGemma (docs/model.md).");
        }
        return true;
    }

    private int run(StackSession session, SampleAdmissions samples, Path samplesPath, LocalStack.Settings settings,
            PrintWriter out, PrintWriter err) throws Exception {
        long started = System.nanoTime();
        int ingest = settings.ports().get("ingest");
        String inboxUrl = "http://localhost:" + settings.ports().get("inbox") + "/";
        out.println("Feeding the samples:");
        List<String> refused;
        try {
            refused = SampleFeed.send(samples, samplesPath, "localhost:" + settings.ports().get("mllp"),
                    "http://localhost:" + ingest + "/fhir/r4", out);
        } catch (ReplaySender.UnreachableException e) {
            err.println("demo: " + e.getMessage() + "; logs in " + settings.runDir().resolve("logs"));
            return 1;
        }
        if (!refused.isEmpty()) {
            err.println("demo: ingest refused " + String.join(", ", refused) + "; see "
                    + settings.runDir().resolve("logs/ingest.log"));
            return 1;
        }
        InboxClient inbox = new InboxClient(inboxUrl);
        List<InboxClient.Clinician> clinicians;
        try {
            clinicians = inbox.loginAll();
        } catch (IOException e) {
            err.println("demo: cannot log in to the inbox at " + inboxUrl + ": " + describe(e) + "; see "
                    + settings.runDir().resolve("logs/inbox.log"));
            return 1;
        }
        out.println();
        out.println("Inbox: " + inboxUrl + "  — log in as '" + login + "' (" + clinicians.stream()
                .filter(c -> c.login().equals(login)).map(InboxClient.Clinician::name).findFirst().orElse("demo clinician")
                + "); other demo logins: " + String.join(", ", clinicians.stream().map(InboxClient.Clinician::login)
                .filter(l -> !l.equals(login)).toList()));
        out.println("Waiting for the admission summaries (chart settle window " + DurationConverter.format(settleWindow)
                + ", then the summarizer) ...");
        out.println();
        out.flush();
        return watch(session, inbox, samples, settings, started, out, err);
    }

    /** Prints each sample admission's inbox item as it arrives; with --once returns when all are verified. */
    private int watch(StackSession session, InboxClient inbox, SampleAdmissions samples, LocalStack.Settings settings,
            long started, PrintWriter out, PrintWriter err) throws Exception {
        Map<String, SampleAdmissions.Admission> expected = new LinkedHashMap<>();
        samples.admissions().forEach(a -> expected.put(a.encounter(), a));
        Set<String> printed = new HashSet<>();
        Map<String, String> verificationByEncounter = new HashMap<>();
        long deadline = started + timeout.toNanos();
        Instant feedStart = Instant.now().minus(elapsed(started));
        boolean announcedAll = false;
        while (!session.isStopped()) {
            // a dead replica is not fatal while another instance of its service runs
            if (!session.unavailable().isEmpty()) {
                err.println("demo: " + String.join(", ", session.failed()) + " stopped unexpectedly; see "
                        + settings.runDir().resolve("logs"));
                return 1;
            }
            try {
                for (InboxClient.Item item : inbox.items()) {
                    SampleAdmissions.Admission admission = expected.get(item.encounter());
                    if (admission == null || !printed.add(item.id())) {
                        continue;
                    }
                    verificationByEncounter.merge(item.encounter(), item.verification(),
                            (old, now) -> "verified".equals(old) ? old : now);
                    out.println("── " + arrival(item, feedStart, started) + " (" + admission.file().getFileName() + ") "
                            + "─".repeat(20));
                    out.println(InboxItemText.render(inbox.detail(item), admission.name()));
                    out.flush();
                }
            } catch (IOException e) {
                if (session.isStopped()) {
                    break;
                }
                err.println("demo: inbox not answering (" + describe(e) + "); retrying");
                err.flush();
            }
            List<SampleAdmissions.Admission> missing = expected.values().stream()
                    .filter(a -> !"verified".equals(verificationByEncounter.get(a.encounter()))).toList();
            if (missing.isEmpty() && !announcedAll) {
                announcedAll = true;
                out.println("All " + expected.size() + " sample admissions have a verified summary in the inbox ("
                        + DurationConverter.format(elapsed(started)) + " after the feed started).");
                if (once) {
                    out.flush();
                    return 0;
                }
                out.println("The stack keeps running: open the inbox, or send more with `./chartbrief replay`. Ctrl-C stops.");
                out.flush();
            }
            if (once && System.nanoTime() > deadline) {
                err.println("demo: after " + DurationConverter.format(timeout) + " no verified inbox item for "
                        + missing.size() + " of " + expected.size() + " sample admissions:");
                for (SampleAdmissions.Admission a : missing) {
                    String state = verificationByEncounter.get(a.encounter());
                    err.println("  " + a.name() + "  " + a.patient() + "  " + a.encounter() + "  ("
                            + a.file().getFileName() + "): " + (state == null ? "no inbox item" : "item is " + state));
                }
                err.println("Logs: " + settings.runDir().resolve("logs") + " (chart.log: triggers, summarizer.log, inbox.log)");
                return 1;
            }
            session.awaitStopped(2000);
        }
        return 0;
    }

    /** "summary in the inbox after 17 s", or when the item predates this run's feed (data of an earlier run) its time. */
    private static String arrival(InboxClient.Item item, Instant feedStart, long started) {
        try {
            Instant created = Instant.parse(item.json().path("createdAt").asText());
            if (created.isBefore(feedStart)) {
                return "summary already in the inbox (from an earlier run, " + created + ")";
            }
        } catch (DateTimeParseException e) {
            // no usable createdAt: report the time we saw it
        }
        return "summary in the inbox after " + DurationConverter.format(elapsed(started));
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
