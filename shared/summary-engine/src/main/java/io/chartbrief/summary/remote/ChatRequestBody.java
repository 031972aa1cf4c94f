package io.chartbrief.summary.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.chartbrief.summary.images.ChartImage;
import io.chartbrief.summary.remote.RemoteEngineConfig.StructuredOutput;
import java.util.List;

/**
 * The JSON body of one chat request: the prompt as the single {@code user} message (Gemma has no system role; the
 * instructions lead the user turn as in-process), not streamed, and the output schema in the form the configured
 * {@link StructuredOutput} mode names. Images go with the user message as the API takes them: OpenAI-style content
 * parts ({@code text}, then one {@code image_url} with a {@code data:} URL per image) on {@code /chat/completions},
 * base64 strings in the message's {@code images} on Ollama's {@code /api/chat}.
 */
final class ChatRequestBody {

    /** {@code json_schema.name}: letters, digits, underscores (OpenAI's rule). */
    static final String SCHEMA_NAME = "patient_summary";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequestBody() {
    }

    /**
     * @param config      model name, sampling settings, structured-output mode
     * @param userMessage the prompt (instructions, blank line, chart facts)
     * @param schema      the summary JSON schema made for this prompt
     */
    static String of(RemoteEngineConfig config, String userMessage, String schema) {
        return of(config, userMessage, schema, List.of());
    }

    /** As above, with the chart images the prompt lists, in its order. */
    static String of(RemoteEngineConfig config, String userMessage, String schema, List<ChartImage> images) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        ObjectNode message = body.putArray("messages").addObject().put("role", "user");
        if (images.isEmpty()) {
            message.put("content", userMessage);
        } else if (config.structuredOutput() == StructuredOutput.OLLAMA) {
            message.put("content", userMessage);
            ArrayNode attached = message.putArray("images");
            images.forEach(image -> attached.add(image.base64()));
        } else {
            ArrayNode parts = message.putArray("content");
            parts.addObject().put("type", "text").put("text", userMessage);
            images.forEach(image -> parts.addObject().put("type", "image_url").putObject("image_url")
                    .put("url", image.dataUrl()));
        }
        body.put("stream", false);
        try {
            switch (config.structuredOutput()) {
                case OLLAMA -> {
                    body.set("format", JSON.readTree(schema));
                    ObjectNode options = body.putObject("options");
                    options.put("temperature", config.temperature());
                    options.put("seed", config.seed());
                    options.put("num_predict", config.maxOutputTokens());
                    options.put("num_ctx", config.contextSize());
                }
                case JSON_SCHEMA -> {
                    sampling(body, config);
                    ObjectNode format = body.putObject("response_format");
                    format.put("type", "json_schema");
                    ObjectNode jsonSchema = format.putObject("json_schema");
                    jsonSchema.put("name", SCHEMA_NAME);
                    jsonSchema.put("strict", config.schemaStrict());
                    jsonSchema.set("schema", JSON.readTree(schema));
                }
                default -> sampling(body, config);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("output schema is not JSON", e);
        }
        return body.toString();
    }

    private static void sampling(ObjectNode body, RemoteEngineConfig config) {
        body.put("max_tokens", config.maxOutputTokens());
        body.put("temperature", config.temperature());
        body.put("seed", config.seed());
    }
}
