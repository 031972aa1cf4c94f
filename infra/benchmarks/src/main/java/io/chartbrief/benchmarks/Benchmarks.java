package io.chartbrief.benchmarks;

import java.util.Arrays;

/**
 * Entry point: {@code java -jar infra/benchmarks/target/chartbrief-benchmarks.jar conversion|mllp|llama|verify|prompt|notes [options]}.
 * See docs/performance.md for the commands and recorded results.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: chartbrief-benchmarks conversion [seconds-per-round] | mllp [messages] [ingest-jar]"
                    + " | llama [rounds] [prompt-tokens] [generated-tokens] [model.gguf]"
                    + " | llama 4b [rounds] [prompt-tokens] [generated-tokens] [model.gguf] | verify [rounds] [warmup-seconds]"
                    + " | prompt [rounds] [warmup-seconds] | notes [rounds] [warmup-seconds]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "conversion" -> ConversionBenchmark.run(rest);
            case "mllp" -> MllpAckBenchmark.run(rest);
            case "llama" -> LlamaBenchmark.run(rest);
            case "verify" -> VerifyBenchmark.run(rest);
            case "prompt" -> PromptBenchmark.run(rest);
            case "notes" -> NotesSummaryBenchmark.run(rest);
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
