package io.chartbrief.inbox.store;

import static io.chartbrief.inbox.InboxTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.inbox.SummaryBundles;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V3 gives items stored before it the identifiers of their Bundle's Patient and Encounter copies (so CDS Hooks
 * finds summaries written before the upgrade): migrated for real, in a schema of its own, from V2 to V3.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class IdentifierBackfillTest {

    @Inject
    DataSource db;

    @Test
    void itemsStoredBeforeV3GetTheirPatientAndEncounterIdentifiers() throws SQLException {
        String schema = "backfill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        flyway(schema, "2").migrate();
        SummaryBundles summary = SummaryBundles.summary().patient("p-old", "Testpatient Old", "MRN-OLD-1")
                .encounter("e-old").visit("V-OLD-1");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema
                + ".item (id, summary_id, patient, encounter, document_time, engine, ai_generated, headline, "
                + "recipients, content, evidence, bundle) VALUES (?, ?, 'Patient/p-old', 'Encounter/e-old', now(), "
                + "'extractive', false, 'h', '{}', '{}', '{}', ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, summary.requestId());
            ps.setString(3, summary.json());
            ps.executeUpdate();
        }

        flyway(schema, "3").migrate();

        List<Object> row = query(db, "SELECT patient_identifiers, encounter_identifiers FROM " + schema + ".item")
                .get(0);
        assertThat(strings(row.get(0))).containsExactly("urn:chartbrief:mrn:RIVERSIDE|MRN-OLD-1");
        assertThat(strings(row.get(1))).containsExactly("urn:chartbrief:visit:RIVERSIDE|V-OLD-1");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DROP SCHEMA " + schema
                + " CASCADE")) {
            ps.execute();
        }
    }

    private Flyway flyway(String schema, String target) {
        return Flyway.configure().dataSource(db).schemas(schema).createSchemas(true).locations("db/migration")
                .target(target).load();
    }

    private static List<String> strings(Object array) throws SQLException {
        return Arrays.asList((String[]) ((Array) array).getArray());
    }
}
