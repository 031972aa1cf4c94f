package io.chartbrief.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief replay}: sends files to a running ChartBrief (or any MLLP/FHIR receiver) the way a hospital
 * interface engine would, and reports what came back per file and in total.
 */
@Command(name = "replay",
        description = "Send HL7 v2 files over MLLP, FHIR files to the REST endpoint, or either to the Kafka inbound topics.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every file accepted (AA / 2xx / written)", "1:at least one file not accepted",
                "2:usage error", "3:the target could not be reached"})
final class ReplayCommand implements Callable<Integer> {

    static final class Target {
        @Option(names = "--mllp", paramLabel = "HOST:PORT", description = "HL7 v2 over MLLP, one message in flight")
        String mllp;

        @Option(names = "--fhir", paramLabel = "URL", description = "FHIR REST base, e.g. http://localhost:8081/fhir/r4")
        String fhir;

        @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (ehr.hl7v2.inbound / ehr.fhir.inbound)")
        String kafka;
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token for --fhir (or env CHARTBRIEF_TOKEN)")
    String token;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Per-message timeout (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files, or directories searched recursively")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> absent = paths.stream().filter(p -> !Files.exists(p)).toList();
        if (!absent.isEmpty()) {
            err.println("replay: no such file or directory: " + String.join(", ", absent.stream().map(Path::toString).toList()));
            return 2;
        }
        List<Path> files;
        try {
            files = expand(paths);
        } catch (IOException e) {
            err.println("replay: cannot list input: " + e.getMessage());
            return 2;
        }
        if (files.isEmpty()) {
            err.println("replay: no files found");
            return 2;
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        ProgressLine progress = new ProgressLine(err, files.size());
        try (ReplaySender sender = ReplaySender.open(target, token == null ? System.getenv("CHARTBRIEF_TOKEN") : token,
                timeoutSeconds)) {
            int done = 0;
            for (Path file : files) {
                ReplaySender.Outcome outcome = sender.send(file);
                outcomes.merge(outcome.code(), 1, Integer::sum);
                out.println(file + ": " + outcome.code() + (outcome.detail().isEmpty() ? "" : " " + outcome.detail()));
                out.flush();
                progress.update(++done);
            }
        } catch (ReplaySender.UnreachableException e) {
            progress.clear();
            err.println("replay: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
        progress.clear();
        StringBuilder summary = new StringBuilder("replayed " + files.size() + " file(s):");
        outcomes.forEach((code, count) -> summary.append(' ').append(code).append('=').append(count));
        out.println(summary);
        boolean allAccepted = outcomes.keySet().stream().allMatch(ReplaySender::isAccepted);
        return allAccepted ? 0 : 1;
    }

    private static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    /** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
    private static final class ProgressLine {
        private final PrintWriter err;
        private final int total;
        private final boolean terminal = System.console() != null;

        ProgressLine(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        void update(int done) {
            if (!terminal) {
                return;
            }
            int width = 30;
            int filled = (int) ((long) done * width / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
            err.flush();
        }

        void clear() {
            if (terminal) {
                err.print("\r" + " ".repeat(50) + "\r");
                err.flush();
            }
        }
    }
}
