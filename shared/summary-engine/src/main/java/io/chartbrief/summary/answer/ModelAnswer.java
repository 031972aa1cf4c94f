package io.chartbrief.summary.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.ItemClaim;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.model.TokenCounts;
import io.chartbrief.summary.prompt.ChartPrompt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the model's answer (either engine's): strips thinking blocks (MedGemma's {@code <unused94>…<unused95>},
 * {@code <think>…</think>}), parses the JSON, and
 * maps evidence aliases back to {@code ResourceType/id} through the prompt's alias table. Reads schema 2 (items with
 * a {@code claim} object) and schema 1 (text and evidence only) alike. The grammar makes unknown aliases and
 * out-of-enum claim values impossible, but an answer from elsewhere (no grammar, another model) must not crash or
 * slip through: an evidence alias the prompt never had is kept as {@code alias:X9} so the verifier drops the item
 * with that reason; a claim's unknown {@code about} (or one not among the item's evidence) and out-of-enum
 * status/direction/action are dropped from the claim, whose text the verifier checks anyway.
 *
 * <p>Note passages: an alias like {@code N2.3} maps to evidence {@code DocumentReference/id}, and an item (of any
 * section) that cites a passage gets its {@link SummaryItem#quote() quote} — the passage located in the note
 * (section, offsets, verbatim text, title), chosen by {@link ChartPrompt#quote}: the claim's {@code about} when it
 * is a passage, else the first passage cited, extended over adjacent passages of the same section the item also
 * cites. The item's text stays the model's (it may paraphrase); the verifier checks it against the quote.
 * Recommendations and the narrative carry no quote, only the note's reference.
 */
public final class ModelAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** MedGemma's thinking block, and the {@code <think>} block other reasoning models put before the answer. */
    private static final Pattern THINKING = Pattern.compile("<unused94>.*?(<unused95>|$)|<think>.*?(</think>|$)",
            Pattern.DOTALL);

    private final JsonNode root;
    private final Map<String, List<String>> aliases;
    private final ChartPrompt prompt;

    private ModelAnswer(JsonNode root, Map<String, List<String>> aliases, ChartPrompt prompt) {
        this.root = root;
        this.aliases = aliases;
        this.prompt = prompt;
    }

    /** Parses model output, resolving aliases and note passages through the prompt it answers. */
    public static ModelAnswer parse(String output, ChartPrompt prompt) throws SummaryEngineException {
        return parse(output, prompt.aliases(), prompt);
    }

    /** Parses model output against an alias table alone (no note passages: items get no quote). */
    public static ModelAnswer parse(String output, Map<String, List<String>> aliases) throws SummaryEngineException {
        return parse(output, aliases, null);
    }

    private static ModelAnswer parse(String output, Map<String, List<String>> aliases, ChartPrompt prompt)
            throws SummaryEngineException {
        String answer = stripThinking(output).trim();
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new SummaryEngineException(Reason.UNPARSEABLE, "no JSON object in model output");
        }
        try {
            JsonNode root = JSON.readTree(answer.substring(start, end + 1));
            if (!root.isObject()) {
                throw new SummaryEngineException(Reason.UNPARSEABLE, "model output is not a JSON object");
            }
            return new ModelAnswer(root, aliases, prompt);
        } catch (JsonProcessingException e) {
            throw new SummaryEngineException(Reason.UNPARSEABLE, "model output is not valid JSON (line "
                    + e.getLocation().getLineNr() + ")");
        }
    }

    /** Output without thinking blocks (an unterminated block is cut to the end). */
    public static String stripThinking(String output) {
        return THINKING.matcher(output).replaceAll("");
    }

    public String narrative() {
        return root.path("narrative").asText("");
    }

    public List<String> narrativeEvidence() {
        return evidence(root.path("narrativeEvidence"));
    }

    public List<SummaryItem> section(String name) {
        List<SummaryItem> items = new ArrayList<>();
        for (JsonNode item : root.path(name)) {
            String text = item.path("text").asText("").trim();
            if (!text.isEmpty()) {
                List<String> evidence = evidence(item.path("evidence"));
                items.add(new SummaryItem(text, evidence, null, claim(item.path("claim"), evidence),
                        quote(item)));
            }
        }
        return items;
    }

    public List<Recommendation> recommendations() {
        List<Recommendation> items = new ArrayList<>();
        for (JsonNode item : root.path("recommendations")) {
            String text = item.path("text").asText("").trim();
            if (!text.isEmpty()) {
                List<String> evidence = evidence(item.path("evidence"));
                items.add(new Recommendation(text, Priority.of(item.path("priority").asText(null)),
                        item.path("rationale").asText("").trim(), evidence, claim(item.path("claim"), evidence)));
            }
        }
        return items;
    }

    /**
     * The draft summary this answer makes for a chart (not yet verified): narrative, sections and recommendations
     * with evidence resolved, and the engine, timings and token counts given.
     */
    public PatientSummary toSummary(ClinicalChart chart, EngineInfo engine, Timings timings, TokenCounts tokens) {
        return new PatientSummary(PatientSummary.SCHEMA_VERSION, chart.patientRef(), chart.encounterRef(), narrative(),
                narrativeEvidence(), section("problems"), section("medications"), section("allergies"),
                section("results"), section("vitals"), section("notes"), recommendations(), engine, null, timings,
                tokens);
    }

    /** The quote of an item citing note passages, or null. */
    private NoteQuote quote(JsonNode item) {
        if (prompt == null || prompt.passages().isEmpty()) {
            return null;
        }
        List<String> cited = new ArrayList<>();
        for (JsonNode alias : item.path("evidence")) {
            cited.add(alias(alias));
        }
        JsonNode claim = item.path("claim");
        String about = claim.isObject() ? alias(claim.path("about")) : null;
        // A passage is a quote only when the item cites it as evidence (as for a claim's about).
        return prompt.quote(about != null && cited.contains(about) ? about : null, cited);
    }

    /** The claim fields, or null when there are none (schema 1) or none survive the checks. */
    private ItemClaim claim(JsonNode node, List<String> evidence) {
        if (!node.isObject()) {
            return null;
        }
        String about = null;
        List<String> mapped = aliases.get(alias(node.path("about")));
        // The first reference is the fact's own resource (ChartPrompt#aliases); the rest are linked context.
        if (mapped != null && !mapped.isEmpty() && evidence.contains(mapped.get(0))) {
            about = mapped.get(0);
        }
        ItemClaim claim = new ItemClaim(about, field(node, "value"), field(node, "unit"),
                choice(node, "status", OutputSchema.STATUSES), choice(node, "direction", OutputSchema.DIRECTIONS),
                choice(node, "action", OutputSchema.ACTIONS));
        return claim.equals(new ItemClaim(null, null, null, null, null, null)) ? null : claim;
    }

    private static String field(JsonNode node, String name) {
        String value = node.path(name).isValueNode() ? node.path(name).asText("").trim() : "";
        return value.isEmpty() ? null : value;
    }

    private static String choice(JsonNode node, String name, List<String> allowed) {
        String value = field(node, name);
        String normalized = value == null ? null : value.toLowerCase(Locale.ROOT);
        return normalized != null && allowed.contains(normalized) ? normalized : null; // List.of rejects null
    }

    private static String alias(JsonNode node) {
        return node.asText("").replace("[", "").replace("]", "").trim();
    }

    private List<String> evidence(JsonNode node) {
        Set<String> refs = new LinkedHashSet<>();
        for (JsonNode alias : node) {
            String key = alias(alias);
            List<String> mapped = aliases.get(key);
            if (mapped == null) {
                refs.add("alias:" + key);
            } else {
                refs.addAll(mapped);
            }
        }
        return List.copyOf(refs);
    }
}
