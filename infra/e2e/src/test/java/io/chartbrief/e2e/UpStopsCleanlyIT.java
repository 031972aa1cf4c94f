package io.chartbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./chartbrief up} as a child process on free ports: the corpus HL7 v2 files replayed over MLLP get an ACK
 * code each and the stack stays up; the chart and summarizer APIs answer only tokens of the stack's key
 * ({@code chartbrief token}); ORU results go MLLP → Kafka → chart as one report per panel, times in the sender's
 * zone; then SIGINT (what Ctrl-C sends) stops it with no process left behind and every
 * port free again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpStopsCleanlyIT {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern ACK_LINE = Pattern.compile("^(.+): (AA|AE|AR|CA|CE|CR|no-ack|no-msa|skipped|unreadable)( .*)?$");

    private Path runDir;
    private Path log;
    private Map<String, Integer> ports;
    private Process up;
    private final List<ProcessHandle> descendants = new ArrayList<>();

    @BeforeAll
    void startUp() throws Exception {
        runDir = Launcher.runDir("up-run");
        log = runDir.resolveSibling("up-run.log");
        ports = Launcher.freePorts();
        List<String> args = new ArrayList<>(List.of("up", "--no-build", "--run-dir", runDir.toString()));
        args.addAll(Launcher.portOptions(ports));
        // the site's zone for HL7 times without an offset where MSH-7 has none either (issue 13 point 1)
        up = Launcher.start(log, args, Map.of("CHARTBRIEF_INGEST_HL7_DEFAULT_TIME_ZONE", "America/Chicago"));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!output().contains("ChartBrief is up.")) {
            assertThat(up.isAlive()).as("chartbrief up exited early:%n%s", output()).isTrue();
            assertThat(System.nanoTime()).as("not up after %s:%n%s", READY_TIMEOUT, output()).isLessThan(deadline);
            Thread.sleep(500);
        }
        up.toHandle().descendants().forEach(descendants::add);
        System.out.printf("[e2e] chartbrief up ready: pid %d, %d descendant processes%n", up.pid(), descendants.size());
    }

    @AfterAll
    void stopIfStillRunning() {
        if (up != null && up.isAlive()) {
            up.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    @Order(1)
    void replayingTheCorpusReportsAnAckPerFileAndTheStackStaysUp() throws Exception {
        Path corpus = Path.of(System.getProperty("chartbrief.corpus", Launcher.ROOT.resolve("../shared/corpus").toString()))
                .resolve("hl7v2");
        Assumptions.assumeTrue(Files.isDirectory(corpus),
                "HL7 v2 corpus absent at " + corpus + " (set -Dchartbrief.corpus=PATH): corpus replay skipped");
        long files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
        Path replayLog = runDir.resolveSibling("replay.log");
        Process replay = Launcher.start(replayLog, List.of("replay", "--mllp", "localhost:" + ports.get("mllp"),
                corpus.toString()));
        assertThat(replay.waitFor(5, TimeUnit.MINUTES)).as("replay finished").isTrue();
        List<String> lines = Files.readAllLines(replayLog, StandardCharsets.UTF_8);
        long acked = lines.stream().filter(l -> ACK_LINE.matcher(l).matches()).count();
        long answered = lines.stream().map(ACK_LINE::matcher).filter(Matcher::matches)
                .filter(m -> m.group(2).matches("A[AER]")).count();
        System.out.printf("[e2e] replay of %d corpus files: %s%n", files,
                lines.stream().filter(l -> l.startsWith("replayed ")).findFirst().orElse("(no summary line)"));

        assertThat(replay.exitValue()).as("replay exit status (0 all AA, 1 some AE/AR)").isIn(0, 1);
        assertThat(acked).as("one ACK line per file:%n%s", String.join("\n", lines)).isEqualTo(files);
        assertThat(answered).as("files answered with an HL7 ACK code").isEqualTo(files);
        assertThat(lines).anyMatch(l -> l.startsWith("replayed " + files + " file(s): "));
        assertThat(up.isAlive()).as("stack still up").isTrue();
        assertThat(descendants).allMatch(ProcessHandle::isAlive, "every stack process still running");
        assertThat(httpStatus("http://localhost:" + ports.get("ingest") + "/q/health/ready")).isEqualTo(200);
    }

    @Test
    @Order(2)
    void chartAndSummarizerApisAnswerOnlyTokensOfTheStackKey() throws Exception {
        String chart = "http://localhost:" + ports.get("chart") + "/patients?identifier=no-such-mrn";
        String summaries = "http://localhost:" + ports.get("summarizer") + "/summaries?patient=Patient/no-such-patient";
        String chartToken = token("chart");
        String summarizerToken = token("summarizer");
        assertThat(httpStatus(chart)).as("chart without a token").isEqualTo(401);
        assertThat(httpStatus(chart, chartToken)).as("chart with `chartbrief token chart`").isEqualTo(200);
        assertThat(httpStatus(summaries)).as("summarizer without a token").isEqualTo(401);
        assertThat(httpStatus(summaries, chartToken)).as("summarizer with a chart token").isEqualTo(401);
        assertThat(httpStatus(summaries, summarizerToken)).as("summarizer with its token").isEqualTo(200);
        assertThat(httpStatus("http://localhost:" + ports.get("chart") + "/q/health/ready")).isEqualTo(200);
    }

    /** {@code chartbrief token API --run-dir <the stack's>}: the token line. */
    private String token(String api) throws Exception {
        Path tokenLog = runDir.resolveSibling("token-" + api + ".log");
        Process token = Launcher.start(tokenLog, List.of("token", api, "--run-dir", runDir.toString()));
        assertThat(token.waitFor(2, TimeUnit.MINUTES)).as("chartbrief token finished").isTrue();
        List<String> lines = Files.readAllLines(tokenLog, StandardCharsets.UTF_8);
        assertThat(token.exitValue()).as("chartbrief token %s: %s", api, lines).isZero();
        return lines.get(lines.size() - 1).strip();
    }

    @Test
    @Order(3)
    void resultsGoThroughMllpKafkaAndTheChartAsOneReportPerPanelInTheSendersTime() throws Exception {
        String mrn = "E2E" + Long.toHexString(System.nanoTime()).toUpperCase();
        Path feed = Files.createDirectories(runDir.resolve("results-feed"));
        // CBC and BMP of one accession (same filler number); MSH-7 says -05:00, OBX-14 has no offset
        Files.writeString(feed.resolve("1-oru.hl7"), String.join("\r",
                "MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|20260301120000-0500||ORU^R01^ORU_R01|E2E-1-" + mrn + "|P|2.5.1",
                "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^RESULTS||19700214|F",
                "OBR|1|PL-" + mrn + "|FL-" + mrn + "|58410-2^CBC panel^LN|||20260301113000|||||||||||||||20260301115500|||F",
                "OBX|1|NM|718-7^Hemoglobin^LN||9.1|g/dL^^UCUM|12-16|L|||F|||20260301113000",
                "OBR|2|PL-" + mrn + "|FL-" + mrn + "|51990-0^Basic metabolic panel^LN|||20260301113000|||||||||||||||20260301115500|||F",
                "OBX|1|NM|2823-3^Potassium^LN||3.1|mmol/L^^UCUM|3.5-5.1|L|||F|||20260301113000") + "\r");
        // no offset anywhere: the site's zone (America/Chicago, standard time in January)
        Files.writeString(feed.resolve("2-oru.hl7"), String.join("\r",
                "MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|20260115120000||ORU^R01^ORU_R01|E2E-2-" + mrn + "|P|2.5.1",
                "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^RESULTS||19700214|F",
                "OBR|1|PL2-" + mrn + "|FL2-" + mrn + "|24331-1^Lipid panel^LN|||20260115113000|||||||||||||||20260115115500|||F",
                "OBX|1|NM|2093-3^Cholesterol^LN||212|mg/dL^^UCUM|<200|H|||F|||20260115113000") + "\r");
        Path replayLog = runDir.resolveSibling("replay-results.log");
        Process replay = Launcher.start(replayLog, List.of("replay", "--mllp", "localhost:" + ports.get("mllp"),
                feed.toString()));
        assertThat(replay.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(replayLog, StandardCharsets.UTF_8)).contains("replayed 2 file(s): AA=2");

        String jdbc = "jdbc:postgresql://localhost:" + ports.get("postgres") + "/chartbrief";
        Map<String, String> reports = Map.of();
        Map<String, String> results = Map.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            while (System.nanoTime() < deadline && (reports.size() < 3 || results.size() < 3)) {
                Thread.sleep(500);
                reports = byCode(db, mrn, "DiagnosticReport", "body->>'status'");
                results = byCode(db, mrn, "Observation", "body->>'effectiveDateTime'");
            }
        }
        assertThat(reports).as("one DiagnosticReport per OBR").containsOnlyKeys("58410-2", "51990-0", "24331-1");
        assertThat(results).containsEntry("718-7", "2026-03-01T11:30:00-05:00")
                .containsEntry("2823-3", "2026-03-01T11:30:00-05:00")
                .containsEntry("2093-3", "2026-01-15T11:30:00-06:00");
    }

    /** code → the given column, of the chart's resources of one type for the patient with this MRN. */
    private static Map<String, String> byCode(java.sql.Connection db, String mrn, String type, String column)
            throws java.sql.SQLException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var query = db.prepareStatement("SELECT body->'code'->'coding'->0->>'code', " + column
                + " FROM chart.resource WHERE resource_type = ? AND patient_id IN (SELECT patient_id FROM chart.resource"
                + " WHERE resource_type = 'Patient' AND body::text LIKE ?)")) {
            query.setString(1, type);
            query.setString(2, "%\"" + mrn + "\"%");
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (java.sql.SQLException notYet) {
            if (!"42P01".equals(notYet.getSQLState())) {
                throw notYet;
            }
        }
        return out;
    }

    @Test
    @Order(4)
    void sigintStopsEveryProcessAndFreesEveryPort() throws Exception {
        assertThat(up.isAlive()).isTrue();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        long started = System.nanoTime();

        assertThat(up.waitFor(90, TimeUnit.SECONDS)).as("chartbrief up exits after SIGINT:%n%s", output()).isTrue();
        System.out.printf("[e2e] chartbrief up stopped %d ms after SIGINT (exit %d)%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), up.exitValue());
        assertThat(up.exitValue()).as("exit status after SIGINT (128 + 2, as documented by `up --help`)").isEqualTo(130);
        for (ProcessHandle child : descendants) {
            child.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
        assertThat(Launcher.processesUsing(runDir)).as("processes still using the run directory").isEmpty();
        List<Integer> busy = ports.values().stream().filter(p -> !Launcher.portFree(p)).toList();
        assertThat(busy).as("ports still in use").isEmpty();
        assertThat(output()).contains("postgres    stopping");
    }

    private String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static int httpStatus(String url) throws Exception {
        return httpStatus(url, null);
    }

    private static int httpStatus(String url, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
