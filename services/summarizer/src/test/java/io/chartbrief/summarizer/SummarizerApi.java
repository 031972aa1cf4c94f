package io.chartbrief.summarizer;

import io.chartbrief.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Calls of the summarizer API in tests: a valid token of the test key (see {@code TestTokens.KeyResource}). */
final class SummarizerApi {

    /** The summarizer API's token audience. */
    static final String AUDIENCE = "chartbrief-summarizer";

    private SummarizerApi() {
    }

    /** A REST Assured request with a service token holding both summarizer roles (reads and requests). */
    static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(TestTokens.token(AUDIENCE, "summary-read", "summary-request"));
    }
}
