package io.chartbrief.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sends the samples the way a hospital would: HL7 v2 over MLLP (one ACK each), FHIR Bundles to the REST intake. */
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
        if (!samples.hl7Files().isEmpty()) {
            try (ReplaySender mllp = new MllpReplaySender(ReplaySender.HostPort.parse(mllpHostPort), 30)) {
                for (Path file : samples.hl7Files()) {
                    report(file, samplesDir, "MLLP " + mllpHostPort, mllp.send(file), out, refused);
                }
            }
        }
        if (!samples.fhirFiles().isEmpty()) {
            try (ReplaySender rest = new FhirRestReplaySender(fhirUrl, null, 30)) {
                for (Path file : samples.fhirFiles()) {
                    report(file, samplesDir, "POST " + fhirUrl, rest.send(file), out, refused);
                }
            }
        }
        return refused;
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
