package io.chartbrief.summary.model;

/**
 * Wall-clock milliseconds per stage.
 *
 * @param promptMs       building the chart facts and prompt
 * @param generationMs   running the engine (model inference; ~0 for extractive)
 * @param verificationMs evidence verification
 * @param totalMs        the whole summary, including any fallback
 */
public record Timings(long promptMs, long generationMs, long verificationMs, long totalMs) {

    /** All zero: used where a summary must be compared byte for byte. */
    public static final Timings NONE = new Timings(0, 0, 0, 0);
}
