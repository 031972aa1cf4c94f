package io.chartbrief.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/**
 * The bearer-token contract of a service's PHI endpoints, checked over real HTTP against the service under test
 * (REST Assured's current base URI and port): every token of {@link TestTokens#rejected} is 401 with
 * {@code WWW-Authenticate: Bearer} (an OperationOutcome with code {@code login} under {@code /fhir/}, else a JSON
 * error {@code unauthorized}); a valid token without the endpoint's role is 403 ({@code forbidden}); a valid token
 * with it is answered.
 */
public final class EndpointAuth {

    /** One endpoint: how to call it, the role it needs, what a valid call answers. */
    public record Endpoint(String method, String path, String role, int ok) {

        boolean fhir() {
            return path.startsWith("/fhir/");
        }

        Response call(String token) {
            RequestSpecification request = RestAssured.given().urlEncodingEnabled(false);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return method.equals("POST") ? request.post(path) : request.get(path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private EndpointAuth() {
    }

    /** Every bad token (see {@link TestTokens#rejected}), carrying the endpoint's role, is 401 on every endpoint. */
    public static void everyBadTokenIs401(String audience, List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            for (Map.Entry<String, String> bad : TestTokens.rejected(audience, endpoint.role()).entrySet()) {
                Response response = endpoint.call(bad.getValue());
                String what = endpoint + " with " + bad.getKey();
                assertThat(response.statusCode()).as(what).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).as(what).startsWith("Bearer");
                if (endpoint.fhir()) {
                    assertThat(response.jsonPath().getString("resourceType")).as(what).isEqualTo("OperationOutcome");
                    assertThat(response.jsonPath().getString("issue[0].code")).as(what).isEqualTo("login");
                } else {
                    assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(401);
                    assertThat(response.jsonPath().getString("error")).as(what).isEqualTo("unauthorized");
                }
            }
        }
    }

    /**
     * A valid token with no role, and one with each of {@code otherRoles} other than the endpoint's own, is 403 on
     * every endpoint.
     */
    public static void withoutTheRoleIs403(String audience, List<Endpoint> endpoints, String... otherRoles) {
        for (Endpoint endpoint : endpoints) {
            List<String[]> tokens = new java.util.ArrayList<>();
            tokens.add(new String[0]);
            for (String role : otherRoles) {
                if (!role.equals(endpoint.role())) {
                    tokens.add(new String[] {role});
                }
            }
            for (String[] roles : tokens) {
                Response response = endpoint.call(TestTokens.token(audience, roles));
                String what = endpoint + " with roles " + List.of(roles);
                assertThat(response.statusCode()).as(what).isEqualTo(403);
                assertThat(response.jsonPath().getString(endpoint.fhir() ? "issue[0].code" : "error")).as(what)
                        .isEqualTo("forbidden");
            }
        }
    }

    /** A valid token with the endpoint's role, and one with each of {@code alsoGranted}, is answered. */
    public static void validTokensAreAnswered(String audience, List<Endpoint> endpoints, String... alsoGranted) {
        for (Endpoint endpoint : endpoints) {
            List<String> roles = new java.util.ArrayList<>(List.of(endpoint.role()));
            roles.addAll(List.of(alsoGranted));
            for (String role : roles) {
                assertThat(endpoint.call(TestTokens.token(audience, role)).statusCode())
                        .as("%s with role %s", endpoint, role).isEqualTo(endpoint.ok());
            }
        }
    }
}
