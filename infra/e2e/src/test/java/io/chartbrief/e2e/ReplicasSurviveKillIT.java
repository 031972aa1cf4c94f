package io.chartbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 point 2: two instances each of chart, summarizer and inbox ({@code chartbrief up --replicas 2}) on one
 * broker and one database. Half the admissions go in, then one instance of each service is killed with SIGKILL
 * mid-run, then the other half: every admission still gets exactly one summary and one inbox item — none lost
 * to the dead instances' unfinished work, none doubled by the survivors redoing it or by two chart schedulers.
 */
class ReplicasSurviveKillIT {

    private static final int ADMISSIONS = 16;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Kafka's default session timeout (45 s) passes before a dead member's partitions move: allow for it. */
    private static final Duration SETTLED_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern READY = Pattern.compile("(?m)^\\s+(chart|summarizer|inbox)(-2)?\\s+ready\\s+http://localhost:(\\d+)");
    private static final List<String> KILLED = List.of("chart-2", "summarizer-2", "inbox-2");

    @Test
    void everyAdmissionHasOneSummaryAndOneInboxItemAfterOneInstanceOfEachIsKilled() throws Exception {
        Path runDir = Launcher.runDir("replicas-run");
        Path log = runDir.resolveSibling("replicas-run.log");
        Map<String, Integer> ports = Launcher.freePorts();
        List<String> args = new ArrayList<>(List.of("up", "--no-build", "--replicas", "2", "--run-dir", runDir.toString()));
        args.addAll(Launcher.portOptions(ports));
        // short settle window so summaries follow admissions within seconds, as in the demo
        Process up = Launcher.start(log, args, Map.of("CHARTBRIEF_CHART_TRIGGER_SETTLE_WINDOW", "3s"));
        try {
            awaitOutput(up, log, "ChartBrief is up.", READY_TIMEOUT);
            Map<String, Integer> httpPorts = readyPorts(Files.readString(log, StandardCharsets.UTF_8));
            assertThat(httpPorts).containsKeys("chart", "chart-2", "summarizer", "summarizer-2", "inbox", "inbox-2");
            String jdbc = "jdbc:postgresql://localhost:" + ports.get("postgres") + "/chartbrief";

            Path feed = Files.createDirectories(runDir.resolve("feed"));
            for (int i = 0; i < ADMISSIONS; i++) {
                String visit = "RK-V" + i;
                Files.writeString(feed.resolve(String.format("%02d-admission.hl7", i)),
                        admission("RK-" + i, "RK-MRN-" + i, visit), StandardCharsets.ISO_8859_1);
            }
            replay(runDir, ports.get("mllp"), feed, 0, ADMISSIONS / 2);
            // mid-run: some summaries are through, others still on their way through the dead instances
            awaitCount(jdbc, "SELECT count(*) FROM inbox.item", 1, Duration.ofMinutes(2));
            for (String name : KILLED) {
                ProcessHandle instance = instance(up, httpPorts.get(name)).orElseThrow(
                        () -> new AssertionError("no process for " + name + " in " + Launcher.processesUsing(runDir)));
                assertThat(instance.destroyForcibly()).as("SIGKILL %s", name).isTrue();
                instance.onExit().get(30, TimeUnit.SECONDS);
            }
            assertThat(up.isAlive()).as("up goes on while one instance of each service runs:%n%s",
                    Files.readString(log, StandardCharsets.UTF_8)).isTrue();
            replay(runDir, ports.get("mllp"), feed, ADMISSIONS / 2, ADMISSIONS);

            awaitCount(jdbc, "SELECT count(DISTINCT encounter) FROM inbox.item", ADMISSIONS, SETTLED_TIMEOUT);
            // give the survivors time to (wrongly) redo anything before counting duplicates
            Thread.sleep(10_000);
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                Map<String, Integer> summaries = perEncounter(db, "SELECT encounter, count(*) FROM summarizer.summary"
                        + " WHERE reason = 'admission' GROUP BY encounter");
                Map<String, Integer> items = perEncounter(db, "SELECT encounter, count(*) FROM inbox.item GROUP BY encounter");
                assertThat(summaries).as("summaries per encounter").hasSize(ADMISSIONS).allSatisfy((e, n) -> assertThat(n).as(e).isEqualTo(1));
                assertThat(items).as("inbox items per encounter").hasSize(ADMISSIONS).allSatisfy((e, n) -> assertThat(n).as(e).isEqualTo(1));
                assertThat(items.keySet()).isEqualTo(summaries.keySet());
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            for (String name : KILLED) {
                assertThat(output).contains(name + " stopped unexpectedly");
            }
        } finally {
            up.destroy();
            if (!up.waitFor(90, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
        assertThat(Launcher.processesUsing(runDir)).as("left running").isEmpty();
    }

    /** ADT^A01 of a new patient with a problem, an allergy and a vital sign: enough for a summary. */
    private static String admission(String controlId, String mrn, String visit) {
        return String.join("\r",
                "MSH|^~\\&|ADT1|RIVERSIDE|CHARTBRIEF|CB|20261201083000||ADT^A01^ADT_A01|" + controlId + "|P|2.5.1",
                "EVN|A01|20261201082900",
                "PID|1||" + mrn + "^^^RIVERSIDE^MR||REPLICA^TEST||19600101|F",
                "PV1|1|I|4WEST^401^A^RIVERSIDE||||1234^ATTENDING^ANNA|||MED||||7|||1234^ATTENDING^ANNA||"
                        + visit + "^^^RIVERSIDE^VN|||||||||||||||||||||||||20261201080000",
                "DG1|1||I10^Essential hypertension^I10||20261201|A",
                "AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives",
                "OBX|1|NM|8867-4^Heart rate^LN||88|/min^beats per minute^UCUM|60-100|N|||F") + "\r";
    }

    /** {@code chartbrief replay --mllp} of feed files [from, to): every one must be acknowledged AA. */
    private static void replay(Path runDir, int mllpPort, Path feed, int from, int to) throws Exception {
        Path batch = Files.createDirectories(runDir.resolve("batch-" + from));
        try (var files = Files.list(feed)) {
            List<Path> sorted = files.sorted().toList();
            for (Path file : sorted.subList(from, to)) {
                Files.copy(file, batch.resolve(file.getFileName()));
            }
        }
        Path replayLog = runDir.resolveSibling("replicas-replay-" + from + ".log");
        Process replay = Launcher.start(replayLog, List.of("replay", "--mllp", "localhost:" + mllpPort, batch.toString()));
        assertThat(replay.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(replayLog, StandardCharsets.UTF_8);
        assertThat(output).as(output).contains("replayed " + (to - from) + " file(s): AA=" + (to - from));
    }

    private static void awaitOutput(Process up, Path log, String line, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
            assertThat(up.isAlive()).as("chartbrief up exited early:%n%s", Files.readString(log, StandardCharsets.UTF_8)).isTrue();
            assertThat(System.nanoTime()).as("no '%s' after %s", line, timeout).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static Map<String, Integer> readyPorts(String output) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Matcher m = READY.matcher(output);
        while (m.find()) {
            ports.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Integer.parseInt(m.group(3)));
        }
        return ports;
    }

    /** The service JVM of the stack listening on this HTTP port. */
    private static Optional<ProcessHandle> instance(Process up, int httpPort) {
        return up.toHandle().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("-Dquarkus.http.port=" + httpPort + " ")).orElse(false))
                .findFirst();
    }

    private static void awaitCount(String jdbc, String query, int atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int count = -1;
        while (System.nanoTime() < deadline) {
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres");
                    Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                rows.next();
                count = rows.getInt(1);
            } catch (java.sql.SQLException notYet) {
                // table not migrated yet
            }
            if (count >= atLeast) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(query + " = " + count + " after " + timeout + ", expected at least " + atLeast);
    }

    private static Map<String, Integer> perEncounter(Connection db, String query) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                counts.put(String.valueOf(rows.getString(1)), rows.getInt(2));
            }
        }
        return counts;
    }
}
