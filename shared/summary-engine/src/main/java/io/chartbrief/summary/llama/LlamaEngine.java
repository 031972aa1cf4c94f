package io.chartbrief.summary.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import io.chartbrief.summary.SummaryEngine;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;
import io.chartbrief.summary.answer.ModelAnswer;
import io.chartbrief.summary.answer.OutputSchema;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.images.ChartImages;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.model.TokenCounts;
import io.chartbrief.summary.prompt.ChartPrompt;
import io.chartbrief.summary.prompt.PromptBuilder;
import java.util.List;

/**
 * A MedGemma (or any chat GGUF) summary through llama.cpp in-process (de.kherud:llama). The model is loaded once
 * per JVM on first use ({@link LoadedModels}); the prompt is the chart's facts under the model's own chat template
 * (Gemma has no system role, so instructions and facts form the one user turn); the output is constrained by a
 * grammar made per prompt from the summary JSON schema ({@link OutputSchema}: schema 2, evidence and claim aliases
 * limited to the prompt's own; {@code notes} items cite note passages, which {@link ModelAnswer} resolves to the
 * note's reference plus a located quote); generation is streamed and cancelled when the per-request timeout
 * passes. The draft it returns is not yet verified (see {@link io.chartbrief.summary.Summarizer}). Thread-safe:
 * concurrent calls share the model's parallel slots; extra calls queue in llama.cpp.
 */
public final class LlamaEngine implements SummaryEngine {

    /** Why the in-process engine reads no image (the binding has no image input). */
    public static final String NO_IMAGE_INPUT = "not read: the in-process engine has no image input";


    /** Tokens kept free between prompt and output (template tokens llama.cpp may add, rounding of the budget). */
    private static final int SAFETY_TOKENS = 32;

    private final LlamaConfig config;

    /** An engine with these settings; nothing is loaded until the first summary (or {@link #load()}). */
    public LlamaEngine(LlamaConfig config) {
        this.config = config;
        // The grammar is per prompt, but converting one now loads the native library: a missing native shows early.
        LlamaModel.jsonSchemaToGrammar(OutputSchema.of(config.output(), List.of("D1", "N1.1"), List.of("N1.1")));
    }

    @Override
    public String kind() {
        return EngineInfo.LLAMA;
    }

    /** Loads the model now (e.g. at service start, while readiness is DOWN). */
    public LoadedModel load() throws SummaryEngineException {
        return LoadedModels.get(config);
    }

    /** Whether the model is loaded and ready. */
    public boolean ready() {
        return LoadedModels.isLoaded(config);
    }

    /** The schema a prompt's output grammar is made from (its aliases are the only evidence allowed). */
    public String outputSchema(ChartPrompt prompt) {
        return OutputSchema.of(config.output(), prompt.aliases().keySet(), prompt.passages().keySet());
    }

    /** The templated prompt for a chart (what the model reads), with its alias table. */
    public TemplatedPrompt prompt(ClinicalChart chart) throws SummaryEngineException {
        LlamaModel model = load().model();
        PromptBuilder builder = new PromptBuilder(text -> model.encode(text).length, config.vitalsPerCode());
        String overhead = template(model, PromptBuilder.SYSTEM_TEXT + "\n\n");
        int budget = config.slotContext() - config.maxOutputTokens() - model.encode(overhead).length - SAFETY_TOKENS;
        if (budget <= 0) {
            throw new SummaryEngineException(Reason.ERROR, "context too small for instructions and output");
        }
        ChartPrompt prompt = builder.build(chart, budget);
        String text = template(model, prompt.userMessage());
        return new TemplatedPrompt(prompt, text, model.encode(text).length);
    }

    @Override
    public PatientSummary summarize(ClinicalChart chart) throws SummaryEngineException {
        LoadedModel loaded = load();
        long start = System.nanoTime();
        long deadline = start + config.timeout().toNanos();
        TemplatedPrompt prompt = prompt(chart);
        if (prompt.chartPrompt().aliases().isEmpty()) {
            throw new SummaryEngineException(Reason.ERROR, "no chart facts fit the prompt");
        }
        String grammar = LlamaModel.jsonSchemaToGrammar(outputSchema(prompt.chartPrompt()));
        long promptMs = (System.nanoTime() - start) / 1_000_000;

        long generationStart = System.nanoTime();
        String output = generate(loaded.model(), prompt.text(), grammar, deadline);
        long generationMs = (System.nanoTime() - generationStart) / 1_000_000;

        ModelAnswer answer = ModelAnswer.parse(output, prompt.chartPrompt());
        ChartPrompt facts = prompt.chartPrompt();
        TokenCounts tokens = new TokenCounts(prompt.tokens(), loaded.model().encode(output).length,
                facts.budgetTokens(), facts.facts().size(), facts.omittedCount(), facts.omittedSummary());
        return answer.toSummary(chart, new EngineInfo(EngineInfo.LLAMA, loaded.fileName(), loaded.sha256(), null,
                        ChartImages.notRead(chart, NO_IMAGE_INPUT)),
                new Timings(promptMs, generationMs, 0, promptMs + generationMs), tokens);
    }

    private String generate(LlamaModel model, String prompt, String grammar, long deadline)
            throws SummaryEngineException {
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setGrammar(grammar)
                .setNPredict(config.maxOutputTokens())
                .setTemperature(config.temperature())
                .setSeed(config.seed())
                .setCachePrompt(config.cachePrompt());
        StringBuilder output = new StringBuilder();
        LlamaIterator tokens = model.generate(parameters).iterator();
        try {
            while (tokens.hasNext()) {
                LlamaOutput token = tokens.next();
                output.append(token.text);
                if (System.nanoTime() > deadline) {
                    tokens.cancel();
                    throw new SummaryEngineException(Reason.TIMEOUT, "generation cancelled after "
                            + config.timeout().toMillis() + " ms");
                }
            }
        } catch (RuntimeException e) {
            tokens.cancel();
            throw new SummaryEngineException(Reason.ERROR, "inference failed (" + e.getClass().getSimpleName() + ")", e);
        }
        return output.toString();
    }

    private static String template(LlamaModel model, String userText) {
        return model.applyTemplate(new InferenceParameters("").setMessages(null, List.of(new Pair<>("user", userText))));
    }

    /**
     * A prompt ready for the model.
     *
     * @param chartPrompt the facts and alias table
     * @param text        the chat-templated prompt
     * @param tokens      its token count
     */
    public record TemplatedPrompt(ChartPrompt chartPrompt, String text, int tokens) {
    }
}
