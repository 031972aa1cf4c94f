package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.SummaryJson;
import io.chartbrief.summary.model.Verification;
import io.chartbrief.summary.model.VerificationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chartbrief verify}, in-process through picocli. The items used hold for any correct verifier: a potassium
 * of 5.9 stated as 9.9 and a reference to a resource that does not exist are contradicted; "Warfarin 5 mg" citing
 * the lisinopril order is not established by what it cites (unverifiable).
 */
class VerifyCommandTest {

    static final String CHART = SummarizeCommandTest.PATIENT_A;
    static final String P = SummarizeCommandTest.P;
    static final String POTASSIUM = "Observation/" + P + "50";
    static final String LISINOPRIL = "MedicationRequest/" + P + "30";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theExtractiveSummaryOfItsChartVerifiesUnchanged() throws Exception {
        PatientSummary summary = extractive();
        Path file = write("summary.json", SummaryJson.writePretty(summary));

        CliRun json = CliRun.of("verify", "--chart", CHART, "--summary", file.toString(), "--format", "json");

        assertThat(json.exit).as(json.err()).isZero();
        assertThat(json.err()).isEmpty();
        PatientSummary verified = SummaryJson.read(json.out());
        assertThat(verified.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(verified.verification().items()).isEqualTo(summary.verification().items());
        assertThat(verified.verification().dropped()).isEmpty();
        assertThat(verified.verification().unverified()).isEmpty();
        assertThat(verified.withVerification(null).withTimings(summary.timings()))
                .isEqualTo(summary.withVerification(null));
        assertThat(verified.schemaVersion()).isEqualTo(PatientSummary.SCHEMA_VERSION);

        CliRun text = CliRun.of("verify", "--chart", CHART, "--summary", file.toString());
        assertThat(text.exit).as(text.err()).isZero();
        assertThat(text.out()).contains("PATIENT SUMMARY  Patient/" + P + "01")
                .contains(SummaryText.EXTRACTIVE_NOTICE)
                .contains("  - Pneumonia (onset 2024-03-01)  [Condition/" + P + "10]")
                .contains("Verification: verified — 10 of 10 items supported\n")
                .doesNotContain(SummaryText.UNVERIFIED_HEADING);
    }

    @Test
    void aContradictedItemIsRemovedAndListedWithItsReason() throws Exception {
        PatientSummary draft = withItem(extractive(), "results", new SummaryItem("Potassium 9.9 mmol/L",
                List.of(POTASSIUM), null));
        Path file = write("summary.json", SummaryJson.writePretty(draft));

        CliRun json = CliRun.of("verify", "--chart", CHART, "--summary", file.toString(), "--format", "json");

        assertThat(json.exit).as(json.err()).isZero();
        PatientSummary verified = SummaryJson.read(json.out());
        Verification v = verified.verification();
        assertThat(v.status()).isEqualTo(VerificationStatus.PARTIALLY_VERIFIED);
        assertThat(v.items()).isEqualTo(11);
        assertThat(v.supported()).isEqualTo(10);
        assertThat(v.contradicted()).isEqualTo(1);
        assertThat(v.dropped()).singleElement().satisfies(item -> {
            assertThat(item.section()).isEqualTo("results");
            assertThat(item.text()).isEqualTo("Potassium 9.9 mmol/L");
            assertThat(item.evidence()).containsExactly(POTASSIUM);
            assertThat(item.reason()).isNotBlank();
        });
        assertThat(verified.results()).extracting(SummaryItem::text).noneMatch(t -> t.contains("9.9"));
        assertThat(verified.results()).hasSize(1);

        CliRun text = CliRun.of("verify", "--chart", CHART, "--summary", file.toString(), "--format", "text");
        assertThat(text.exit).isZero();
        // Contradicted items are never printed, only counted.
        assertThat(text.out()).doesNotContain("9.9").contains("10 of 11 items supported")
                .contains("1 removed as contradicted");
    }

    @Test
    void aReferenceToNothingInTheChartIsContradicted() throws Exception {
        PatientSummary draft = withItem(extractive(), "problems", new SummaryItem("Pneumonia", List.of("Condition/nope"),
                null));

        PatientSummary verified = verifyJson(draft);

        assertThat(verified.verification().dropped()).extracting(DroppedItem::evidence)
                .containsExactly(List.of("Condition/nope"));
        assertThat(verified.problems()).extracting(SummaryItem::evidence).noneMatch(e -> e.contains("Condition/nope"));
    }

    @Test
    void anUnverifiableItemIsTakenOutOfItsSectionAndNeverShownAsVerified() throws Exception {
        PatientSummary draft = withItem(extractive(), "medications", new SummaryItem("Warfarin 10 mg",
                List.of(LISINOPRIL), null));
        Path file = write("summary.json", SummaryJson.writePretty(draft));

        PatientSummary verified = SummaryJson.read(
                CliRun.of("verify", "--chart", CHART, "--summary", file.toString(), "--format", "json").out());
        Verification v = verified.verification();
        assertThat(verified.medications()).extracting(SummaryItem::text).containsExactly(
                "lisinopril 10 MG Oral Tablet (ordered 2020-06-01)");
        assertThat(v.status()).isEqualTo(VerificationStatus.PARTIALLY_VERIFIED);
        assertThat(v.supported()).isEqualTo(10);
        assertThat(Stream.concat(v.dropped().stream(), v.unverified().stream()))
                .extracting(DroppedItem::text).containsExactly("Warfarin 10 mg");
        String text = CliRun.of("verify", "--chart", CHART, "--summary", file.toString()).out();
        String sections = text.substring(0, text.indexOf("Recommendations\n"));
        assertThat(sections).doesNotContain("Warfarin");

        // A term the cited resources lack is unverifiable: listed apart and labelled, never as verified.
        assertThat(v.unverifiable()).isEqualTo(1);
        assertThat(v.unverified()).singleElement().satisfies(item -> {
            assertThat(item.section()).isEqualTo("medications");
            assertThat(item.evidence()).containsExactly(LISINOPRIL);
        });
        String block = text.substring(text.indexOf(SummaryText.UNVERIFIED_HEADING));
        assertThat(block).contains("  - (Medications) Warfarin 10 mg  [" + LISINOPRIL + "]\n    not verified: ");
        assertThat(text).contains("1 not verifiable (listed above)");
    }

    @Test
    void aPreviousVerificationIsRecomputedAndItsRemovedItemsAreNotRechecked() throws Exception {
        PatientSummary stale = withItem(extractive(), "results",
                new SummaryItem("Potassium 9.9 mmol/L", List.of(POTASSIUM), null));
        // Claims to be verified, and carries an item an earlier run removed.
        DroppedItem earlier = new DroppedItem("problems", "Asthma", List.of("Condition/" + P + "10"), "earlier run");
        stale = stale.withVerification(Verification.of(11, List.of(), List.of(earlier)));

        PatientSummary verified = verifyJson(stale);

        assertThat(verified.verification().status()).isEqualTo(VerificationStatus.PARTIALLY_VERIFIED);
        assertThat(verified.verification().items()).isEqualTo(11);
        assertThat(verified.verification().dropped()).extracting(DroppedItem::text).containsExactly("Potassium 9.9 mmol/L");
        assertThat(verified.verification().unverified()).isEmpty();
        assertThat(verified.problems()).extracting(SummaryItem::text).noneMatch(t -> t.contains("Asthma"));
    }

    @Test
    void aSchemaOneSummaryIsReadAndWrittenBackAsSchemaOne() throws Exception {
        ObjectNode schema1 = (ObjectNode) JSON.readTree(SummaryJson.write(withItem(extractive(), "results",
                new SummaryItem("Potassium 9.9 mmol/L", List.of(POTASSIUM), null))));
        schema1.put("schemaVersion", 1);
        // A schema-1 verification block: no split of the unsupported items, no unverified list.
        schema1.set("verification", JSON.readTree("{\"items\":9,\"supported\":9,\"unsupported\":0,"
                + "\"status\":\"verified\",\"dropped\":[]}"));
        Path file = write("schema1.json", schema1.toString());

        CliRun run = CliRun.of("verify", "--chart", CHART, "--summary", file.toString(), "--format", "json");

        assertThat(run.exit).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(out.path("verification").path("status").asText()).isEqualTo("partially-verified");
        assertThat(out.path("verification").path("contradicted").asInt()).isEqualTo(1);
        assertThat(out.path("results")).hasSize(1);
        assertThat(out.path("problems").get(0).has("claim")).isFalse();
    }

    @Test
    void theSummarizersStoredSummaryAnswerIsReadToo() throws Exception {
        ObjectNode answer = JSON.createObjectNode().put("requestId", "7f0c").put("status", "verified");
        answer.set("summary", JSON.readTree(SummaryJson.write(withItem(extractive(), "results",
                new SummaryItem("Potassium 9.9 mmol/L", List.of(POTASSIUM), null)))));

        PatientSummary verified = verifyJson(answer.toString());

        assertThat(verified.verification().contradicted()).isEqualTo(1);
        assertThat(verified.results()).hasSize(1);
    }

    @Test
    void unreadableInputIsOneLineAndExitOne() throws Exception {
        String summary = write("summary.json", SummaryJson.writePretty(extractive())).toString();
        Path junk = write("junk.json", "this is { not json");
        Path bundle = Path.of(CHART);
        Path array = write("array.json", "[1, 2]");
        Path notSummary = write("other.json", "{\"name\": \"not a summary\"}");
        Path future = write("future.json", "{\"schemaVersion\": 9, \"patient\": \"Patient/x\"}");
        Path badShape = write("shape.json", "{\"schemaVersion\": 2, \"patient\": \"Patient/" + P + "01\","
                + " \"problems\": 42}");
        Path otherPatient = write("other-patient.json",
                SummaryJson.write(extractive()).replace("Patient/" + P + "01", "Patient/someone-else"));
        Path otherEncounter = write("other-encounter.json",
                SummaryJson.write(extractive()).replace("Encounter/" + P + "20", "Encounter/nope"));

        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", dir.resolve("absent.json").toString()),
                "absent.json: cannot read: no such file");
        expectOneLine(CliRun.of("verify", "--chart", dir.resolve("absent.json").toString(), "--summary", summary),
                "absent.json: cannot read: no such file");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", junk.toString()), "junk.json: not JSON");
        expectOneLine(CliRun.of("verify", "--chart", junk.toString(), "--summary", summary), "junk.json: not JSON");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", bundle.toString()),
                "patient-a.json: not a summary (a FHIR Bundle; verify reads the summary JSON, e.g. from summarize "
                        + "--format json)");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", array.toString()),
                "array.json: not a summary (not a JSON object)");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", notSummary.toString()),
                "other.json: not a summary (no schemaVersion)");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", future.toString()),
                "future.json: unsupported schemaVersion 9 (this version reads 1 to 2)");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", badShape.toString()),
                "shape.json: not a summary (unexpected value at problems)");
        expectOneLine(CliRun.of("verify", "--chart", summary, "--summary", summary),
                "summary.json: not a patient Bundle (resourceType missing)");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", otherPatient.toString()),
                "patient-a.json: patient not in chart: Patient/someone-else");
        expectOneLine(CliRun.of("verify", "--chart", CHART, "--summary", otherEncounter.toString()),
                "patient-a.json: encounter not in chart: Encounter/nope");
    }

    @Test
    void usageErrorsExitTwo() {
        String summary = "summary.json";
        assertThat(CliRun.of("verify").exit).isEqualTo(2);
        assertThat(CliRun.of("verify", "--chart", CHART).exit).isEqualTo(2);
        assertThat(CliRun.of("verify", "--summary", summary).exit).isEqualTo(2);
        CliRun format = CliRun.of("verify", "--chart", CHART, "--summary", summary, "--format", "fhir");
        assertThat(format.exit).isEqualTo(2);
        assertThat(format.err()).contains("--format");
        assertThat(CliRun.of("verify", "--chart", CHART, "--summary", summary, "extra").exit).isEqualTo(2);
    }

    @Test
    void helpListsTheCommand() {
        CliRun top = CliRun.of("--help");
        assertThat(top.exit).isZero();
        assertThat(top.out()).contains("verify");
        CliRun help = CliRun.of("verify", "--help");
        assertThat(help.exit).isZero();
        assertThat(help.out()).contains("--chart=BUNDLE.json", "--summary=SUMMARY.json", "Exit status:");
    }

    @Test
    void anUnknownCommandWithHelpIsAUsageError() {
        CliRun run = CliRun.of("nosuch", "--help");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err()).contains("'nosuch'");
        assertThat(run.out()).isEmpty();
        // Same as without --help; and help for a command that parses still works.
        assertThat(CliRun.of("nosuch").exit).isEqualTo(2);
        assertThat(CliRun.of("--help", "nosuch").exit).isEqualTo(2);
        assertThat(CliRun.of("verify", "--help", "--bogus").exit).isEqualTo(2);
        assertThat(CliRun.of("help", "nosuch").exit).isEqualTo(2);
        assertThat(CliRun.of("help", "verify").exit).isZero();
    }

    private PatientSummary verifyJson(PatientSummary draft) throws Exception {
        return verifyJson(SummaryJson.writePretty(draft));
    }

    private PatientSummary verifyJson(String draft) throws Exception {
        Path file = write("draft.json", draft);
        CliRun run = CliRun.of("verify", "--chart", CHART, "--summary", file.toString(), "--format", "json");
        assertThat(run.exit).as(run.err()).isZero();
        return SummaryJson.read(run.out());
    }

    private static void expectOneLine(CliRun run, String ending) {
        assertThat(run.exit).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).as(run.err()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("chartbrief verify: ").contains(ending).doesNotContain("Exception", "\tat "));
    }

    /** The extractive summary of the test chart, as {@code summarize --engine extractive} makes it. */
    static PatientSummary extractive() throws Exception {
        return Summarizer.extractiveOnly().summarize(new PatientBundles().load(Path.of(CHART), null));
    }

    static PatientSummary withItem(PatientSummary summary, String section, SummaryItem extra) {
        return summary.withSections((name, items) -> {
            if (!name.equals(section)) {
                return items;
            }
            List<SummaryItem> more = new ArrayList<>(items);
            more.add(extra);
            return more;
        });
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
