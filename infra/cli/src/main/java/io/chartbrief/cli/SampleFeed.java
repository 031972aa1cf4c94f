package io.chartbrief.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the samples the way a hospital would: HL7 v2 over MLLP (one ACK each), FHIR Bundles to the REST intake, in
 * {@link SampleAdmissions#feedOrder()} (notes and results before the admissions that trigger the summaries).
 */
final class SampleFeed {

    private SampleFeed() {
    }

    /**
     * Sends every sample and prints one line per file.
     *
     * @return the files the target did not accept, each with its answer (empty when all were accepted)
     */
    static List<String> send(SampleAdmissions samples, Path samplesDir, String mllpHostPort, String fhirUrl,
            PrintWriter out) throws ReplaySender.UnreachableException {
        List<String> refused = new ArrayList<>();
        ReplaySender mllp = null;
        ReplaySender rest = null;
        try {
            for (Path file : samples.feedOrder()) {
                if (file.getFileName().toString().endsWith(".json")) {
                    rest = rest != null ? rest : new FhirRestReplaySender(fhirUrl, null, 30);
                    report(file, samplesDir, "POST " + fhirUrl, rest.send(file), out, refused);
                } else {
                    mllp = mllp != null ? mllp : new MllpReplaySender(ReplaySender.HostPort.parse(mllpHostPort), 30);
                    report(file, samplesDir, "MLLP " + mllpHostPort, mllp.send(file), out, refused);
                }
            }
        } finally {
            close(mllp);
            close(rest);
        }
        return refused;
    }

    private static void close(ReplaySender sender) {
        if (sender != null) {
            sender.close();
        }
    }

    private static void report(Path file, Path samplesDir, String via, ReplaySender.Outcome outcome, PrintWriter out,
            List<String> refused) {
        String name = samplesDir.relativize(file).toString();
        out.printf("  %-46s %-28s %s%s%n", name, via, outcome.code(), outcome.detail().isEmpty() ? "" : " " + outcome.detail());
        out.flush();
        if (!ReplaySender.isAccepted(outcome.code()) || "skipped".equals(outcome.code())) {
            refused.add(name + " (" + outcome.code() + (outcome.detail().isEmpty() ? "" : ": " + outcome.detail()) + ")");
        }
    }
}
