package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.DeadLetterHeaders;
import io.chartbrief.interop.event.DeadLetterStage;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.IsolatedKafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chartbrief dlq list|show|replay} against a real in-process KRaft broker. */
class DlqCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PHI = "DOE^JANE^Q";

    private static IsolatedKafkaBrokerResource resource;
    private static String kafka;
    private static KafkaTestClient client;

    @BeforeAll
    static void startBroker() {
        resource = new IsolatedKafkaBrokerResource();
        kafka = resource.start().get("kafka.bootstrap.servers");
        client = new KafkaTestClient(kafka);
    }

    @AfterAll
    static void stopBroker() {
        client.close();
        resource.stop();
    }

    @Test
    void listFiltersByStageReasonAndTimeAndPrintsNoKeysOrValues() throws Exception {
        String stage = unique("stage");
        String topic = unique("topic");
        String first = deadLetter(topic, "Patient/p1", "PID|1||" + PHI, stage, "invalid JSON");
        String second = deadLetter(topic, "Patient/p2", "PID|1||" + PHI, stage, "unknown patient: Patient/x");
        String other = deadLetter(topic, "Patient/p3", "x", unique("other"), "invalid JSON");

        CliRun all = dlq("list", "--stage", stage);
        assertThat(all.exit).as(all.err()).isZero();
        assertThat(rows(all)).containsExactly(first, second);
        assertThat(all.out()).contains(stage).contains(topic + "/0@").contains("invalid JSON")
                .doesNotContain(PHI).doesNotContain("Patient/p1").doesNotContain(other + " ");

        assertThat(rows(dlq("list", "--stage", stage, "--reason", "UNKNOWN PATIENT"))).containsExactly(second);
        assertThat(rows(dlq("list", "--stage", stage, "--since", "1h"))).containsExactly(first, second);
        assertThat(rows(dlq("list", "--stage", stage, "--since", "2100-01-01"))).isEmpty();
        assertThat(rows(dlq("list", "--stage", stage, "--until", "2000-01-01T00:00:00Z"))).isEmpty();
        assertThat(rows(dlq("list", "--stage", stage, "--limit", "1"))).containsExactly(second);

        CliRun json = dlq("list", "--stage", stage, "--format", "json");
        assertThat(json.exit).isZero();
        List<JsonNode> lines = json.out().lines().map(DlqCommandTest::parse).toList();
        assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly(first, second);
        assertThat(lines.get(0).get("originalTopic").asText()).isEqualTo(topic);
        assertThat(lines.get(0).get("stage").asText()).isEqualTo(stage);
        assertThat(lines.get(0).get("redriven").asBoolean()).isFalse();
        assertThat(json.out()).doesNotContain(PHI);
    }

    @Test
    void listShortensLongReasonsToOneLine() throws Exception {
        String stage = unique("stage");
        String id = deadLetter(unique("topic"), "k", "v", stage, "mdm: rejected\nby the receiver " + "x".repeat(300));
        CliRun run = dlq("list", "--stage", stage);
        String row = run.out().lines().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
        assertThat(row).contains("mdm: rejected by the receiver").endsWith("…").doesNotContain("x".repeat(150));
    }

    @Test
    void showPrintsHeadersAndValue() throws Exception {
        String stage = unique("stage");
        String id = deadLetter(unique("topic"), "Patient/p1", "MSH|^~\\&|A\rPID|1||" + PHI, stage, "invalid JSON");
        CliRun run = dlq("show", id);
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.out()).contains("ehr.dlq record " + id + " (the value below may contain PHI)")
                .contains("key: Patient/p1")
                .contains("  chartbrief.source.format: hl7v2")
                .contains("  chartbrief.dlq.stage: " + stage)
                .contains("  chartbrief.dlq.reason: invalid JSON")
                .contains("re-driven: no")
                .contains("MSH|^~\\&|A\nPID|1||" + PHI);
        assertThat(dlq("show", "--help").out()).contains("MAY CONTAIN PHI");
    }

    @Test
    void replayLandsOnTheOriginalTopicOnceUnlessForced() throws Exception {
        String stage = unique("stage");
        String topic = unique("topic");
        String id = deadLetter(topic, "Patient/p1", "{\"resourceType\":\"Bundle\"}", stage, "invalid JSON");

        CliRun replay = dlq("replay", id);
        assertThat(replay.exit).as(replay.err()).isZero();
        assertThat(replay.out()).contains(id + ": re-driven to " + topic + "/0@1").contains("re-driven 1, skipped 0, failed 0");
        List<ConsumerRecord<String, String>> onTopic = client.consumeAll(topic, WAIT);
        assertThat(onTopic).hasSize(2);
        ConsumerRecord<String, String> original = onTopic.get(0);
        ConsumerRecord<String, String> redriven = onTopic.get(1);
        assertThat(redriven.key()).isEqualTo(original.key());
        assertThat(redriven.value()).isEqualTo(original.value());
        assertThat(KafkaTestClient.header(redriven, EventHeaders.REDRIVE_OF)).isEqualTo(id);
        assertThat(KafkaTestClient.header(redriven, EventHeaders.REDRIVE_AT)).isNotBlank();
        assertThat(headerNames(redriven)).noneMatch(n -> n.startsWith("chartbrief.dlq."));
        assertThat(headers(redriven)).containsAllEntriesOf(headers(original));

        CliRun again = dlq("replay", id);
        assertThat(again.exit).isZero();
        assertThat(again.out()).contains(id + ": skipped, re-driven at ").contains(" as " + topic + "/0@1")
                .contains("re-driven 0, skipped 1, failed 0");
        assertThat(client.consumeAll(topic, WAIT)).hasSize(2);
        assertThat(dlq("list", "--stage", stage).out()).containsPattern(id + " .* yes ");
        assertThat(dlq("show", id).out()).contains("re-driven: at ");

        CliRun forced = dlq("replay", "--force", id);
        assertThat(forced.exit).isZero();
        assertThat(forced.out()).contains(id + ": re-driven to " + topic + "/0@2");
        assertThat(client.consumeAll(topic, WAIT)).hasSize(3);
    }

    @Test
    void aLedgerEntryOfAnEarlierDlqWithTheSameIdDoesNotBlockAReplay() throws Exception {
        String topic = unique("topic");
        String stale = deadLetter(topic, "Patient/s", "s", unique("stage"), "r");
        String handWritten = deadLetter(topic, "Patient/h", "h", unique("stage"), "r");
        // As if ehr.dlq had been deleted and made again: the id was re-driven once, but for another record.
        client.send(Topics.DLQ_REDRIVES, stale, "{\"dlqId\":\"" + stale + "\",\"original\":\"gone/0@5\","
                + "\"topic\":\"gone\",\"partition\":0,\"offset\":9,\"at\":\"2026-01-01T00:00:00Z\"}");
        // Written by hand, without the original: it counts (skipping is the safe side).
        client.send(Topics.DLQ_REDRIVES, handWritten, "not json");

        CliRun run = dlq("replay", stale, handWritten);
        assertThat(run.out()).contains(stale + ": re-driven to " + topic)
                .contains(handWritten + ": skipped, re-driven at ? as ?/-1@-1");
        assertThat(run.exit).isZero();
    }

    @Test
    void replayByStageWithDryRunSendsNothing() throws Exception {
        String stage = unique("stage");
        String topic = unique("topic");
        String a = deadLetter(topic, "Patient/a", "a", stage, "invalid JSON");
        String b = deadLetter(topic, "Patient/b", "b", stage, "unknown patient");

        CliRun dry = dlq("replay", "--stage", stage, "--dry-run");
        assertThat(dry.exit).as(dry.err()).isZero();
        assertThat(dry.out()).contains(a + ": would re-drive to " + topic).contains(b + ": would re-drive to " + topic)
                .contains("dry run, would re-drive 2, skipped 0, failed 0");
        assertThat(client.consumeAll(topic, WAIT)).hasSize(2);
        assertThat(dlq("list", "--stage", stage).out()).doesNotContain(" yes ");

        CliRun narrowed = dlq("replay", "--stage", stage, "--reason", "unknown");
        assertThat(narrowed.exit).isZero();
        assertThat(narrowed.out()).contains(b + ": re-driven").doesNotContain(a + ":");
        assertThat(client.consumeAll(topic, WAIT)).extracting(ConsumerRecord::key)
                .containsExactly("Patient/a", "Patient/b", "Patient/b");
    }

    @Test
    void aRecordWithoutOriginalTopicFails() {
        String stage = unique("stage");
        RecordMetadata sent = client.send(Topics.DLQ, "k", "v", Map.of(EventHeaders.DLQ_STAGE, stage));
        CliRun run = dlq("replay", "--stage", stage);
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out()).contains(sent.partition() + ":" + sent.offset() + ": failed, the record names no original topic");
    }

    @Test
    void badIdsAreAUsageErrorOrAFailure() throws Exception {
        deadLetter(unique("topic"), "k", "v", unique("stage"), "r"); // the DLQ exists
        CliRun malformed = dlq("show", "abc");
        assertThat(malformed.exit).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("dlq show: not a DLQ record id (PARTITION:OFFSET, e.g. 0:42): 'abc'\n");

        CliRun absent = dlq("show", "0:999999");
        assertThat(absent.exit).isEqualTo(1);
        assertThat(absent.err()).isEqualTo("dlq show: no ehr.dlq record 0:999999\n");
        assertThat(dlq("show", "7:0").exit).isEqualTo(1);

        CliRun replay = dlq("replay", "0:999999");
        assertThat(replay.exit).isEqualTo(1);
        assertThat(replay.out()).contains("0:999999: failed, no such ehr.dlq record");
        assertThat(dlq("replay", "x:1").exit).isEqualTo(2);
    }

    @Test
    void helpNamesTheStagesTheServicesWrite() {
        assertThat(dlq("list", "--help").out().replaceAll("\\s+", " "))
                .contains("normalize-hl7v2, normalize-fhir, chart-apply, summarize, inbox, outbound");
    }

    @Test
    void replayNeedsIdsOrAStageButNotBoth() {
        CliRun none = dlq("replay");
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.err()).isEqualTo("dlq replay: give record ids, or --stage to select by stage\n");
        assertThat(dlq("replay", "--stage", "inbox", "0:1").exit).isEqualTo(2);
        assertThat(dlq("replay", "--reason", "x", "0:1").exit).isEqualTo(2);
        assertThat(dlq("list", "--since", "yesterday").exit).isEqualTo(2);
    }

    @Test
    void anUnreachableBrokerExitsWithStatus3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        for (String[] args : List.of(new String[] {"list"}, new String[] {"show", "0:1"}, new String[] {"replay", "0:1"})) {
            CliRun run = CliRun.of(concat(args, "--kafka", "localhost:" + port, "--timeout", "2"));
            assertThat(run.exit).as(String.join(" ", args)).isEqualTo(3);
            assertThat(run.err()).startsWith("dlq " + args[0] + ": Kafka at localhost:" + port)
                    .endsWith("is the broker up?\n");
            assertThat(run.err().lines()).hasSize(1);
        }
    }

    @Test
    void kafkaConfigIsAppliedToTheClients(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.properties"), "security.protocol=CARRIER_PIGEON\n");
        CliRun refused = dlq("list", "--kafka-config", bad.toString());
        assertThat(refused.exit).isEqualTo(2);
        assertThat(refused.err()).startsWith("dlq list: cannot use Kafka at '" + kafka + "'").contains("CARRIER_PIGEON");

        Path good = Files.writeString(dir.resolve("good.properties"), "security.protocol=PLAINTEXT\n");
        assertThat(dlq("list", "--kafka-config", good.toString()).exit).isZero();

        CliRun missing = dlq("list", "--kafka-config", dir.resolve("none.properties").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err()).startsWith("dlq list: cannot read --kafka-config ");
    }

    /**
     * Sends a record to {@code topic}, reads it back and dead-letters it the way the services do, under a stage of
     * its own (a value no service writes), so that each test selects only its records.
     */
    private static String deadLetter(String topic, String key, String value, String stage, String reason) {
        Map<String, String> source = Map.of(EventHeaders.SOURCE_FORMAT, "hl7v2", EventHeaders.SOURCE_ID, UUID.randomUUID().toString());
        RecordMetadata sent = client.send(topic, key, value, source);
        ConsumerRecord<String, String> record = client.awaitRecord(topic, WAIT, r -> r.offset() == sent.offset());
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : DeadLetterHeaders.of(record, DeadLetterStage.CHART_APPLY, reason)) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        headers.put(EventHeaders.DLQ_STAGE, stage);
        RecordMetadata dead = client.send(Topics.DLQ, record.key(), record.value(), headers);
        return dead.partition() + ":" + dead.offset();
    }

    private static CliRun dlq(String... args) {
        return CliRun.of(concat(args, "--kafka", kafka, "--timeout", "10"));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        String[] out = new String[all.length + 1];
        out[0] = "dlq";
        System.arraycopy(all, 0, out, 1, all.length);
        return out;
    }

    /** The ids of the table rows of a {@code dlq list}. */
    private static List<String> rows(CliRun run) {
        assertThat(run.exit).as(run.err()).isZero();
        return run.out().lines().filter(l -> l.matches("\\d+:\\d+ .*")).map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    private static List<String> headerNames(ConsumerRecord<?, ?> record) {
        return java.util.Arrays.stream(record.headers().toArray()).map(Header::key).toList();
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            if (!h.key().startsWith("chartbrief.redrive.")) {
                out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
