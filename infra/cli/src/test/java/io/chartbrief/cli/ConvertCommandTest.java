package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConvertCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ChartbriefCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void convertsTheSampleAdmissionToATransactionBundle() {
        int exit = run("convert", "--compact", Path.of("../samples/hl7v2/adt-a01-admission.hl7").toString());
        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        String json = out.toString().trim();
        assertThat(json.lines()).hasSize(1);
        assertThat(json).startsWith("{\"resourceType\":\"Bundle\"").contains("\"type\":\"transaction\"")
                .contains("\"resourceType\":\"Encounter\"").contains("\"resourceType\":\"AllergyIntolerance\"")
                .contains("J18.9");
    }

    @Test
    void feedTimeZoneReadsOffsetLessTimesAsThatFeedsLocalTime() throws IOException {
        Path adt = dir.resolve("adt.hl7");
        Files.writeString(adt, "MSH|^~\\&|ADT1|NORTH|CB|CB|20260701101500||ADT^A01^ADT_A01|TZ-1|P|2.5.1\r"
                + "EVN|A01|20260701101400\rPID|1||TZ1^^^NORTH^MR||TEST^TZ\r"
                + "PV1|1|I|4W||||||||||||||||V1^^^NORTH^VN|||||||||||||||||||||||||20260701100000\r");
        assertThat(run("convert", "--compact", "--feed-time-zone", "ADT1^NORTH=America/Denver", adt.toString()))
                .isZero();
        assertThat(out.toString()).contains("\"start\":\"2026-07-01T10:00:00-06:00\"");
        out.getBuffer().setLength(0);
        assertThat(run("convert", "--compact", "--time-zone", "Europe/Berlin", adt.toString())).isZero();
        assertThat(out.toString()).contains("\"start\":\"2026-07-01T10:00:00+02:00\"");
    }

    @Test
    void anUnknownTimeZoneIsAUsageError() {
        assertThat(run("convert", "--time-zone", "Mars/Olympus", "../samples/hl7v2/adt-a01-admission.hl7"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Mars/Olympus").contains("not a time zone id");
    }

    @Test
    void aBatchFileConvertsEveryMessage() throws IOException {
        String a04 = "MSH|^~\\&|ADT1|NORTH|CB|CB|20260701101500||ADT^A04^ADT_A04|BATCH-1|P|2.5.1\r"
                + "PID|1||B1^^^NORTH^MR||TEST^ONE\rPV1|1|O\r";
        String a08 = a04.replace("BATCH-1", "BATCH-2").replace("A04^ADT_A04", "A08^ADT_A01").replace("B1^", "B2^");
        Path batch = dir.resolve("batch.hl7");
        Files.writeString(batch, "FHS|^~\\&|ADT1\rBHS|^~\\&|ADT1\r" + a04 + a08 + "BTS|2\rFTS|1\r");
        assertThat(run("convert", "--compact", batch.toString())).isZero();
        assertThat(out.toString().trim().lines()).hasSize(2);
        assertThat(out.toString()).contains("\"value\":\"B1\"").contains("\"value\":\"B2\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void normalizesFhirJson() throws IOException {
        Path file = dir.resolve("patient.json");
        Files.writeString(file, "\uFEFF{\"resourceType\":\"Patient\",\"id\":\"p-1\",\"gender\":\"female\"}",
                StandardCharsets.UTF_8);
        assertThat(run("convert", file.toString())).isZero();
        assertThat(out.toString()).contains("\"type\": \"transaction\"").contains("\"url\": \"Patient/p-1\"");
    }

    @Test
    void rejectedFileGivesOneLineNamingItAndANonZeroExitWhileOthersStillConvert() throws IOException {
        Path bad = dir.resolve("bad.hl7");
        Files.writeString(bad, "MSH|^~\\&|A|B|C|D|20260101||ADT^A01||P|2.5.1\rPID|1||X^^^H^MR\r");
        int exit = run("convert", "--compact", bad.toString(), "../samples/hl7v2/oru-r01-chemistry.hl7");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(bad + ": rejected: MSH-10 (message control id) is empty");
        assertThat(out.toString()).contains("\"resourceType\":\"DiagnosticReport\"");
    }

    @Test
    void missingFileIsReportedWithoutAStackTrace() {
        int exit = run("convert", dir.resolve("nope.hl7").toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().trim()).endsWith("nope.hl7: cannot read: no such file");
    }

    @Test
    void invalidFhirIsRejectedWithItsReason() throws IOException {
        Path file = dir.resolve("obs.json");
        Files.writeString(file, "{\"resourceType\":\"Patient\",\"id\":\"p\",\"birthDate\":\"yesterday\"}");
        assertThat(run("convert", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith(file + ": rejected: ").contains("birthDate").doesNotContain("Exception");
    }
}
