package io.chartbrief.inbox;

import io.chartbrief.interop.event.SummaryDocumentProfile;
import static io.chartbrief.inbox.InboxTestSupport.awaitItem;
import static io.chartbrief.inbox.InboxTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * No PHI in logs: corpus patients' charts are summarized (extractive engine, real document builder), routed,
 * stored, listed, read and acknowledged through the service, and one of them is also sent as a bad record (to the
 * DLQ path); no log record at INFO or above may contain a patient's name or identifier (MRN, SSN, …).
 * Corpus: {@code -Dchartbrief.corpus} (default ../shared/corpus); skipped with a message when absent.
 * {@code -Dchartbrief.inbox.log-test.patients=N} (default 4).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class LogPhiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource db;

    /** Captures every record at INFO or above, formatted as the console would show its message. */
    static final class Capture extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Formatter formatter = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() < Level.INFO.intValue()) {
                return;
            }
            StringBuilder line = new StringBuilder(record.getLevel() + " [" + record.getLoggerName() + "] ")
                    .append(formatter.format(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noPatientNamesOrIdentifiersInLogs() throws IOException {
        Path corpus = Paths.get(System.getProperty("chartbrief.corpus", "../../../shared/corpus"));
        Path synthea = corpus.resolve("fhir").resolve("synthea");
        if (!Files.isDirectory(synthea)) {
            System.out.println("[inbox-log-phi] SKIPPED: no Synthea corpus at " + synthea.toAbsolutePath()
                    + " (set -Dchartbrief.corpus=<path to shared/corpus>)");
            Assumptions.abort("no corpus at " + synthea.toAbsolutePath());
        }
        int wanted = Integer.getInteger("chartbrief.inbox.log-test.patients", 4);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(synthea)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().limit(wanted).toList();
        }
        assertThat(files).isNotEmpty();

        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Set<String> phi = new LinkedHashSet<>();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            List<String> summaryIds = new ArrayList<>();
            for (Path file : files) {
                Bundle chartBundle = FhirContexts.r4().newJsonParser()
                        .parseResource(Bundle.class, Files.readString(file, StandardCharsets.UTF_8));
                ClinicalChart chart = ClinicalChart.of(chartBundle, null, null);
                Patient patient = (Patient) chart.get(chart.patientRef()).orElseThrow();
                phi.addAll(phiOf(patient));
                PatientSummary summary = Summarizer.extractiveOnly().summarize(chart);
                Bundle document = new SummaryDocumentBuilder().build(summary, chart, new Date());
                String requestId = UUID.randomUUID().toString();
                document.setId(requestId);
                routeToTestClinician(document, patient);
                String json = FhirContexts.r4().newJsonParser().encodeResourceToString(document);
                kafka.send(Topics.SUMMARIES, chart.patientRef(), json, Map.of(
                        EventHeaders.SUMMARY_REQUEST_ID, requestId, EventHeaders.SUMMARY_ENGINE, "extractive",
                        EventHeaders.SUMMARY_STATUS, "verified", EventHeaders.PATIENT_KEY, chart.patientRef()));
                // the same patient as a bad record: dead-lettered
                Bundle bad = new Bundle();
                bad.setType(Bundle.BundleType.COLLECTION);
                bad.addEntry().setResource(patient);
                kafka.send(Topics.SUMMARIES, chart.patientRef(),
                        FhirContexts.r4().newJsonParser().encodeResourceToString(bad), Map.of());
                // redelivery
                kafka.send(Topics.SUMMARIES, chart.patientRef(), json, Map.of(EventHeaders.SUMMARY_REQUEST_ID, requestId));
                summaryIds.add(requestId);
            }
            String clinician = token("logtest", "LOG-TEST-1", "LOGUNIT");
            for (String summaryId : summaryIds) {
                String id = awaitItem(db, summaryId);
                given().auth().oauth2(clinician).get("/api/inbox/" + id).then().statusCode(200);
                given().auth().oauth2(token("intruder", "NOBODY")).get("/api/inbox/" + id).then().statusCode(404);
                given().auth().oauth2(clinician).post("/api/inbox/" + id + "/ack").then().statusCode(200);
            }
            given().auth().oauth2(clinician).get("/api/inbox?superseded=true&limit=500").then().statusCode(200);
            kafka.awaitRecords(Topics.DLQ, summaryIds.size(), InboxTestSupport.TIMEOUT,
                    r -> r.value().contains("\"collection\""));
        } finally {
            root.removeHandler(capture);
        }
        phi.removeIf(s -> s.length() < 4);
        assertThat(phi).isNotEmpty();
        System.out.printf("[inbox-log-phi] %d patients, %d log records at INFO+, %d PHI strings checked%n",
                files.size(), capture.lines.size(), phi.size());
        assertThat(capture.lines).isNotEmpty();
        for (String line : capture.lines) {
            for (String value : phi) {
                assertThat(line).as("log record leaks PHI").doesNotContain(value);
            }
        }
    }

    /** Names (each part and whole) and every identifier value of the patient. */
    private static Set<String> phiOf(Patient patient) {
        Set<String> out = new LinkedHashSet<>();
        for (HumanName name : patient.getName()) {
            if (name.hasFamily()) {
                out.add(name.getFamily());
            }
            name.getGiven().stream().map(StringType::getValue).forEach(out::add);
            out.add(name.getNameAsSingleString());
        }
        patient.getIdentifier().stream().filter(Identifier::hasValue).map(Identifier::getValue).forEach(out::add);
        return out;
    }

    /** Adds an attending Practitioner and a current unit to the document's Encounter (contract shape). */
    private static void routeToTestClinician(Bundle document, Patient patient) {
        document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance).map(Encounter.class::cast).findFirst().ifPresent(encounter -> {
                    encounter.addParticipant().addType(new CodeableConcept().addCoding(new Coding(
                            SummaryBundles.PARTICIPATION, "ATND", null)))
                            .setIndividual(new Reference("Practitioner/log-test-attending"));
                    encounter.addLocation().setStatus(Encounter.EncounterLocationStatus.ACTIVE).setLocation(
                            new Reference().setIdentifier(new Identifier().setSystem("urn:chartbrief:point-of-care")
                                    .setValue("LOGUNIT")));
                    Practitioner practitioner = new Practitioner();
                    practitioner.setId("log-test-attending");
                    practitioner.addIdentifier().setSystem("urn:chartbrief:authority:RIVERSIDE").setValue("LOG-TEST-1");
                    document.addEntry().setFullUrl(SummaryDocumentProfile.BASE + "Practitioner/log-test-attending")
                            .setResource(practitioner);
                });
    }
}
