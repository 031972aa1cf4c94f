package io.chartbrief.inbox.rest;

import static io.chartbrief.inbox.InboxTestSupport.awaitItem;
import static io.chartbrief.inbox.InboxTestSupport.count;
import static io.chartbrief.inbox.InboxTestSupport.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.inbox.InboxTestSupport;
import io.chartbrief.inbox.SummaryBundles;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CDS Hooks 2.0 over HTTP against summaries consumed from a real broker into a real PostgreSQL: discovery, cards
 * for {@code patient-view} and {@code encounter-start} (with and without prefetch, the EHR's FHIR server read for
 * real over HTTP), patient matching by identifiers, the EHR JWT rules, and feedback. Request bodies follow the
 * specification's examples.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
@WithTestResource(value = EhrResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CdsServicesTest {

    private static final String PATIENT_VIEW = "/cds-services/chartbrief-patient-summary";
    private static final String ENCOUNTER_START = "/cds-services/chartbrief-encounter-summary";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @TestHTTPResource("/")
    URL root;
    @Inject
    DataSource db;

    private KafkaTestClient kafka;
    private final String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    // ------------------------------------------------------------------ discovery and cards

    @Test
    void discoveryListsBothHooksWithTheirPrefetchTemplatesWithoutAToken() {
        JsonPath discovery = given().get("/cds-services").then().statusCode(200).extract().jsonPath();
        assertThat(discovery.getList("services.id"))
                .containsExactly("chartbrief-patient-summary", "chartbrief-encounter-summary");
        assertThat(discovery.getList("services.hook")).containsExactly("patient-view", "encounter-start");
        assertThat(discovery.getString("services[0].prefetch.patient")).isEqualTo("Patient/{{context.patientId}}");
        assertThat(discovery.getString("services[1].prefetch.encounter")).isEqualTo("Encounter/{{context.encounterId}}");
        assertThat(discovery.getList("services.description")).allSatisfy(d -> assertThat((String) d).isNotBlank());
    }

    @Test
    void aBrowserClientOfAnAllowedOriginPassesCorsOthersGetNoCorsHeaders() {
        // preflight: no credentials, answered before any authentication
        given().header("Origin", EhrResource.SANDBOX_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(PATIENT_VIEW).then().statusCode(204)
                .header("Access-Control-Allow-Origin", EhrResource.SANDBOX_ORIGIN)
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"))
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsString("Authorization"));
        given().header("Origin", EhrResource.SANDBOX_ORIGIN).get("/cds-services").then().statusCode(200)
                .header("Access-Control-Allow-Origin", EhrResource.SANDBOX_ORIGIN);
        // a hook call refused for its token still tells the allowed browser why (the 401 is readable)
        given().header("Origin", EhrResource.SANDBOX_ORIGIN).contentType("application/json").body("{}")
                .post(PATIENT_VIEW).then().statusCode(401)
                .header("Access-Control-Allow-Origin", EhrResource.SANDBOX_ORIGIN);

        // another origin, and the inbox API: no CORS at all
        given().header("Origin", "https://evil.example").get("/cds-services").then().statusCode(200)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options(PATIENT_VIEW).then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", EhrResource.SANDBOX_ORIGIN).get("/api/inbox/items").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void patientViewWithPrefetchAnswersTheVerifiedSummaryAsACardAndAuditsIt() {
        SummaryBundles summary = summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID())
                .unverified("medications", "Warfarin 5 mg daily", "term not in cited resources",
                        "Observation/obs-k")
                .verification("partially-verified", 6, 5, 0, 1);
        String itemId = store(summary);

        JsonPath cards = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-77", ehrPatient("ehr-77",
                EhrResource.CHART_MRN_SYSTEM, mrn))).statusCode(200).extract().jsonPath();

        assertThat(cards.getList("cards")).hasSize(1);
        Map<String, Object> card = cards.getMap("cards[0]");
        assertThat(card.get("uuid")).isEqualTo(itemId);
        String line = (String) card.get("summary");
        assertThat(line).startsWith("Chart summary (").contains("Admitted with chest pain.");
        assertThat(line.length()).isLessThan(140);
        assertThat(card.get("indicator")).isEqualTo("critical");   // the high-priority potassium recommendation
        String detail = (String) card.get("detail");
        assertThat(detail).contains("Extracted from the chart by ChartBrief (no language model)")
                .contains("Verified against the chart: 5 of 6 statements; 1 could not be verified")
                .contains("**Results**").contains("- Potassium low at 3.1 mmol/L (source: Observation/obs-k")
                .contains("**High priority:** Replace potassium and recheck in 6 hours")
                .contains("Penicillin allergy (hives)")
                .doesNotContain("Warfarin");   // what the verifier could not verify stays in the inbox, labelled
        assertThat(cards.getString("cards[0].source.label")).startsWith("ChartBrief");
        assertThat(cards.getString("cards[0].source.topic")).isNull();
        assertThat(cards.getString("cards[0].links[0].url")).isEqualTo("https://inbox.test/#item=" + itemId);
        assertThat(cards.getString("cards[0].links[0].type")).isEqualTo("absolute");
        assertThat(cards.getBoolean("cards[0].extension.'io.chartbrief.ai-generated'")).isFalse();
        assertThat(count(db, "SELECT count(*) FROM inbox.audit_event WHERE entity_item = ? AND source = "
                + "'chartbrief-inbox cds-hooks' AND agent_subject = 'ehr-client' AND agent_practitioner = "
                + "'Practitioner/dr-1'", itemId)).isEqualTo(1);
    }

    @Test
    void aModelWrittenSummarySaysSoInTheSummaryLineAndCarriesTheAiAssertedTopic() {
        SummaryBundles summary = summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()).engine("llama");
        Map<String, String> headers = new java.util.HashMap<>(InboxTestSupport.headers(summary));
        headers.put(EventHeaders.SUMMARY_ENGINE, "llama");
        InboxTestSupport.publish(kafka, summary.patientRef(), summary.json(), headers);
        awaitItem(db, summary.requestId());
        JsonPath cards = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-78", ehrPatient("ehr-78",
                EhrResource.CHART_MRN_SYSTEM, mrn))).statusCode(200).extract().jsonPath();
        assertThat(cards.getString("cards[0].summary")).startsWith("AI-generated summary (");
        assertThat(cards.getString("cards[0].detail")).startsWith("**AI-generated** by a language model");
        assertThat(cards.getString("cards[0].source.topic.code")).isEqualTo("AIAST");
        assertThat(cards.getString("cards[0].source.label")).isEqualTo("ChartBrief (medgemma-4b-it)");
    }

    @Test
    void theEhrsOwnIdentifierSystemFindsThePatientThroughTheConfiguredMapping() {
        String itemId = store(summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()));
        JsonPath cards = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-79", ehrPatient("ehr-79",
                EhrResource.EHR_MRN_SYSTEM, mrn))).statusCode(200).extract().jsonPath();
        assertThat(cards.getString("cards[0].uuid")).isEqualTo(itemId);
    }

    @Test
    void withoutPrefetchThePatientIsReadFromTheEhrsFhirServerWithItsAccessToken() {
        String itemId = store(summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()));
        String ehrId = "ehr-" + UUID.randomUUID().toString().substring(0, 8);
        EhrResource.RESOURCES.put("Patient/" + ehrId, ehrPatient(ehrId, EhrResource.CHART_MRN_SYSTEM, mrn));
        int readsBefore = EhrResource.FHIR_AUTHORIZATIONS.size();

        String body = """
                {"hookInstance": "%s", "hook": "patient-view", "fhirServer": "%s/fhir",
                 "fhirAuthorization": {"access_token": "some-opaque-fhir-access-token", "token_type": "Bearer",
                   "expires_in": 300, "scope": "user/Patient.read", "subject": "cds-service"},
                 "context": {"userId": "Practitioner/dr-1", "patientId": "%s"}}"""
                .formatted(UUID.randomUUID(), EhrResource.baseUrl, ehrId);
        JsonPath cards = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), body).statusCode(200).extract().jsonPath();

        assertThat(cards.getString("cards[0].uuid")).isEqualTo(itemId);
        assertThat(EhrResource.FHIR_AUTHORIZATIONS.subList(readsBefore, EhrResource.FHIR_AUTHORIZATIONS.size()))
                .containsExactly("Bearer some-opaque-fhir-access-token");
    }

    @Test
    void aFhirServerNotOnTheClientsAllowListIsNeverContacted() {
        store(summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()));
        String ehrId = "ehr-" + UUID.randomUUID().toString().substring(0, 8);
        EhrResource.RESOURCES.put("Patient/" + ehrId, ehrPatient(ehrId, EhrResource.CHART_MRN_SYSTEM, mrn));
        int readsBefore = EhrResource.FHIR_AUTHORIZATIONS.size();
        // Same host, a path outside the allowed FHIR base.
        String body = """
                {"hookInstance": "%s", "hook": "patient-view", "fhirServer": "%s/other",
                 "context": {"userId": "Practitioner/dr-1", "patientId": "%s"}}"""
                .formatted(UUID.randomUUID(), EhrResource.baseUrl, ehrId);
        JsonPath cards = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), body).statusCode(200).extract().jsonPath();
        assertThat(cards.getList("cards")).isEmpty();
        assertThat(EhrResource.FHIR_AUTHORIZATIONS).hasSize(readsBefore);
    }

    @Test
    void anUnknownPatientGetsNoCardAndIdentifiersOfTwoChartBriefPatientsGetNone() {
        JsonPath none = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-80", ehrPatient("ehr-80",
                EhrResource.CHART_MRN_SYSTEM, "MRN-NOBODY-" + UUID.randomUUID()))).statusCode(200).extract().jsonPath();
        assertThat(none.getList("cards")).isEmpty();

        // Two ChartBrief patients carry the same MRN (e.g. a merge not yet received): showing either would risk the
        // wrong patient's summary.
        store(summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()));
        store(summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()));
        JsonPath ambiguous = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-81", ehrPatient("ehr-81",
                EhrResource.CHART_MRN_SYSTEM, mrn))).statusCode(200).extract().jsonPath();
        assertThat(ambiguous.getList("cards")).isEmpty();
    }

    @Test
    void encounterStartAnswersThatEncountersSummaryElseTheLatestLabelledAsAnEarlierEncounter() {
        String patient = "p-" + UUID.randomUUID();
        String visitA = "V-" + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        String itemA = store(summaryOf(patient, "e-a-" + UUID.randomUUID()).visit(visitA).at(new Date(now - 3_600_000))
                .narrative("Admitted in March with pneumonia."));
        String itemB = store(summaryOf(patient, "e-b-" + UUID.randomUUID()).visit("V-B-" + UUID.randomUUID())
                .at(new Date(now)).narrative("Admitted today with chest pain."));

        JsonPath ofA = call(ENCOUNTER_START, ehrToken(ENCOUNTER_START), encounterStart("ehr-82", "enc-9",
                ehrPatient("ehr-82", EhrResource.CHART_MRN_SYSTEM, mrn), ehrEncounter("enc-9", visitA)))
                .statusCode(200).extract().jsonPath();
        assertThat(ofA.getString("cards[0].uuid")).isEqualTo(itemA);
        assertThat(ofA.getString("cards[0].summary")).doesNotContain("earlier encounter");

        JsonPath ofNew = call(ENCOUNTER_START, ehrToken(ENCOUNTER_START), encounterStart("ehr-82", "enc-10",
                ehrPatient("ehr-82", EhrResource.CHART_MRN_SYSTEM, mrn), ehrEncounter("enc-10", "V-NEW")))
                .statusCode(200).extract().jsonPath();
        assertThat(ofNew.getString("cards[0].uuid")).isEqualTo(itemB);
        assertThat(ofNew.getString("cards[0].summary")).startsWith("Chart summary of an earlier encounter (");
        assertThat(ofNew.getString("cards[0].detail")).contains("This summary is of an earlier encounter");
    }

    @Test
    void aSupersededSummaryIsNeverTheCard() {
        String patient = "p-" + UUID.randomUUID();
        String encounter = "e-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        store(summaryOf(patient, encounter).at(new Date(now - 60_000)).narrative("First summary."));
        String newer = store(summaryOf(patient, encounter).at(new Date(now)).narrative("Second summary."));
        JsonPath cards = call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-83", ehrPatient("ehr-83",
                EhrResource.CHART_MRN_SYSTEM, mrn))).statusCode(200).extract().jsonPath();
        assertThat(cards.getString("cards[0].uuid")).isEqualTo(newer);
    }

    // ------------------------------------------------------------------ the EHR's JWT

    @Test
    void aConfiguredJwkSetFileVerifiesAnRs384Token() throws JoseException {
        store(summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()));
        String token = sign(EhrResource.clinicKey, AlgorithmIdentifiers.RSA_USING_SHA384,
                claims(EhrResource.CLINIC_ISSUER, audience(PATIENT_VIEW), 300), null);
        call(PATIENT_VIEW, token, patientView("c-1", ehrPatient("c-1", EhrResource.CHART_MRN_SYSTEM, mrn)))
                .statusCode(200);
    }

    @Test
    void refusedTokensAnswer401WithTheReason() throws JoseException {
        String body = patientView("ehr-84", ehrPatient("ehr-84", EhrResource.CHART_MRN_SYSTEM, mrn));
        String aud = audience(PATIENT_VIEW);
        assertRefused(null, body, "a bearer token is required");
        assertRefused("not-a-jwt", body, "not a JWT");
        JwtClaims expired = claims(EhrResource.EHR_ISSUER, aud, 300);
        expired.setExpirationTimeMinutesInTheFuture(-5);
        expired.setIssuedAtToNow();
        assertRefused(sign(EhrResource.ehrKey, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, expired, null),
                body, "token expired");
        assertRefused(es384(claims(EhrResource.EHR_ISSUER, "https://elsewhere.test/cds-services/x", 300)), body,
                "aud is not this service");
        assertRefused(es384(claims("https://stranger.test", aud, 300)), body, "issuer is not an allowed CDS client");
        assertRefused(es384(claims(EhrResource.EHR_ISSUER, aud, 3600)), body, "token lifetime over 300 s");
        JwtClaims noJti = claims(EhrResource.EHR_ISSUER, aud, 300);
        noJti.unsetClaim("jti");
        assertRefused(es384(noJti), body, "exp, iat, sub and jti are required");
        // Another key claiming the EHR's key id; and a permitted key with a disallowed algorithm (RS256).
        PublicJsonWebKey forger = RsaJwkGenerator.generateJwk(2048);
        forger.setKeyId("ehr-2026");
        assertRefused(sign(forger, AlgorithmIdentifiers.RSA_USING_SHA256, claims(EhrResource.EHR_ISSUER, aud, 300),
                null), body, "signature not verified by the client's keys");
        assertRefused(sign(EhrResource.clinicKey, AlgorithmIdentifiers.RSA_USING_SHA256,
                claims(EhrResource.CLINIC_ISSUER, aud, 300), null), body, "signature not verified by the client's keys");
        // A jku header must be one of the client's JWK Set URLs.
        assertRefused(sign(EhrResource.ehrKey, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
                claims(EhrResource.EHR_ISSUER, aud, 300), "https://attacker.test/jwks"), body,
                "jku is not an allowed JWK Set URL of this client");
    }

    @Test
    void aJkuOnTheAllowListIsUsedAndATokenIsGoodForOneCallOnly() throws JoseException {
        store(summaryOf("p-" + UUID.randomUUID(), "e-" + UUID.randomUUID()));
        String body = patientView("ehr-85", ehrPatient("ehr-85", EhrResource.CHART_MRN_SYSTEM, mrn));
        String token = sign(EhrResource.ehrKey, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
                claims(EhrResource.EHR_ISSUER, audience(PATIENT_VIEW), 300), EhrResource.baseUrl + "/jwks");
        call(PATIENT_VIEW, token, body).statusCode(200);
        assertRefused(token, body, "token replayed (jti already used)");
    }

    // ------------------------------------------------------------------ bad requests and feedback

    @Test
    void requestsTheServiceCannotAnswerAre400And404() {
        String patient = ehrPatient("ehr-86", EhrResource.CHART_MRN_SYSTEM, mrn);
        call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-86", patient).replace("\"patient-view\"",
                "\"order-select\"")).statusCode(400).contentType(ContentType.JSON);
        call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-86", patient).replace("\"patientId\"",
                "\"patient\"")).statusCode(400);
        // A prefetched Patient that is not the context's patient.
        call(PATIENT_VIEW, ehrToken(PATIENT_VIEW), patientView("ehr-other", patient)).statusCode(400);
        call("/cds-services/no-such-service", ehrToken("/cds-services/no-such-service"),
                patientView("ehr-86", patient)).statusCode(404);
    }

    @Test
    void feedbackIsStoredAndAnOutcomeOutsideTheSpecIs400() {
        String card = UUID.randomUUID().toString();
        String feedback = """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "2026-12-03T10:00:00Z",
                  "overrideReason": {"reason": {"code": "reason-code-provided-by-service",
                    "system": "http://example.org/cds-services/fhir/CodeSystem/override-reasons"},
                    "userComment": "Summary already reviewed with the team"}}]}""".formatted(card);
        given().header("Authorization", "Bearer " + ehrToken(PATIENT_VIEW)).contentType(ContentType.JSON)
                .body(feedback).post(PATIENT_VIEW + "/feedback").then().statusCode(200);
        assertThat(count(db, "SELECT count(*) FROM inbox.cds_feedback WHERE card = ? AND outcome = 'overridden' "
                + "AND override_reason ->> 'userComment' = 'Summary already reviewed with the team'", card))
                .isEqualTo(1);
        given().header("Authorization", "Bearer " + ehrToken(PATIENT_VIEW)).contentType(ContentType.JSON)
                .body(feedback.replace("overridden", "ignored")).post(PATIENT_VIEW + "/feedback").then()
                .statusCode(400);
    }

    // ------------------------------------------------------------------ helpers

    private SummaryBundles summaryOf(String patientId, String encounterId) {
        return SummaryBundles.summary().patient(patientId, "Testpatient Cds", mrn).encounter(encounterId)
                .participant("ATND", "9001");
    }

    private String store(SummaryBundles summary) {
        publish(kafka, summary);
        return awaitItem(db, summary.requestId());
    }

    private io.restassured.response.ValidatableResponse call(String path, String token, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post(path).then();
    }

    private void assertRefused(String token, String body, String reason) {
        call(PATIENT_VIEW, token, body).statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("message", org.hamcrest.Matchers.equalTo(reason));
    }

    private String audience(String path) {
        String base = root.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private String ehrToken(String path) {
        try {
            return es384(claims(EhrResource.EHR_ISSUER, audience(path), 300));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String es384(JwtClaims claims) throws JoseException {
        return sign(EhrResource.ehrKey, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, claims, null);
    }

    /** The claims CDS Hooks 2.0 asks of an EHR: iss, sub (client id), aud, exp, iat, jti. */
    private static JwtClaims claims(String issuer, String audience, int lifetimeSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("ehr-client");
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetimeSeconds / 60f);
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(PublicJsonWebKey key, String algorithm, JwtClaims claims, String jku)
            throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        if (jku != null) {
            jws.setHeader("jku", jku);
        }
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }

    private static String patientView(String patientId, String prefetchedPatient) {
        return """
                {"hookInstance": "%s", "hook": "patient-view", "fhirServer": "https://ehr.test/fhir",
                 "context": {"userId": "Practitioner/dr-1", "patientId": "%s"},
                 "prefetch": {"patient": %s}}""".formatted(UUID.randomUUID(), patientId, prefetchedPatient);
    }

    private static String encounterStart(String patientId, String encounterId, String patient, String encounter) {
        return """
                {"hookInstance": "%s", "hook": "encounter-start",
                 "context": {"userId": "Practitioner/dr-1", "patientId": "%s", "encounterId": "%s"},
                 "prefetch": {"patient": %s, "encounter": %s}}"""
                .formatted(UUID.randomUUID(), patientId, encounterId, patient, encounter);
    }

    private static String ehrPatient(String id, String system, String value) {
        return """
                {"resourceType": "Patient", "id": "%s", "identifier": [{"use": "usual", "type": {"coding": [{
                  "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                  "system": "%s", "value": "%s"}], "name": [{"family": "Cds", "given": ["Testpatient"]}]}"""
                .formatted(id, system, value);
    }

    private static String ehrEncounter(String id, String visit) {
        return """
                {"resourceType": "Encounter", "id": "%s", "status": "in-progress",
                 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
                 "identifier": [{"system": "urn:chartbrief:visit:RIVERSIDE", "value": "%s"}]}""".formatted(id, visit);
    }
}
