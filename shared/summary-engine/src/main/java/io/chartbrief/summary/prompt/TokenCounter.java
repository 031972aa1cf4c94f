package io.chartbrief.summary.prompt;

/** Counts the tokens of a text for the prompt budget. The llama engine passes one backed by the model's tokenizer. */
@FunctionalInterface
public interface TokenCounter {

    /** Default estimate: one token per four characters (rounded up). */
    TokenCounter ESTIMATE = text -> (text.length() + 3) / 4;

    /** Tokens of the text. */
    int count(String text);
}
