package io.chartbrief.inbox.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinician page in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}) against the
 * real service in demo mode, a real Kafka broker and PostgreSQL: a demo clinician signs in, a summary document
 * published on {@code ehr.summaries} appears live in the list (no reload), is opened (marked read; its unverifiable
 * item apart, labelled, after the recommendations), its evidence is expanded, it is acknowledged, and a newer summary marks it superseded live. A screenshot of the open summary
 * is written to {@code target/screenshots/inbox.png}.
 *
 * <p>Without Chromium/chromedriver the test is skipped, unless {@code CHARTBRIEF_REQUIRE_BROWSER=1} (CI), where
 * it fails. Paths: {@code -Dchartbrief.chromium=...}, {@code -Dchartbrief.chromedriver=...}.
 */
@QuarkusTest
@TestProfile(InboxBrowserIT.DemoMode.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
@EnabledIf(value = "browserRunnable",
        disabledReason = "Chromium/chromedriver not installed (apt-get install chromium chromium-driver); "
                + "set CHARTBRIEF_REQUIRE_BROWSER=1 to make this a failure")
class InboxBrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("chartbrief.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chartbrief.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String AI_NOTICE = "AI-generated content — verify against the chart before acting";

    /**
     * The service as the local demo stack runs it: the {@code demo} configuration profile (demo sign-in with the
     * per-process key; none of the test profile's fixed test keys), on the test's broker and database.
     */
    public static class DemoMode implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "demo";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chartbrief.cds.clients.ehr.issuer", EHR_ISSUER,
                    "chartbrief.cds.clients.ehr.jwks-location", ehrJwks().toString(),
                    "quarkus.log.category.\"kafka\".level", "WARN",
                    "quarkus.log.category.\"state.change.logger\".level", "WARN",
                    "quarkus.log.category.\"io.zonky\".level", "WARN",
                    "quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR",
                    // No DevTools (CDP) use here: Selenium's note that it lacks this Chromium's CDP version is noise.
                    "quarkus.log.category.\"org.openqa.selenium.devtools\".level", "ERROR");
        }
    }

    static final String EHR_ISSUER = "https://ehr.test/issuer";
    private static PublicJsonWebKey ehrKey;

    /** The EHR's (CDS client's) public key as a JWK Set file; the key pair is made once per run. */
    static synchronized Path ehrJwks() {
        try {
            if (ehrKey == null) {
                ehrKey = EcJwkGenerator.generateJwk(EllipticCurves.P384);
                ehrKey.setKeyId("browser-ehr");
            }
            Path file = Path.of("target", "cds-ehr-jwks.json").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, new JsonWebKeySet(ehrKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            return file;
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Runs when the browser is there, and when it is required (then it fails in {@link #startBrowser()}). */
    static boolean browserRunnable() {
        return browserInstalled() || "1".equals(System.getenv("CHARTBRIEF_REQUIRE_BROWSER"));
    }

    @TestHTTPResource("/")
    URL page;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static ChromeDriverService service;
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!browserInstalled()) {
            throw new IllegalStateException("CHARTBRIEF_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install -y --no-install-recommends chromium chromium-driver");
        }
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory("chartbrief-chromium-");
        // The Debian driver, named explicitly: Selenium Manager never looks for (or downloads) one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1300", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void clinicianSeesASummaryArriveLiveOpensItsEvidenceAndAcknowledgesIt() throws Exception {
        try {
            walkThrough();
        } catch (AssertionError | RuntimeException e) {
            keepEvidenceOfFailure();
            throw e;
        }
    }

    private void walkThrough() throws Exception {
        // List rows are re-rendered on every change: a row found a moment ago may be stale; look again.
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(page.toString());

        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ai-notice")));
        assertThat(notice.getText()).contains(AI_NOTICE);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("login-okafor"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "live"));
        assertThat(browser.findElement(By.id("connection-status")).getText()).isEqualTo("Live");
        assertThat(browser.findElement(By.id("ai-notice")).isDisplayed()).isTrue();
        String token = (String) script("return sessionStorage.getItem('chartbrief.inbox.token');");
        assertThat(token).as("demo token kept in sessionStorage").isNotBlank();
        script("window.chartbriefNoReload = 'same page';");

        String patientId = "p-" + UUID.randomUUID();
        String family = "Browser" + patientId.substring(2, 8);
        String requestId = UUID.randomUUID().toString();
        publish(requestId, patientId, family, "Admitted with community-acquired pneumonia. Potassium is low.");

        // Arrives through the live stream, at the top, unread, without a page reload.
        By newest = By.cssSelector("#item-list li.item:first-child");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(newest, "Ada " + family));
        WebElement item = browser.findElement(newest);
        String itemId = item.getAttribute("data-id");
        assertThat(item.getAttribute("class")).contains("unread");
        assertThat(item.getAttribute("data-arrival")).as("delivered by the live stream").isEqualTo("live");
        assertThat(item.getText()).contains("Admitted with community-acquired pneumonia.")
                .contains("Partially verified").contains("Extractive");
        assertThat(script("return window.chartbriefNoReload;")).isEqualTo("same page");

        // Opened with the keyboard: the detail shows the document and the item is marked read (also on the server).
        itemElement(itemId).sendKeys(Keys.ENTER);
        WebElement detail = browser.findElement(By.id("detail"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail h2"), "Ada " + family));
        wait.until(ExpectedConditions.attributeToBe(By.id("detail-state"), "data-state", "read"));
        wait.until(d -> !itemElement(itemId).getAttribute("class").contains("unread"));
        assertThat(detail.getText()).contains("Patient summary (extracted from the chart)")
                .contains("Admitted with community-acquired pneumonia. Potassium is low.")
                .contains("Active problems").contains("Community-acquired pneumonia")
                .contains("Replace potassium and recheck tomorrow morning").contains("Priority: high")
                .contains("Partially verified").contains("Extractive");
        assertThat(browser.findElement(By.id("verification-counts")).getText())
                .isEqualTo("5 of 7 items verified · 1 not verifiable · 1 removed as contradicted");

        // The unverifiable item: only in its own labelled section, after the recommendations, with its reason.
        WebElement apart = detail.findElement(By.cssSelector("section.summary-section.unverified[data-code='unverified']"));
        assertThat(apart.findElement(By.cssSelector("h3")).getText()).isEqualTo("Not verified against the chart");
        assertThat(apart.getText()).contains(SummaryDocumentFixture.UNVERIFIED_TEXT).contains("Not verified")
                .contains("From: Medications")
                .contains("Not verified: " + SummaryDocumentFixture.UNVERIFIED_REASON)
                .contains("Read the record");
        assertThat(detail.findElements(By.cssSelector("section.summary-section:not(.unverified)")))
                .allSatisfy(s -> assertThat(s.getText()).doesNotContain(SummaryDocumentFixture.UNVERIFIED_TEXT));
        assertThat(script("var s = document.querySelectorAll('#detail section.summary-section');"
                + " return s[s.length - 1].dataset.code;")).isEqualTo("unverified");
        given().auth().oauth2(token).get("/api/inbox/" + itemId).then().statusCode(200).body("state", equalTo("read"));

        // The Results item's evidence: hidden until its toggle is pressed, then the chart fact's display and date.
        WebElement results = detail.findElement(By.cssSelector("section.summary-section[data-code='30954-2']"));
        WebElement toggle = results.findElement(By.cssSelector(".evidence-toggle"));
        WebElement evidence = results.findElement(By.cssSelector(".evidence"));
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(evidence.isDisplayed()).isFalse();
        toggle.click();
        wait.until(ExpectedConditions.visibilityOf(evidence));
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(evidence.getText()).contains(SummaryDocumentFixture.POTASSIUM_DISPLAY)
                .contains(SummaryDocumentFixture.POTASSIUM_DATE);

        // The note item: its quote, the note's title, date and section; its evidence shows the passage in context
        // with exactly the quote marked, all as text (the note's "<b>" is characters, never an element).
        WebElement notes = detail.findElement(By.cssSelector("section.summary-section[data-code='34109-9']"));
        assertThat(notes.findElement(By.cssSelector("h3")).getText()).isEqualTo("From the clinical notes");
        assertThat(notes.findElement(By.cssSelector(".note-quote")).getText()).contains(SummaryDocumentFixture.NOTE_QUOTE);
        assertThat(notes.findElement(By.cssSelector(".note-title")).getText()).isEqualTo(SummaryDocumentFixture.NOTE_TITLE);
        assertThat(notes.findElement(By.cssSelector(".note-date")).getText()).isEqualTo(SummaryDocumentFixture.NOTE_DATE);
        assertThat(notes.findElement(By.cssSelector(".note-section")).getText()).isEqualTo("History of present illness");
        WebElement noteToggle = notes.findElement(By.cssSelector(".evidence-toggle"));
        WebElement context = notes.findElement(By.cssSelector(".note-context"));
        assertThat(context.isDisplayed()).isFalse();
        noteToggle.click();
        wait.until(ExpectedConditions.visibilityOf(context));
        assertThat(context.findElement(By.cssSelector("figcaption")).getText())
                .isEqualTo("In the note — History of present illness");
        assertThat(context.findElement(By.cssSelector("mark.note-highlight")).getText())
                .isEqualTo(SummaryDocumentFixture.NOTE_QUOTE);
        String contextJs = "var p = document.querySelector(\"#detail section[data-code='34109-9'] .note-context-text\");";
        assertThat(script(contextJs + " return p.textContent;")).isEqualTo(SummaryDocumentFixture.NOTE_CONTEXT);
        // The mark starts where the quote lies in the context: its offset in the note minus the context's.
        int quoteStart = SummaryDocumentFixture.NOTE_TEXT.indexOf(SummaryDocumentFixture.NOTE_QUOTE);
        int contextStart = SummaryDocumentFixture.NOTE_TEXT.indexOf(SummaryDocumentFixture.NOTE_CONTEXT);
        assertThat(script(contextJs + " var m = p.querySelector('mark'); var n = 0;"
                + " for (var c = p.firstChild; c !== m; c = c.nextSibling) { n += c.textContent.length; } return n;"))
                .isEqualTo((long) (quoteStart - contextStart));
        assertThat(script(contextJs + " return p.querySelectorAll('mark').length;")).isEqualTo(1L);
        assertThat(script("return document.querySelectorAll('#detail b').length;")).isEqualTo(0L);
        assertThat(context.getText()).contains("No chest pain.").doesNotContain("Crackles");
        assertThat(notes.findElement(By.cssSelector(".evidence")).getText()).contains("History and physical note")
                .contains(SummaryDocumentFixture.NOTE_DATE);

        // Acknowledge (the evidence stays open for the screenshot).
        WebElement ack = browser.findElement(By.id("ack-button"));
        assertThat(ack.isEnabled()).isTrue();
        ack.click();
        wait.until(ExpectedConditions.attributeToBe(By.id("detail-state"), "data-state", "acknowledged"));
        assertThat(browser.findElement(By.id("detail-state")).getText()).contains("Acknowledged");
        assertThat(browser.findElement(By.id("ack-button")).isEnabled()).isFalse();
        wait.until(d -> itemElement(itemId).getAttribute("class").contains("acknowledged"));
        given().auth().oauth2(token).get("/api/inbox/" + itemId).then().statusCode(200)
                .body("state", equalTo("acknowledged"));
        screenshot("inbox.png");

        // A newer summary for the same encounter arrives live and marks the open one superseded.
        String newerId = UUID.randomUUID().toString();
        publish(newerId, patientId, family, "Pneumonia improving on treatment. Potassium replaced.");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(newest, "Pneumonia improving on treatment."));
        wait.until(d -> itemElement(itemId).getAttribute("class").contains("superseded"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#detail .superseded-notice")));
        assertThat(script("return window.chartbriefNoReload;")).isEqualTo("same page");
        assertThat(browser.findElements(By.cssSelector("#item-list li.item[data-id='" + itemId + "']"))).hasSize(1);
        screenshot("inbox-superseded.png");
    }

    @Test
    void theLinkOfAnEhrsCdsHooksCardOpensThatSummaryInTheInbox() throws Exception {
        try {
            String patientId = "p-" + UUID.randomUUID();
            String family = "Card" + patientId.substring(2, 8);
            publish(UUID.randomUUID().toString(), patientId, family, "Admitted for a CDS card test.");
            // The EHR calls patient-view (the spec's request shape) until the consumed summary is its card.
            String service = page + "cds-services/chartbrief-patient-summary";
            String body = ("{\"hookInstance\": \"" + UUID.randomUUID() + "\", \"hook\": \"patient-view\", "
                    + "\"context\": {\"userId\": \"Practitioner/okafor\", \"patientId\": \"ehr-1\"}, "
                    + "\"prefetch\": {\"patient\": {\"resourceType\": \"Patient\", \"id\": \"ehr-1\", \"identifier\": "
                    + "[{\"system\": \"urn:chartbrief:mrn:RIVERSIDE\", \"value\": \"MRN-" + patientId + "\"}]}}}");
            String[] link = new String[1];
            new WebDriverWait(browser, WAIT).until(d -> {
                List<String> urls = given().header("Authorization", "Bearer " + ehrToken(service))
                        .contentType("application/json").body(body).post(service).then().statusCode(200)
                        .extract().jsonPath().getList("cards.links.flatten().url");
                link[0] = urls.isEmpty() ? null : urls.get(0);
                return link[0] != null;
            });
            assertThat(link[0]).startsWith(page.toString()).contains("#item=");

            browser.get(link[0]);
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            wait.ignoring(StaleElementReferenceException.class);
            wait.until(d -> !d.findElements(By.cssSelector("#login:not([hidden]) #login-okafor")).isEmpty()
                    || !d.findElements(By.cssSelector("#inbox:not([hidden])")).isEmpty());
            List<WebElement> login = browser.findElements(By.cssSelector("#login:not([hidden]) #login-okafor"));
            if (!login.isEmpty()) {
                login.get(0).click();
            }
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#detail h2"), "Ada " + family));
            assertThat(browser.findElement(By.id("detail")).getText()).contains("Admitted for a CDS card test.");
        } catch (AssertionError | RuntimeException e) {
            keepEvidenceOfFailure();
            throw e;
        } finally {
            // Leave the tab signed out, as the other test expects to find it.
            script("sessionStorage.clear();");
            browser.get("about:blank");
        }
    }

    private static String ehrToken(String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(EHR_ISSUER);
        claims.setSubject("browser-ehr-client");
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(ehrKey.getPrivateKey());
        jws.setKeyIdHeaderValue(ehrKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(String requestId, String patientId, String family, String narrative) {
        String patient = "Patient/" + patientId;
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            kafka.send(Topics.SUMMARIES, patient, SummaryDocumentFixture.json(requestId, patientId, family, narrative),
                    Map.of(EventHeaders.SUMMARY_REQUEST_ID, requestId,
                            EventHeaders.SUMMARY_ENGINE, "extractive",
                            EventHeaders.SUMMARY_STATUS, "partially-verified",
                            EventHeaders.PATIENT_KEY, patient,
                            EventHeaders.SUMMARY_ENCOUNTER, "Encounter/enc-" + patientId));
        }
    }

    private WebElement itemElement(String id) {
        return browser.findElement(By.cssSelector("#item-list li.item[data-id='" + id + "']"));
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Screenshot, DOM and browser console of a failed run, under target/screenshots. */
    private static void keepEvidenceOfFailure() {
        try {
            screenshot("failure.png");
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
            List<String> console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(Object::toString).toList();
            Files.write(SCREENSHOTS.resolve("failure-console.log"), console);
        } catch (Exception e) {
            System.err.println("InboxBrowserIT: could not keep the failure's screenshot/DOM/console: " + e);
        }
    }
}
