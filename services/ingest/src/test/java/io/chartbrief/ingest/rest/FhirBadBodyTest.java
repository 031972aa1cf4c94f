package io.chartbrief.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every bad body gets 400/413/415/422 with an OperationOutcome, never 500; framework errors too. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class FhirBadBodyTest {

    @TestHTTPResource("/")
    URL root;

    private static String token() {
        return Fixtures.intakeToken();
    }

    private static void answers(String path, String body, int status, String diagnostics) {
        given().auth().oauth2(token()).contentType("application/fhir+json").body(body.getBytes(StandardCharsets.UTF_8))
                .post(path)
                .then().statusCode(status)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(diagnostics));
    }

    @Test
    void threeMegabytesOfNestingIs422() {
        String deep = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"extension\":" + "[".repeat(1_500_000)
                + "]".repeat(1_500_000) + "}";
        answers("/fhir/r4/Patient", deep, 422, "max-depth (64)");
    }

    @Test
    void aMillionEmptyEntriesIs413() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + "{},".repeat(999_999)
                + "{}]}";
        answers("/fhir/r4", bundle, 413, "max-bundle-entries (10000)");
    }

    @Test
    void fourHundredThousandNamesIs413() {
        String names = "{\"family\":\"T\"},".repeat(399_999); // 6 MB: below the body limit
        answers("/fhir/r4/Patient", "{\"resourceType\":\"Patient\",\"id\":\"p2\",\"name\":[" + names
                + "{\"family\":\"Testpatient\"}]}", 413, "max-array-items (10000)");
    }

    @Test
    void wrongTypesAndShapesAre4xx() {
        answers("/fhir/r4/Patient", "{\"resourceType\":5}", 400, "");
        answers("/fhir/r4/Patient", "[]", 400, "");
        answers("/fhir/r4/Patient", "{\"resourceType\":{\"a\":1}}", 400, "");
        answers("/fhir/r4/NotAType", "{\"resourceType\":\"Patient\",\"id\":\"p3\"}", 400, "");
        answers("/fhir/r4", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}}]}", 422, "");
        answers("/fhir/r4", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":7}", 422, "");
        answers("/fhir/r4/Patient", "{\"resourceType\":\"Patient\",\"id\":\"a\\u0000b\"}", 422, "NUL");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = "{\"resourceType\":\"Patient\",\"id\":\"p4\",\"name\":[{\"family\":\"X\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        body[body.length - 6] = (byte) 0xC3; // a lead byte followed by an ASCII quote: malformed
        given().auth().oauth2(token()).contentType("application/fhir+json").body(body)
                .post("/fhir/r4/Patient")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("UTF-8"));
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /fhir/r4 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token()
                    + "\r\nContent-Type: application/fhir+json\r\nContent-Length: 50000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // no body is sent: an answer can only come from the declared length
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.indexOf("}") < 0; ) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (SocketTimeoutException e) {
                // whatever arrived is asserted below
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("OperationOutcome");
        }
    }

    @Test
    void frameworkErrorsAreOperationOutcomes() {
        given().auth().oauth2(token()).get("/fhir/r4")
                .then().statusCode(405).body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(token()).contentType("application/fhir+json").body("{}").post("/fhir/r5/" + UUID.randomUUID())
                .then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(token()).contentType("application/fhir+json").accept("text/html")
                .body("{\"resourceType\":\"Patient\",\"id\":\"p5\"}").post("/fhir/r4/Patient")
                .then().statusCode(406).body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(token()).contentType("text/plain").body("x").post("/fhir/r4/Patient")
                .then().statusCode(415).body("resourceType", equalTo("OperationOutcome"));
    }
}
