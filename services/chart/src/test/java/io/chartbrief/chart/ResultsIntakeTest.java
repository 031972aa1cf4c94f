package io.chartbrief.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.chartbrief.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Converted results through {@code ehr.events} into the chart (issue 13 points 1 and 2): two panels under one
 * accession stay two reports with their own results, a later correction replaces only its panel, and times
 * without an offset are stored in the sender's offset (MSH-7), agreeing with the message's other times.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class ResultsIntakeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    private static String oru(String controlId, String mrn, String status, String potassium, String... panels) {
        StringBuilder m = new StringBuilder("MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|20260301120000-0500||ORU^R01^ORU_R01|"
                + controlId + "|P|2.5.1\rPID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^RESULTS||19700214|F\r");
        for (String panel : panels) {
            if (panel.equals("CBC")) {
                m.append("OBR|1|PL-").append(mrn).append("|FL-").append(mrn)
                        .append("|58410-2^CBC panel^LN|||20260301113000|||||||||||||||20260301115500|||F\r")
                        .append("OBX|1|NM|718-7^Hemoglobin^LN||9.1|g/dL^^UCUM|12-16|L|||F|||20260301113000\r");
            } else {
                m.append("OBR|2|PL-").append(mrn).append("|FL-").append(mrn)
                        .append("|51990-0^Basic metabolic panel^LN|||20260301113000|||||||||||||||20260301115500|||")
                        .append(status).append("\r")
                        .append("OBX|1|NM|2823-3^Potassium^LN||").append(potassium)
                        .append("|mmol/L^^UCUM|3.5-5.1|L|||").append(status).append("|||20260301113000\r");
            }
        }
        return m.toString();
    }

    @Test
    void panelsOfOneAccessionAreSeparateReportsAndACorrectionReplacesOnlyItsPanel() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
            String mrn = "RES" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            NormalizedEvent first = chart.publishHl7(oru("R1-" + mrn, mrn, "F", "3.1", "CBC", "BMP"));
            String patient = ChartTestSupport.id(first.patientKey());
            chart.publishHl7(oru("R2-" + mrn, mrn, "C", "3.3", "BMP"));
            chart.sync();

            Map<String, JsonNode> reports = byCode(chart, patient, "DiagnosticReport");
            assertThat(reports).containsOnlyKeys("58410-2", "51990-0");
            Map<String, JsonNode> results = byCode(chart, patient, "Observation");
            assertThat(results).containsOnlyKeys("718-7", "2823-3");
            assertThat(results.get("718-7").path("id").asText())
                    .isEqualTo(reports.get("58410-2").path("result").get(0).path("reference").asText().split("/")[1]);
            // the correction replaced the BMP and its potassium; the CBC is as the first message left it
            assertThat(reports.get("51990-0").path("status").asText()).isEqualTo("corrected");
            assertThat(results.get("2823-3").path("valueQuantity").path("value").decimalValue())
                    .isEqualByComparingTo("3.3");
            assertThat(reports.get("58410-2").path("status").asText()).isEqualTo("final");
            // each panel's order is a ServiceRequest of its own (one per OBR, the correction hit the same id),
            // and each report is based on its panel's order
            Map<String, JsonNode> orders = byCode(chart, patient, "ServiceRequest");
            assertThat(orders).containsOnlyKeys("58410-2", "51990-0");
            for (String panel : List.of("58410-2", "51990-0")) {
                assertThat(reports.get(panel).path("basedOn").get(0).path("reference").asText())
                        .isEqualTo("ServiceRequest/" + orders.get(panel).path("id").asText());
            }
            assertThat(orders.get("51990-0").path("status").asText()).isEqualTo("completed");
            // OBX-14 has no offset: the sender's (MSH-7's -05:00), not UTC
            assertThat(results.get("718-7").path("effectiveDateTime").asText()).isEqualTo("2026-03-01T11:30:00-05:00");
        }
    }

    @Test
    void aTubeUsedForAnOrderAddedLaterServesBothOrders() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
            String mrn = "SPM" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            String tube = "SPM|1|^TUBE-" + mrn + "&LAB||122555007^Venous blood specimen^SCT\r";
            String pid = "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^RESULTS||19700214|F\r";
            // 11:55 the CBC on the tube; 14:10 a BMP the clinician added on the same tube (its own order)
            NormalizedEvent cbc = chart.publishHl7("MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|20260301115500-0500||"
                    + "ORU^R01^ORU_R01|S1-" + mrn + "|P|2.5.1\r" + pid
                    + "OBR|1|PLA-" + mrn + "|FLA-" + mrn + "|58410-2^CBC panel^LN|||20260301113000|||||||||||||||"
                    + "20260301115500|||F\rOBX|1|NM|718-7^Hemoglobin^LN||9.1|g/dL^^UCUM|12-16|L|||F\r" + tube);
            chart.publishHl7("MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|20260301141000-0500||ORU^R01^ORU_R01|S2-"
                    + mrn + "|P|2.5.1\r" + pid
                    + "OBR|1|PLB-" + mrn + "|FLB-" + mrn + "|51990-0^Basic metabolic panel^LN|||20260301113000||||||"
                    + "|||||||||20260301141000|||F\rOBX|1|NM|2823-3^Potassium^LN||3.1|mmol/L^^UCUM|3.5-5.1|L|||F\r"
                    + tube);
            chart.sync();
            String patient = ChartTestSupport.id(cbc.patientKey());

            List<List<Object>> specimens = chart.query("SELECT body::text FROM chart.resource WHERE patient_id = ? "
                    + "AND resource_type = 'Specimen'", patient);
            assertThat(specimens).hasSize(1);
            Map<String, JsonNode> orders = byCode(chart, patient, "ServiceRequest");
            List<String> requests = new java.util.ArrayList<>();
            json.readTree((String) specimens.get(0).get(0)).path("request")
                    .forEach(r -> requests.add(r.path("reference").asText()));
            assertThat(requests).containsExactly("ServiceRequest/" + orders.get("58410-2").path("id").asText(),
                    "ServiceRequest/" + orders.get("51990-0").path("id").asText());
        }
    }

    private Map<String, JsonNode> byCode(ChartTestSupport chart, String patient, String type) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        List<List<Object>> rows = chart.query("SELECT body::text FROM chart.resource WHERE patient_id = ? "
                + "AND resource_type = ?", patient, type);
        for (List<Object> row : rows) {
            JsonNode body = json.readTree((String) row.get(0));
            JsonNode previous = out.put(body.path("code").path("coding").get(0).path("code").asText(), body);
            assertThat(previous).as("one %s per code", type).isNull();
        }
        return out;
    }
}
