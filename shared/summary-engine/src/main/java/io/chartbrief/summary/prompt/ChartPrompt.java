package io.chartbrief.summary.prompt;

import io.chartbrief.summary.chart.ChartFact;
import java.util.List;
import java.util.Map;

/**
 * A prompt made from a chart.
 *
 * @param systemText   the instructions (Gemma has no system role: the engine folds them into the user turn)
 * @param factsText    the chart facts, one {@code [alias] text} line each, grouped under headings
 * @param aliases      evidence alias (e.g. {@code M2}) → the fact's {@code ResourceType/id} references (the resource
 *                     it came from first, then e.g. the Condition named as an encounter's reason)
 * @param facts        the facts included, in prompt order
 * @param factTokens   tokens of {@code factsText}
 * @param budgetTokens the budget the facts had to fit
 * @param omitted      facts cut for the budget, per category label (e.g. {@code result → 12}), in priority order
 */
public record ChartPrompt(String systemText, String factsText, Map<String, List<String>> aliases, List<ChartFact> facts,
        int factTokens, int budgetTokens, Map<String, Integer> omitted) {

    /** The single user message: instructions, a blank line, the facts. */
    public String userMessage() {
        return systemText + "\n\n" + factsText;
    }

    /** Number of facts cut. */
    public int omittedCount() {
        return omitted.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What was cut, as {@code category: count} lines for the summary's token block. */
    public List<String> omittedSummary() {
        return omitted.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
