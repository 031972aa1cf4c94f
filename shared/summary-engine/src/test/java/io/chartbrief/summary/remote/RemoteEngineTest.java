package io.chartbrief.summary.remote;

import static io.chartbrief.summary.remote.ChatCompletionsServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.AcceptancePolicy;
import io.chartbrief.summary.ChartFixtures;
import io.chartbrief.summary.ExtractiveEngine;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.VerificationStatus;
import io.chartbrief.summary.prompt.ChartPrompt;
import io.chartbrief.summary.prompt.PromptBuilder;
import io.chartbrief.summary.remote.RemoteEngineConfig.StructuredOutput;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remote engine against a chat-completions test server answering as llama-server, vLLM and Ollama document:
 * the request it sends, the summary it reads, and every way the exchange can fail.
 */
class RemoteEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-0123456789";

    private final ChatCompletionsServer server = new ChatCompletionsServer();
    private final ClinicalChart chart = ClinicalChart.of(ChartFixtures.admissionChart(), null, null);
    private final List<String> outcomes = new ArrayList<>();
    private int retries;
    private final RemoteEngine.Observer observer = new RemoteEngine.Observer() {
        @Override
        public synchronized void outcome(RemoteEngine.Outcome outcome) {
            outcomes.add(outcome.code());
        }

        @Override
        public synchronized void retried() {
            retries++;
        }
    };

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteEngineConfig config() {
        return RemoteEngineConfig.defaults(server.baseUrl(), "medgemma-27b-it").withApiKey(KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
                .withRetries(2, Duration.ofMillis(20), Duration.ofSeconds(2));
    }

    private RemoteEngine engine(RemoteEngineConfig config) {
        return new RemoteEngine(config, observer);
    }

    @Test
    void sendsThePromptAndSchemaAsLlamaServerExpectsAndReadsItsAnswer() throws Exception {
        RemoteEngine engine = engine(config());
        server.then(request -> Reply.json(ChatCompletionsServer.llamaServerCompletion(
                ChatCompletionsServer.verifiableAnswer(request.userMessage()), 1234, 56)));

        PatientSummary draft = engine.summarize(chart);

        ChatCompletionsServer.Request request = server.requests().get(0);
        ChartPrompt prompt = engine.prompt(chart);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = request.body();
        assertThat(body.path("model").asText()).isEqualTo("medgemma-27b-it");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo(prompt.userMessage())
                .startsWith(PromptBuilder.SYSTEM_TEXT).contains("[C1] Pneumonia");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("temperature").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.path("seed").asInt()).isEqualTo(42);
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("patient_summary");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(body.at("/response_format/json_schema/schema")).isEqualTo(JSON.readTree(engine.outputSchema(prompt)));
        assertThat(body.at("/response_format/json_schema/schema/$defs/alias/enum").toString()).contains("\"C1\"");
        assertThat(body.has("format")).isFalse();

        assertThat(draft.engine()).isEqualTo(new EngineInfo(EngineInfo.REMOTE, "gpt-3.5-turbo", null, null));
        assertThat(draft.tokens().prompt()).isEqualTo(1234);
        assertThat(draft.tokens().output()).isEqualTo(56);
        assertThat(draft.tokens().factsIncluded()).isEqualTo(prompt.facts().size());
        assertThat(draft.problems()).extracting(SummaryItem::evidence)
                .contains(List.of("Condition/c-pneu"), List.of("Condition/c-htn"));
        assertThat(draft.problems().get(0).claim().about()).isEqualTo("Condition/c-pneu");
        assertThat(draft.narrativeEvidence()).containsExactly("Condition/c-pneu");
        assertThat(outcomes).containsExactly("ok");
    }

    @Test
    void vllmAnswerWithAThinkingBlockBeforeTheJson() throws Exception {
        RemoteEngine engine = engine(config());
        server.then(request -> Reply.json(ChatCompletionsServer.openAiCompletion("<unused94>thought\nThe patient "
                + "has {pneumonia} [C1].<unused95>" + ChatCompletionsServer.verifiableAnswer(request.userMessage()),
                "google/medgemma-27b-it", 900, 80)));
        server.then(request -> Reply.json(ChatCompletionsServer.openAiCompletion("<think>{\"narrative\":\"no\"}"
                + "</think>\n" + ChatCompletionsServer.verifiableAnswer(request.userMessage()), "qwen", 900, 80)));

        PatientSummary draft = engine.summarize(chart);
        PatientSummary other = engine.summarize(chart);

        assertThat(draft.engine().model()).isEqualTo("google/medgemma-27b-it");
        assertThat(draft.narrative()).startsWith("Admitted with Pneumonia");
        assertThat(draft.problems()).isNotEmpty();
        assertThat(other.narrative()).startsWith("Admitted with Pneumonia");
    }

    @Test
    void readsAStreamedAnswerAlthoughNoneWasAsked() throws Exception {
        RemoteEngine engine = engine(config());
        server.then(request -> Reply.events(ChatCompletionsServer.eventStream(
                ChatCompletionsServer.verifiableAnswer(request.userMessage()), 7, 700, 90)));

        PatientSummary draft = engine.summarize(chart);

        assertThat(draft.problems()).extracting(SummaryItem::evidence).contains(List.of("Condition/c-pneu"));
        assertThat(draft.tokens().prompt()).isEqualTo(700);
        assertThat(draft.tokens().output()).isEqualTo(90);
        assertThat(draft.engine().model()).isEqualTo("google/medgemma-27b-it");
    }

    @Test
    void ollamaModeSendsFormatAndContextToTheNativeChatApi() throws Exception {
        RemoteEngine engine = engine(config().withStructuredOutput(StructuredOutput.OLLAMA));
        server.then(request -> Reply.json(ChatCompletionsServer.ollamaChat(
                ChatCompletionsServer.verifiableAnswer(request.userMessage()), 640, 77)));

        PatientSummary draft = engine.summarize(chart);

        ChatCompletionsServer.Request request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/api/chat");
        JsonNode body = request.body();
        assertThat(body.path("format")).isEqualTo(JSON.readTree(engine.outputSchema(engine.prompt(chart))));
        assertThat(body.at("/options/num_ctx").asInt()).isEqualTo(8192);
        assertThat(body.at("/options/num_predict").asInt()).isEqualTo(1024);
        assertThat(body.at("/options/seed").asInt()).isEqualTo(42);
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(draft.engine().model()).isEqualTo("medgemma:27b");
        assertThat(draft.tokens().prompt()).isEqualTo(640);
        assertThat(draft.tokens().output()).isEqualTo(77);
        assertThat(draft.problems()).isNotEmpty();
    }

    @Test
    void ollamaNativeStreamAndNoSchemaMode() throws Exception {
        RemoteEngine ollama = engine(config().withStructuredOutput(StructuredOutput.OLLAMA));
        server.then(request -> {
            String answer = ChatCompletionsServer.verifiableAnswer(request.userMessage());
            int half = answer.length() / 2;
            return Reply.json("{\"model\":\"medgemma:27b\",\"message\":{\"role\":\"assistant\",\"content\":"
                    + JSON.valueToTree(answer.substring(0, half)) + "},\"done\":false}\n"
                    + "{\"model\":\"medgemma:27b\",\"message\":{\"role\":\"assistant\",\"content\":"
                    + JSON.valueToTree(answer.substring(half)) + "},\"done\":false}\n"
                    + "{\"model\":\"medgemma:27b\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":600,\"eval_count\":70}\n");
        });
        assertThat(ollama.summarize(chart).tokens().output()).isEqualTo(70);

        RemoteEngine plain = engine(config().withStructuredOutput(StructuredOutput.NONE));
        PatientSummary draft = plain.summarize(chart);
        JsonNode body = server.requests().get(1).body();
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.has("format")).isFalse();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(draft.problems()).isNotEmpty();
    }

    @Test
    void retriesA429AfterItsRetryAfterThenSucceeds() throws Exception {
        RemoteEngine engine = engine(config());
        server.then(Reply.error(429, Map.of("Retry-After", "1")));

        long start = System.nanoTime();
        PatientSummary draft = engine.summarize(chart);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1000);
        assertThat(server.requests()).hasSize(2);
        assertThat(draft.problems()).isNotEmpty();
        assertThat(retries).isEqualTo(1);
        assertThat(outcomes).containsExactly("ok");
    }

    @Test
    void a500GetsTheRetriesThenFailsWithoutTheServersText() {
        RemoteEngine engine = engine(config());
        server.otherwise(request -> Reply.error(500, Map.of()));

        assertThatThrownBy(() -> engine.summarize(chart)).isInstanceOf(SummaryEngineException.class)
                .hasMessage("HTTP 500 after 3 attempts").hasMessageNotContaining("Jane")
                .satisfies(e -> assertThat(((SummaryEngineException) e).reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(server.requests()).hasSize(3);
        assertThat(retries).isEqualTo(2);
        assertThat(outcomes).containsExactly("unavailable");
    }

    @Test
    void aRetryAfterBeyondTheBackoffCapEndsTheRetries() {
        RemoteEngine engine = engine(config());
        server.otherwise(request -> Reply.error(503, Map.of("Retry-After", "3600")));

        assertThatThrownBy(() -> engine.summarize(chart)).isInstanceOf(SummaryEngineException.class)
                .hasMessageContaining("HTTP 503, server asks to retry after 3600 s");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aHangingServerTimesOutAndIsNotAskedAgain() {
        RemoteEngine engine = engine(config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(600)));
        server.otherwise(request -> Reply.json("{}").after(30_000));

        long start = System.nanoTime();
        assertThatThrownBy(() -> engine.summarize(chart)).isInstanceOf(SummaryEngineException.class)
                .hasMessage("no answer within 600 ms")
                .satisfies(e -> assertThat(((SummaryEngineException) e).reason()).isEqualTo(Reason.TIMEOUT));
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(550L, 5_000L);
        assertThat(server.requests()).hasSize(1);
        assertThat(outcomes).containsExactly("timeout");
    }

    @Test
    void anUnreachableServerIsRetriedThenUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        RemoteEngineConfig config = RemoteEngineConfig.defaults(URI.create("http://127.0.0.1:" + port + "/v1"), "m")
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(100));
        RemoteEngine engine = engine(config);

        assertThatThrownBy(() -> engine.summarize(chart)).isInstanceOf(SummaryEngineException.class)
                .hasMessageStartingWith("server unreachable (").hasMessageEndingWith("after 2 attempts");
        assertThat(retries).isEqualTo(1);
    }

    @Test
    void malformedBodiesRefusalsAndEmptyAnswersAreUnparseable() {
        RemoteEngine engine = engine(config());
        server.then(Reply.json("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"narr"));
        server.then(Reply.json(ChatCompletionsServer.openAiCompletion("I cannot summarize this chart.", "m", 9, 9)));
        server.then(Reply.json("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"},"
                + "\"finish_reason\":\"stop\"}]}"));
        server.then(Reply.json(ChatCompletionsServer.openAiCompletion("<unused94>only thinking<unused95>  ", "m", 9,
                9)));
        server.then(Reply.json("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"{\\\"narrative\\\":\\\"Admitted with\"},\"finish_reason\":\"length\"}]}"));

        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try {
                engine.summarize(chart);
            } catch (SummaryEngineException e) {
                assertThat(e.reason()).isEqualTo(Reason.UNPARSEABLE);
                messages.add(e.getMessage());
            }
        }
        assertThat(messages).containsExactly("server answer is not valid JSON (line 1)",
                "no JSON object in model output", "model refused to answer", "empty answer",
                "answer cut at max-output-tokens (1024)");
        assertThat(outcomes).containsExactly("unparseable", "unparseable", "refused", "refused", "unparseable");
        // The server answered every time: no breaker failure.
        assertThat(engine.consecutiveFailures()).isZero();
    }

    @Test
    void aRejectedRequestIsNotRetried() {
        RemoteEngine engine = engine(config());
        server.otherwise(request -> Reply.error(401, Map.of()));

        assertThatThrownBy(() -> engine.summarize(chart)).isInstanceOf(SummaryEngineException.class)
                .hasMessage("server rejected the request (HTTP 401)")
                .satisfies(e -> assertThat(((SummaryEngineException) e).reason()).isEqualTo(Reason.ERROR));
        assertThat(server.requests()).hasSize(1);
        assertThat(outcomes).containsExactly("rejected");
    }

    @Test
    void theBreakerOpensAfterConsecutiveFailuresFailsFastThenRecovers() throws Exception {
        RemoteEngine engine = engine(config().withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10))
                .withBreaker(2, Duration.ofMillis(400)));
        server.then(Reply.error(502, Map.of())).then(Reply.error(503, Map.of()));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> engine.summarize(chart)).hasMessageStartingWith("HTTP 50");
        }
        assertThat(engine.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        long start = System.nanoTime();
        assertThatThrownBy(() -> engine.summarize(chart)).isInstanceOf(SummaryEngineException.class)
                .hasMessageStartingWith("circuit breaker open after 2 failed requests (trial in ")
                .satisfies(e -> assertThat(((SummaryEngineException) e).reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300);
        assertThat(server.requests()).hasSize(2); // failed fast: nothing sent

        Thread.sleep(450);
        assertThat(engine.breakerState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(engine.summarize(chart).problems()).isNotEmpty();
        assertThat(engine.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(server.requests()).hasSize(3);
        assertThat(outcomes).containsExactly("unavailable", "unavailable", "breaker-open", "ok");
    }

    @Test
    void theSummarizerVerifiesARemoteSummaryAndFallsBackWithTheReasonWhenTheServerFails() {
        Summarizer summarizer = new Summarizer(engine(config()), new ExtractiveEngine(), AcceptancePolicy.DEFAULT);

        PatientSummary remote = summarizer.summarize(chart);
        assertThat(remote.engine().kind()).isEqualTo(EngineInfo.REMOTE);
        assertThat(remote.engine().fallbackReason()).isNull();
        assertThat(remote.verification().status()).isEqualTo(VerificationStatus.VERIFIED);

        server.otherwise(request -> Reply.error(503, Map.of()));
        PatientSummary fallback = summarizer.summarize(chart);
        assertThat(fallback.engine().kind()).isEqualTo(EngineInfo.EXTRACTIVE);
        assertThat(fallback.engine().fallbackReason()).isEqualTo("engine-unavailable: HTTP 503 after 3 attempts");
    }

    @Test
    void atMostTheConfiguredRequestsAreInFlight() throws Exception {
        RemoteEngineConfig one = new RemoteEngineConfig(server.baseUrl(), "m", null, Duration.ofSeconds(1),
                Duration.ofSeconds(10), 1, 0, Duration.ofMillis(10), Duration.ofMillis(10), 5, Duration.ofSeconds(1),
                StructuredOutput.JSON_SCHEMA, true, 8192, 1024, 0.1f, 42, 2,
                io.chartbrief.summary.llama.LlamaConfig.OutputLimits.DEFAULT);
        RemoteEngine engine = engine(one);
        server.otherwise(request -> Reply.json(ChatCompletionsServer.openAiCompletion(
                ChatCompletionsServer.verifiableAnswer(request.userMessage()), "m", 1, 1)).after(300));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<PatientSummary>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> engine.summarize(chart)));
            }
            for (java.util.concurrent.Future<PatientSummary> run : runs) {
                assertThat(run.get().problems()).isNotEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).hasSize(3);
        assertThat(server.maxInFlight()).isEqualTo(1);
    }

    @Test
    void retryAfterAsAnHttpDate() throws Exception {
        RemoteEngine engine = engine(config());
        String inTwoSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2));
        server.then(Reply.error(503, Map.of("Retry-After", inTwoSeconds)));

        long start = System.nanoTime();
        assertThat(engine.summarize(chart).problems()).isNotEmpty();
        // Seconds resolution of the date: at least ~1 s waited, never the 20 ms back-off.
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(900);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void thePromptKeepsAMarginAgainstTheServersContext() throws Exception {
        RemoteEngineConfig small = new RemoteEngineConfig(server.baseUrl(), "m", null, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 1, 0, Duration.ofMillis(10), Duration.ofMillis(10), 5, Duration.ofSeconds(1),
                StructuredOutput.JSON_SCHEMA, true, 700, 200, 0.1f, 42, 2,
                io.chartbrief.summary.llama.LlamaConfig.OutputLimits.DEFAULT);
        ChartPrompt prompt = new RemoteEngine(small).prompt(chart);

        int estimated = RemoteEngine.ESTIMATE.count(prompt.userMessage()) + RemoteEngine.TEMPLATE_TOKENS;
        assertThat(estimated).isLessThanOrEqualTo(700 - 200 - 64);
        assertThat(prompt.omittedCount()).isPositive();
        assertThat(small.toString()).doesNotContain("sk-");
        assertThat(config().toString()).doesNotContain(KEY).contains("api key set");
    }
}
