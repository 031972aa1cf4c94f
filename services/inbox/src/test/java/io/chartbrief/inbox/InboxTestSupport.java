package io.chartbrief.inbox;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaTestClient;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/** Tokens, records on {@code ehr.summaries} and database probes for the inbox tests. */
public final class InboxTestSupport {

    public static final String ISSUER = "https://chartbrief.local/issuer";
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private InboxTestSupport() {
    }

    /** A token signed with the test key for a clinician (practitioner may be null). */
    public static String token(String subject, String practitioner, String... units) {
        return claims(subject, practitioner, units).expiresIn(300).sign();
    }

    /** Claims of a clinician token, unsigned. */
    public static JwtClaimsBuilder claims(String subject, String practitioner, String... units) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(subject).claim("units", List.of(units));
        if (practitioner != null) {
            claims.claim("practitioner_id", practitioner);
        }
        return claims;
    }

    /** A key the service does not trust. */
    public static PrivateKey otherKey() {
        try (InputStream in = InboxTestSupport.class.getResourceAsStream("/jwt/other-private-key.pem")) {
            String pem = new String(in.readAllBytes()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a summary record with the summarizer's headers. */
    public static void publish(KafkaTestClient kafka, SummaryBundles summary) {
        publish(kafka, summary.patientRef(), summary.json(), headers(summary));
    }

    public static Map<String, String> headers(SummaryBundles summary) {
        Map<String, String> headers = new HashMap<>();
        headers.put(EventHeaders.SUMMARY_REQUEST_ID, summary.requestId());
        headers.put(EventHeaders.SUMMARY_ENGINE, "extractive");
        headers.put(EventHeaders.SUMMARY_STATUS, "verified");
        headers.put(EventHeaders.PATIENT_KEY, summary.patientRef());
        headers.put(EventHeaders.SUMMARY_ENCOUNTER, summary.encounterRef());
        return headers;
    }

    public static void publish(KafkaTestClient kafka, String key, String value, Map<String, String> headers) {
        kafka.send(Topics.SUMMARIES, key, value, headers);
    }

    /** Waits until {@code condition} holds. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for the item of a summary id and returns its id. */
    public static String awaitItem(DataSource db, String summaryId) {
        await("item of summary " + summaryId, TIMEOUT,
                () -> count(db, "SELECT count(*) FROM inbox.item WHERE summary_id = ?", summaryId) > 0);
        return query(db, "SELECT id::text FROM inbox.item WHERE summary_id = ?", summaryId).get(0).get(0).toString();
    }

    public static long count(DataSource db, String sql, Object... args) {
        return ((Number) query(db, sql, args).get(0).get(0)).longValue();
    }

    public static List<List<Object>> query(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
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
}
