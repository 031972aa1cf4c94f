package io.chartbrief.inbox;

import static io.chartbrief.inbox.InboxTestSupport.awaitItem;
import static io.chartbrief.inbox.InboxTestSupport.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Demo mode: the per-process key signs /demo/token tokens and is the only key the API trusts. */
@QuarkusTest
@TestProfile(DemoModeTest.Demo.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class DemoModeTest {

    /** The {@code demo} configuration profile itself (as {@code chartbrief up} runs it), not the test profile. */
    public static class Demo implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "demo";
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource db;

    @Test
    void demoCliniciansAndTheirTokens() {
        JsonPath clinicians = given().get("/demo/clinicians").then().statusCode(200).extract().jsonPath();
        assertThat(clinicians.getList("login")).containsExactly("okafor", "nguyen", "patel");
        assertThat(clinicians.getMap("[0]")).containsEntry("name", "Dr. Chidi Okafor").containsEntry("practitioner", "4411")
                .containsEntry("units", List.of("5EAST"));
        assertThat(clinicians.getString("[2].practitioner")).isNull();

        JsonPath okafor = given().contentType("application/json").body("{\"login\":\"okafor\"}").post("/demo/token")
                .then().statusCode(200).body("login", equalTo("okafor")).body("name", equalTo("Dr. Chidi Okafor"))
                .extract().jsonPath();
        assertThat(Instant.parse(okafor.getString("expiresAt"))).isAfter(Instant.now().plusSeconds(7 * 3600));
        String patel = given().contentType("application/json").body("{\"login\":\"patel\"}").post("/demo/token")
                .then().statusCode(200).extract().jsonPath().getString("token");
        given().contentType("application/json").body("{\"login\":\"mallory\"}").post("/demo/token").then().statusCode(404);

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            SummaryBundles summary = SummaryBundles.summary().participant("ATND", "4411").unit("5EAST");
            publish(kafka, summary);
            String id = awaitItem(db, summary.requestId());
            given().auth().oauth2(okafor.getString("token")).get("/api/inbox").then().statusCode(200)
                    .body("items.id", hasItem(id));
            given().auth().oauth2(patel).get("/api/inbox/" + id).then().statusCode(200);
        }
        // only the per-process key is trusted
        String otherKey = InboxTestSupport.claims("okafor", "4411", "5EAST").expiresIn(300).sign(InboxTestSupport.otherKey());
        given().auth().oauth2(otherKey).get("/api/inbox").then().statusCode(401);
    }
}
