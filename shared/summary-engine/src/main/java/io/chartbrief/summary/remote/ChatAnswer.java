package io.chartbrief.summary.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;

/**
 * What a chat server answered, read from any of the shapes the servers document: an OpenAI {@code chat.completion}
 * (llama-server, vLLM, TGI, Ollama's {@code /v1}: {@code choices[0].message.content}, {@code usage}), its streamed
 * form (server-sent events {@code data: {chat.completion.chunk}} with {@code choices[0].delta.content}, ended by
 * {@code data: [DONE]}, usage in a chunk when the server adds it), and Ollama's native {@code /api/chat} answer
 * ({@code message.content}, {@code prompt_eval_count}, {@code eval_count}) or its newline-delimited stream. A
 * server may stream although {@code stream: false} was asked; the body tells which shape it is.
 *
 * @param content      the assistant's text (the summary JSON, perhaps after a thinking block), never null
 * @param refusal      the model's refusal text (OpenAI {@code message.refusal}), or null
 * @param finishReason {@code stop}, {@code length}, … or null when not given
 * @param model        the model name the server answered with, or null
 * @param promptTokens prompt tokens the server counted, or -1 when it did not say
 * @param outputTokens generated tokens the server counted, or -1
 */
record ChatAnswer(String content, String refusal, String finishReason, String model, int promptTokens,
        int outputTokens) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a 2xx response body. */
    static ChatAnswer parse(String body) throws SummaryEngineException {
        String trimmed = body.strip();
        if (trimmed.startsWith("data:") || trimmed.startsWith("event:") || trimmed.startsWith(":")) {
            return events(trimmed);
        }
        if (isNdjson(trimmed)) {
            return ndjson(trimmed);
        }
        return whole(tree(trimmed));
    }

    /** Two or more lines, each a JSON object (pretty-printed JSON has indented or key lines between braces). */
    private static boolean isNdjson(String body) {
        String[] lines = body.split("\\r?\\n");
        int objects = 0;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (!l.startsWith("{") || !l.endsWith("}")) {
                return false;
            }
            objects++;
        }
        return objects > 1;
    }

    private static ChatAnswer whole(JsonNode root) throws SummaryEngineException {
        JsonNode message = root.has("choices") ? root.path("choices").path(0).path("message") : root.path("message");
        if (!message.isObject()) {
            throw new SummaryEngineException(Reason.UNPARSEABLE, "server answer has no message");
        }
        String finish = text(root.has("choices") ? root.path("choices").path(0).path("finish_reason")
                : root.path("done_reason"));
        return new ChatAnswer(message.path("content").asText(""), text(message.path("refusal")), finish,
                text(root.path("model")), promptTokens(root), outputTokens(root));
    }

    /** Server-sent events: {@code data:} lines, one JSON chunk each; comments and event names skipped. */
    private static ChatAnswer events(String body) throws SummaryEngineException {
        StreamState state = new StreamState();
        for (String line : body.split("\\r?\\n")) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            if (!data.isEmpty()) {
                state.chunk(tree(data));
            }
        }
        return state.answer();
    }

    /** Ollama's native stream: one JSON object per line, {@code done: true} on the last. */
    private static ChatAnswer ndjson(String body) throws SummaryEngineException {
        StreamState state = new StreamState();
        for (String line : body.split("\\r?\\n")) {
            if (!line.isBlank()) {
                state.chunk(tree(line.strip()));
            }
        }
        return state.answer();
    }

    /** Accumulates the content of streamed chunks; usage and finish reason from whichever chunk carries them. */
    private static final class StreamState {
        private final StringBuilder content = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private String finish;
        private String model;
        private int prompt = -1;
        private int output = -1;
        private int chunks;

        void chunk(JsonNode chunk) throws SummaryEngineException {
            if (chunk.has("error")) {
                throw new SummaryEngineException(Reason.ERROR, "server reported an error in its stream");
            }
            chunks++;
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = chunk.has("choices") ? choice.path("delta") : chunk.path("message");
            content.append(delta.path("content").asText(""));
            refusal.append(delta.path("refusal").asText(""));
            String f = text(chunk.has("choices") ? choice.path("finish_reason") : chunk.path("done_reason"));
            finish = f != null ? f : finish;
            model = model != null ? model : text(chunk.path("model"));
            prompt = Math.max(prompt, promptTokens(chunk));
            output = Math.max(output, outputTokens(chunk));
        }

        ChatAnswer answer() throws SummaryEngineException {
            if (chunks == 0) {
                throw new SummaryEngineException(Reason.UNPARSEABLE, "server stream held no chunks");
            }
            return new ChatAnswer(content.toString(), refusal.isEmpty() ? null : refusal.toString(), finish, model,
                    prompt, output);
        }
    }

    private static int promptTokens(JsonNode root) {
        JsonNode usage = root.path("usage");
        return count(usage.isObject() ? usage.path("prompt_tokens") : root.path("prompt_eval_count"));
    }

    private static int outputTokens(JsonNode root) {
        JsonNode usage = root.path("usage");
        return count(usage.isObject() ? usage.path("completion_tokens") : root.path("eval_count"));
    }

    private static int count(JsonNode node) {
        return node.canConvertToInt() && node.isNumber() ? node.asInt() : -1;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static JsonNode tree(String json) throws SummaryEngineException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new SummaryEngineException(Reason.UNPARSEABLE, "server answer is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            // The location only: the body may hold chart text.
            throw new SummaryEngineException(Reason.UNPARSEABLE, "server answer is not valid JSON (line "
                    + e.getLocation().getLineNr() + ")");
        }
    }
}
