package io.chartbrief.chart;

import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.testsupport.KafkaTestClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/** Publishes realistic ehr.events records (converted exactly as ingest does) and inspects the chart tables. */
public final class ChartTestSupport {

    /** The chart API's token audience. */
    public static final String AUDIENCE = "chartbrief-chart";

    /**
     * A REST Assured request carrying a valid service token with every chart role (reads and summary requests),
     * signed by the test key that {@code TestTokens.KeyResource} gives the service.
     */
    public static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(io.chartbrief.testsupport.TestTokens.token(AUDIENCE,
                "chart-read", "summary-request"));
    }

    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Hl7v2Converter HL7 = new Hl7v2Converter();
    private static final FhirEventNormalizer FHIR = new FhirEventNormalizer();

    private final KafkaTestClient kafka;
    private final DataSource db;

    public ChartTestSupport(KafkaTestClient kafka, DataSource db) {
        this.kafka = kafka;
        this.db = db;
    }

    public static NormalizedEvent hl7(String message) {
        try {
            return HL7.convert(message);
        } catch (ConversionException e) {
            throw new AssertionError("fixture does not convert: " + e.getMessage(), e);
        }
    }

    public static NormalizedEvent fhir(String json) {
        try {
            return FHIR.normalize(json);
        } catch (ConversionException e) {
            throw new AssertionError("fixture does not normalize: " + e.getMessage(), e);
        }
    }

    /** The ehr.events value of an event: the Bundle JSON, as the ingest normalizer writes it. */
    public static String value(NormalizedEvent event) {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(event.bundle());
    }

    public static Map<String, String> headers(NormalizedEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventHeaders.SOURCE_FORMAT, event.format());
        headers.put(EventHeaders.SOURCE_ID, event.sourceId());
        headers.put(EventHeaders.EVENT_TYPE, event.eventType());
        if (event.eventTime() != null) {
            headers.put(EventHeaders.EVENT_TIME, event.eventTime().toString());
        }
        headers.put(EventHeaders.PATIENT_KEY, event.patientKey());
        return headers;
    }

    /** Publishes the event to ehr.events (key = patient key). */
    public NormalizedEvent publish(NormalizedEvent event) {
        kafka.send(Topics.EVENTS, event.patientKey(), value(event), headers(event));
        return event;
    }

    public NormalizedEvent publishHl7(String message) {
        return publish(hl7(message));
    }

    /**
     * Waits until everything published so far was applied: publishes a sentinel patient and waits for it (the
     * topic has one partition and the consumer applies in order).
     */
    public void sync() {
        String id = UUID.randomUUID().toString();
        publish(fhir("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"unknown\"}"));
        await("sentinel applied", () -> count("SELECT count(*) FROM chart.resource WHERE patient_id = ?", id) == 1);
    }

    public static String id(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }

    public long count(String sql, Object... params) {
        return ((Number) query(sql, params).get(0).get(0)).longValue();
    }

    public List<List<Object>> query(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            if (!ps.execute()) {
                return rows;
            }
            try (ResultSet rs = ps.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored body (as text) of one resource of a patient's chart, or null. */
    public String body(String patientId, String type, String id) {
        List<List<Object>> rows = query("SELECT body::text FROM chart.resource WHERE patient_id = ? "
                + "AND resource_type = ? AND resource_id = ?", patientId, type, id);
        return rows.isEmpty() ? null : (String) rows.get(0).get(0);
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, TIMEOUT, condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
