package io.chartbrief.summary.remote;

import static io.chartbrief.summary.images.ImageFixtures.document;
import static io.chartbrief.summary.images.ImageFixtures.image;
import static io.chartbrief.summary.images.ImageFixtures.with;
import static io.chartbrief.summary.remote.ChatCompletionsServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.summary.AcceptancePolicy;
import io.chartbrief.summary.ChartFixtures;
import io.chartbrief.summary.ExtractiveEngine;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.images.ImageFixtures;
import io.chartbrief.summary.images.ImageLimits;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.remote.RemoteEngineConfig.StructuredOutput;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chart images to a model server that reads them (multimodal MedGemma): the image parts of the request as
 * llama-server/vLLM (OpenAI content parts) and Ollama ({@code images}) take them, the caps, the prompt's image
 * aliases, and what the summary says of images — a finding read from an image alone is never shown as verified.
 */
class RemoteEngineImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatCompletionsServer server = new ChatCompletionsServer();
    private final byte[] xray = image("jpg", 64, 48);
    private final ClinicalChart chart = ClinicalChart.of(with(ChartFixtures.admissionChart(),
            document("cxr-1", "2026-11-30", "Chest X-ray PA", "image/jpeg", xray),
            document("big-1", "2026-11-29", "Scan", "image/jpeg", ImageFixtures.jpegOfSize(40 * 1024 * 1024)),
            document("pdf-1", "2026-11-28", "Discharge letter", "application/pdf", "%PDF-1.4".getBytes())), null, null);

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteEngineConfig config() {
        return RemoteEngineConfig.defaults(server.baseUrl(), "medgemma-4b-it")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .withRetries(0, Duration.ofMillis(20), Duration.ofSeconds(1));
    }

    /** The request's text part (the prompt), whatever the message shape. */
    private static String promptOf(ChatCompletionsServer.Request request) {
        JsonNode content = request.body().at("/messages/0/content");
        return content.isArray() ? content.path(0).path("text").asText() : content.asText();
    }

    @Test
    void anImageWithinTheCapsGoesAsOneImagePartAndTheOthersAreSaidNotRead() throws Exception {
        RemoteEngine engine = new RemoteEngine(config(), ImageLimits.DEFAULTS, RemoteEngine.Observer.NONE);
        server.then(request -> Reply.json(ChatCompletionsServer.llamaServerCompletion(
                ChatCompletionsServer.verifiableAnswer(promptOf(request)), 900, 60)));

        PatientSummary draft = engine.summarize(chart);

        JsonNode content = server.requests().get(0).body().at("/messages/0/content");
        assertThat(content).hasSize(2);
        assertThat(content.path(0).path("type").asText()).isEqualTo("text");
        assertThat(content.path(0).path("text").asText())
                .contains(RemoteEngine.IMAGES_HEADING, "[I1] image 64×48 of DocumentReference/cxr-1")
                .doesNotContain("[I2]");
        assertThat(content.path(1).path("type").asText()).isEqualTo("image_url");
        String url = content.path(1).at("/image_url/url").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        assertThat(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))).isEqualTo(xray);
        assertThat(server.requests().get(0).body().at("/response_format/json_schema/schema/$defs/alias/enum")
                .toString()).contains("\"I1\"");
        assertThat(draft.engine().images()).isEqualTo(new EngineInfo.Images(1,
                List.of("DocumentReference/big-1#content[0]: 40.0 MB, over the 8.0 MB cap")));
    }

    @Test
    void ollamaGetsTheImageAsBase64InTheMessage() throws Exception {
        RemoteEngine engine = new RemoteEngine(config().withStructuredOutput(StructuredOutput.OLLAMA),
                ImageLimits.DEFAULTS, RemoteEngine.Observer.NONE);
        server.then(request -> Reply.json(ChatCompletionsServer.ollamaChat(
                ChatCompletionsServer.verifiableAnswer(promptOf(request)), 900, 60)));

        engine.summarize(chart);

        JsonNode message = server.requests().get(0).body().at("/messages/0");
        assertThat(message.path("content").isTextual()).isTrue();
        assertThat(message.path("content").asText()).contains("[I1] image 64×48");
        assertThat(message.path("images")).hasSize(1);
        assertThat(Base64.getDecoder().decode(message.path("images").path(0).asText())).isEqualTo(xray);
    }

    @Test
    void aTextOnlyModelGetsNoImagesAndTheSummarySaysSo() throws Exception {
        RemoteEngine engine = new RemoteEngine(config(), RemoteEngine.Observer.NONE);
        server.then(request -> Reply.json(ChatCompletionsServer.llamaServerCompletion(
                ChatCompletionsServer.verifiableAnswer(promptOf(request)), 900, 60)));

        PatientSummary draft = engine.summarize(chart);

        JsonNode content = server.requests().get(0).body().at("/messages/0/content");
        assertThat(content.isTextual()).isTrue();
        assertThat(content.asText()).doesNotContain("[I1]");
        assertThat(draft.engine().images()).isEqualTo(new EngineInfo.Images(0, List.of(
                "DocumentReference/cxr-1#content[0]: " + RemoteEngine.NO_VISION,
                "DocumentReference/big-1#content[0]: " + RemoteEngine.NO_VISION)));
    }

    @Test
    void aFindingReadFromTheImageAloneIsNotShownAsVerified() {
        RemoteEngine engine = new RemoteEngine(config(), ImageLimits.DEFAULTS, RemoteEngine.Observer.NONE);
        server.then(request -> {
            try {
                ObjectNode answer = (ObjectNode) JSON.readTree(ChatCompletionsServer.verifiableAnswer(promptOf(request)));
                ObjectNode finding = answer.withArray("results").addObject();
                finding.put("text", "Right lower lobe consolidation on the chest X-ray");
                finding.putArray("evidence").add("I1");
                finding.putObject("claim").put("about", "I1");
                return Reply.json(ChatCompletionsServer.llamaServerCompletion(answer.toString(), 900, 80));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // A lenient policy keeps the model's summary (the default would fall back to extractive over one such item).
        Summarizer summarizer = new Summarizer(engine, new ExtractiveEngine(), new AcceptancePolicy(0.5, 1));

        PatientSummary summary = summarizer.summarize(chart);

        assertThat(summary.engine().kind()).isEqualTo(EngineInfo.REMOTE);
        assertThat(summary.results()).extracting(SummaryItem::text)
                .noneMatch(text -> text.contains("consolidation"));
        // Nothing but pixels supports it: not contradicted, not checkable — out of the sections, listed as not
        // verified with the image it cites (the document's "Not verified" section), never shown as verified.
        assertThat(summary.verification().dropped()).extracting(DroppedItem::text)
                .noneMatch(text -> text.contains("consolidation"));
        assertThat(summary.verification().unverified()).as(summary.verification().toString())
                .filteredOn(d -> d.text().contains("consolidation")).singleElement().satisfies(d -> {
                    assertThat(d.evidence()).containsExactly("DocumentReference/cxr-1");
                    assertThat(d.reason()).contains("holds an image").contains("does not verify what a model reads");
                });
    }
}
