package io.chartbrief.inbox.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The page shell and its assets over HTTP (the browser behaviour is {@link InboxBrowserIT}). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class InboxPageTest {

    @Test
    void shellIsPublicCarriesTheAiNoticeAndNoInlineCode() {
        Response page = given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().response();
        String html = page.asString();
        assertThat(html).contains("id=\"ai-notice\"")
                .contains("AI-generated content — verify against the chart before acting")
                .contains("id=\"connection-status\"").contains("id=\"item-list\"").contains("id=\"detail\"")
                .contains("<script type=\"module\" src=\"/js/main.js\"></script>")
                .contains("data-demo=\"false\"")  // demo sign-in is off unless chartbrief.inbox.demo.enabled
                .doesNotContain("<script>").doesNotContain("style=").doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void scriptModulesAndStylesheetAreServedWithoutAuthentication() throws IOException {
        try (Stream<Path> sources = Files.list(Path.of("src/main/resources/META-INF/resources/js"))) {
            assertThat(sources.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(MODULES);
        }
        StringBuilder scripts = new StringBuilder();
        for (String module : MODULES) {
            scripts.append(given().get("/js/" + module).then().statusCode(200)
                    .contentType(containsString("javascript")).extract().asString());
        }
        assertThat(scripts).contains("/api/inbox/stream").contains("from './auth.js'");
        // Server data is written with textContent only (docs/inbox-page.md); the page never parses HTML.
        assertThat(scripts.toString())
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        given().get("/inbox.css").then().statusCode(200).contentType(containsString("text/css"));
        // The document codes the page matches on, written by the service from the contract (detail.js imports it).
        given().get("/js/contract.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("export const RECOMMENDATIONS_SECTION = \"18776-5\";"));
    }

    /** Every module of the page, as main.js imports them (directly or through another module). */
    static final List<String> MODULES = List.of("main.js", "api.js", "auth.js", "detail.js", "dom.js", "labels.js",
            "list.js", "order.js", "quote.js", "session.js", "sse.js", "status.js", "stream.js");

    @Test
    void demoEndpointsAreAbsentOutsideDemoMode() {
        given().get("/demo/clinicians").then().statusCode(404);
    }
}
