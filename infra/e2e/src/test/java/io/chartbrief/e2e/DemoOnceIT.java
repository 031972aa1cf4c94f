package io.chartbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The acceptance check of the local stack: {@code ./chartbrief demo --once} from the built artifacts starts
 * Kafka, PostgreSQL and the four services, feeds the samples, and exits 0 only when every sample admission has a
 * verified summary in the inbox. Extractive engine (a model in models/ must not slow the build down).
 * Observed time on a 2-core machine: see docs/testing.md.
 */
class DemoOnceIT {

    /** Generous bound for the whole run, stack start included; the demo's own --timeout is below it. */
    private static final Duration BOUND = Duration.ofMinutes(12);
    private static final String DEMO_TIMEOUT = "8m";

    @Test
    void everySampleAdmissionReachesTheInboxWithAVerifiedSummary() throws Exception {
        Path runDir = Launcher.runDir("demo-run");
        Path log = runDir.resolveSibling("demo-run.log");
        List<String> args = new ArrayList<>(List.of("demo", "--once", "--no-build", "--engine", "extractive",
                "--timeout", DEMO_TIMEOUT, "--run-dir", runDir.toString()));
        args.addAll(Launcher.portOptions(Launcher.freePorts()));
        long started = System.nanoTime();
        // The services log JSON lines here (as for a log collector); the PHI scan below reads them.
        Process demo = Launcher.start(log, args, Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"));
        List<ProcessHandle> seen = new ArrayList<>();
        long deadline = started + BOUND.toNanos();
        while (!demo.waitFor(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
            demo.toHandle().descendants().filter(d -> !seen.contains(d)).forEach(seen::add);
        }
        if (demo.isAlive()) {
            demo.destroy();
            demo.waitFor(60, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf("[e2e] chartbrief demo --once: exit %s after %d s (log %s)%n",
                demo.isAlive() ? "none" : demo.exitValue(), took.toSeconds(), log);

        assertThat(demo.exitValue()).as("demo --once exit status; output:%n%s", output).isZero();
        assertThat(took).isLessThan(BOUND);
        int admissions = sampleAdmissionCount();
        assertThat(output).contains("All " + admissions + " sample admissions have a verified summary in the inbox");
        List<String> items = output.lines().filter(l -> l.startsWith("INBOX ITEM ")).toList();
        assertThat(items).hasSize(admissions);
        for (String patient : List.of("DEMOPATIENT, MARGARET", "DEMOPATIENT, WALTER", "DEMOPATIENT, ROSA",
                "DEMOPATIENT, JAMES")) {
            assertThat(items).as("inbox item for %s", patient).anyMatch(l -> l.contains(patient));
        }
        assertThat(output.lines().filter(l -> l.startsWith("Verification: verified")).count()).isEqualTo(admissions);
        // Rosa's H&P (MDM^T02 sample) reaches her inbox item as located quotes: complaint, then the plan
        assertThat(output).contains("From the clinical notes\n  - Painful, red, swollen left leg for 3 days.  [DocumentReference/")
                .containsPattern("\n    from [^\n]*, chief-complaint, characters \\d+-\\d+\n");
        assertThat(output).contains("Inbox: http://localhost:").contains("log in as 'okafor'");
        // no patient name, record number, birth date or note text in any service log at INFO or above
        var markers = ServiceLogPhi.markers(Launcher.ROOT.resolve("infra/samples"));
        assertThat(markers).as("PHI markers read from the samples").contains("DEMOPATIENT").hasSizeGreaterThan(10);
        assertThat(Files.exists(runDir.resolve("logs/ingest.log"))).as("service logs under %s", runDir).isTrue();
        ServiceLogPhi.Scan scan = ServiceLogPhi.scan(runDir, markers);
        assertThat(scan.linesRead()).as("INFO+ JSON service log lines read").isGreaterThan(20);
        assertThat(scan.textLines()).as("service log lines in text format although JSON was asked for").isEmpty();
        assertThat(scan.leaks()).as("service log lines with patient data").isEmpty();
        // the stack was stopped by the demo itself
        for (ProcessHandle child : seen) {
            child.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(Launcher.processesUsing(runDir)).isEmpty();
    }

    /** Admissions in the samples: one per ADT^A01 file plus one per FHIR Bundle (infra/samples/README.md). */
    private static int sampleAdmissionCount() throws Exception {
        Path samples = Launcher.ROOT.resolve("infra/samples");
        try (Stream<Path> hl7 = Files.list(samples.resolve("hl7v2")); Stream<Path> fhir = Files.list(samples.resolve("fhir"))) {
            return (int) (hl7.filter(p -> p.getFileName().toString().startsWith("adt-a01-")).count()
                    + fhir.filter(p -> p.toString().endsWith(".json")).count());
        }
    }
}
