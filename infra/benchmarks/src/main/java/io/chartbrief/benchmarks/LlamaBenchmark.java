package io.chartbrief.benchmarks;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import io.chartbrief.summary.AcceptancePolicy;
import io.chartbrief.summary.ExtractiveEngine;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.llama.LlamaConfig;
import io.chartbrief.summary.llama.LlamaEngine;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.testsupport.GemmaGguf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * llama.cpp engine benchmark (docs/performance.md, "llama.cpp engine"): prompt-processing and generation tokens/s
 * of a generated ~75M-parameter gemma3 model across thread settings, whole-summary latency through
 * {@link Summarizer}, and the prompt cache on a repeat summary. Every measurement runs in a fresh child JVM (a model
 * load leaks native memory and warms caches; settings are load-time), rounds interleave the variants so drift in
 * machine load hits all of them alike, and the 1-minute load average is recorded around each child.
 */
final class LlamaBenchmark {

    private static final int SEED = 42;

    /** One child configuration: load-time threads, and extra environment for the child. */
    private record Variant(String name, int threads, int batchThreads, Map<String, String> env) {
    }

    private LlamaBenchmark() {
    }

    /** {@code llama [rounds=3] [prompt-tokens=1000] [generated-tokens=128] [model.gguf]}. */
    static void run(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("child-")) {
            child(args);
            return;
        }
        if (args.length > 0 && args[0].equals("4b")) {
            run4b(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int promptTokens = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int generated = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        Path model = args.length > 3 ? Path.of(args[3])
                : Path.of(System.getProperty("java.io.tmpdir"), "chartbrief-bench-gemma3-75m.gguf");
        prepare(model, GemmaGguf.Shape.BENCH_75M);

        List<Variant> variants = List.of(
                new Variant("t1/b1", 1, 1, Map.of()),
                new Variant("t1/b2", 1, 2, Map.of()),
                new Variant("t2/b1", 2, 1, Map.of()),
                new Variant("t2/b2", 2, 2, Map.of()),
                new Variant("t2/b2 OMP_WAIT_POLICY=passive", 2, 2, Map.of("OMP_WAIT_POLICY", "passive")),
                new Variant("t2/b2 GOMP_SPINCOUNT=0", 2, 2, Map.of("GOMP_SPINCOUNT", "0")));
        Map<String, List<double[]>> tokens = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Variant v : variants) {
                double[] r = numbers(child(v, "child-tokens", model.toString(), v.threads() + "", v.batchThreads() + "",
                        promptTokens + "", generated + ""));
                tokens.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(r);
                System.out.printf(Locale.ROOT, "round %d %-30s pp %8.1f tok/s  tg %7.1f tok/s  streamed %7.1f tok/s  (%d prompt tokens; load %.2f→%.2f)%n",
                        round, v.name(), r[0], r[1], r[5], (int) r[2], r[3], r[4]);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| threads / threadsBatch | prompt tok/s | × t1/b2 | generation tok/s (complete) | × t1/b2 | generation tok/s (streamed) | × t1/b2 | load avg (min–max) |%n");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double basePp = median(tokens.get("t1/b2"), 0);
        double baseTg = median(tokens.get("t1/b2"), 1);
        double baseStream = median(tokens.get("t1/b2"), 5);
        for (Map.Entry<String, List<double[]>> e : tokens.entrySet()) {
            double pp = median(e.getValue(), 0);
            double tg = median(e.getValue(), 1);
            double streamed = median(e.getValue(), 5);
            double lo = e.getValue().stream().mapToDouble(r -> Math.min(r[3], r[4])).min().orElse(0);
            double hi = e.getValue().stream().mapToDouble(r -> Math.max(r[3], r[4])).max().orElse(0);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f | %,.1f | %.2f | %,.1f | %.2f | %.2f–%.2f |%n",
                    e.getKey(), pp, pp / basePp, tg, tg / baseTg, streamed, streamed / baseStream, lo, hi);
        }

        // Whole summary and prompt cache, default threads (LlamaConfig.defaults).
        LlamaConfig defaults = LlamaConfig.defaults(model);
        Variant d = new Variant("defaults", defaults.threads(), defaults.batchThreads(), Map.of());
        Variant alt = new Variant("t2/b1", 2, 1, Map.of());
        List<double[]> cacheOn = new ArrayList<>();
        List<double[]> cacheOff = new ArrayList<>();
        List<double[]> altOn = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int run = 0; run < 3; run++) {
                Variant v = run == 2 ? alt : d;
                boolean cache = run != 1;
                double[] r = numbers(child(v, "child-summary", model.toString(), cache + "", v.threads() + "",
                        v.batchThreads() + ""));
                (run == 0 ? cacheOn : run == 1 ? cacheOff : altOn).add(r);
                System.out.printf(Locale.ROOT, "round %d summary %s cache=%-5s first %6.0f ms  second %6.0f ms  (%d prompt tokens, %s; load %.2f→%.2f)%n",
                        round, v.name(), cache, r[0], r[1], (int) r[2], r[5] > 0 ? "llama accepted" : "fell back to extractive",
                        r[3], r[4]);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "threads %d / threadsBatch %d, %d prompt tokens:%n", d.threads(),
                d.batchThreads(), (int) median(cacheOn, 2));
        System.out.println("| prompt cache | first summary | second (same patient) | second / first |");
        System.out.println("|---|---|---|---|");
        for (List<double[]> runs : List.of(cacheOn, cacheOff)) {
            double first = median(runs, 0);
            double second = median(runs, 1);
            System.out.printf(Locale.ROOT, "| %s | %,.0f ms | %,.0f ms | %.2f |%n", runs == cacheOn ? "on" : "off",
                    first, second, second / first);
        }
        System.out.printf(Locale.ROOT, "second summary, cache on / cache off: %.2f%n",
                median(cacheOn, 1) / median(cacheOff, 1));
        System.out.printf(Locale.ROOT, "threads 2 / threadsBatch 1, cache on: first %,.0f ms (× defaults %.2f), second %,.0f ms (× defaults %.2f)%n",
                median(altOn, 0), median(altOn, 0) / median(cacheOn, 0), median(altOn, 1), median(altOn, 1) / median(cacheOn, 1));
    }

    /**
     * {@code llama 4b [rounds=1] [prompt-tokens=1000] [generated-tokens=32] [model.gguf]}: the same measurements on
     * {@link GemmaGguf.Shape#GEMMA3_4B} (MedGemma 4B's dimensions, Q4_0, ~2.2 GB generated once into the temp
     * directory), fewer variants (a 4B prompt takes minutes here): the thread settings that matter on 2 vCPUs, then
     * a whole summary with the defaults from a cold slot and repeated.
     */
    private static void run4b(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int promptTokens = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int generated = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path model = args.length > 3 ? Path.of(args[3])
                : Path.of(System.getProperty("java.io.tmpdir"), "chartbrief-bench-gemma3-4b-q4_0.gguf");
        prepare(model, GemmaGguf.Shape.GEMMA3_4B);
        LlamaConfig defaults = LlamaConfig.defaults(model);
        String defaultName = "t" + defaults.threads() + "/b" + defaults.batchThreads();
        List<Variant> variants = new ArrayList<>(List.of(new Variant("t1/b2", 1, 2, Map.of()),
                new Variant("t2/b2", 2, 2, Map.of()), new Variant("t2/b1", 2, 1, Map.of())));
        Map<String, List<double[]>> tokens = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Variant v : variants) {
                double[] r = numbers(child(v, "child-tokens", model.toString(), v.threads() + "", v.batchThreads() + "",
                        promptTokens + "", generated + ""));
                tokens.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(r);
                System.out.printf(Locale.ROOT, "round %d %-8s pp %6.1f tok/s  tg %5.2f tok/s  streamed %5.2f tok/s  (%d prompt tokens; load %.2f→%.2f)%n",
                        round, v.name(), r[0], r[1], r[5], (int) r[2], r[3], r[4]);
            }
        }
        System.out.println();
        System.out.println("| threads / threadsBatch | prompt tok/s | × t1/b2 | generation tok/s (complete) | × t1/b2 | generation tok/s (streamed) | × t1/b2 |");
        System.out.println("|---|---|---|---|---|---|---|");
        double basePp = median(tokens.get("t1/b2"), 0);
        double baseTg = median(tokens.get("t1/b2"), 1);
        double baseStream = median(tokens.get("t1/b2"), 5);
        for (Map.Entry<String, List<double[]>> e : tokens.entrySet()) {
            double pp = median(e.getValue(), 0);
            double tg = median(e.getValue(), 1);
            double streamed = median(e.getValue(), 5);
            System.out.printf(Locale.ROOT, "| %s%s | %,.1f | %.2f | %,.2f | %.2f | %,.2f | %.2f |%n", e.getKey(),
                    e.getKey().equals(defaultName) ? " (default)" : "", pp, pp / basePp, tg, tg / baseTg, streamed,
                    streamed / baseStream);
        }
        Variant d = new Variant("defaults " + defaultName, defaults.threads(), defaults.batchThreads(), Map.of());
        double[] r = numbers(child(d, "child-summary", model.toString(), "true", d.threads() + "",
                d.batchThreads() + "", "false", "1800"));
        System.out.printf(Locale.ROOT, "summary %s, cache on, cold slot: first %,.0f ms, second (same patient) %,.0f ms"
                        + " (%d prompt tokens, %s; load %.2f→%.2f)%n", d.name(), r[0], r[1], (int) r[2],
                r[5] > 0 ? "llama accepted" : "fell back to extractive", r[3], r[4]);
    }

    /** Writes the model on first use (seed 7) and prints it and the machine. */
    private static void prepare(Path model, GemmaGguf.Shape shape) throws IOException {
        if (!Files.exists(model)) {
            long start = System.nanoTime();
            GemmaGguf.write(model, shape, 7);
            System.out.printf(Locale.ROOT, "wrote %s in %.1f s%n", model, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "model %s: %,d parameters (%s), %,d bytes%n", model.getFileName(),
                GemmaGguf.parameters(shape), shape, Files.size(model));
        System.out.printf(Locale.ROOT, "machine: %d processors (%s), %s, Java %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), threadsPerCore(),
                System.getProperty("java.version"));
    }

    // ---------------------------------------------------------------------------------------------- parent side

    private static String child(Variant v, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Benchmarks.class.getName(), "llama"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(v.env());
        double before = load();
        Process process = builder.start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                }
            }
        }
        int exit = process.waitFor();
        if (result == null) {
            throw new IllegalStateException("child " + v.name() + " exited " + exit + " without a result:\n" + all);
        }
        return result + " " + before + " " + load();
    }

    /** The child's numbers, with the load average before and after moved to the end. */
    private static double[] numbers(String line) {
        String[] parts = line.trim().split(" ");
        double[] raw = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            raw[i] = Double.parseDouble(parts[i]);
        }
        // child: a b c [d]; parent appends before after → reorder to a b c before after [d]
        int n = raw.length - 2;
        double[] out = new double[Math.max(raw.length, 6)];
        System.arraycopy(raw, 0, out, 0, Math.min(n, 3));
        out[3] = raw[n];
        out[4] = raw[n + 1];
        if (n > 3) {
            out[5] = raw[3];
        }
        return out;
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String threadsPerCore() {
        try {
            Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().filter(l -> l.startsWith("Thread(s) per core") || l.startsWith("Core(s) per socket"))
                    .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("lscpu: no topology");
        } catch (IOException | InterruptedException e) {
            return "lscpu unavailable";
        }
    }

    // ----------------------------------------------------------------------------------------------- child side

    private static void child(String[] args) throws Exception {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
        switch (args[0]) {
            case "child-tokens" -> tokens(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "child-summary" -> summary(Path.of(args[1]), Boolean.parseBoolean(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args.length <= 5 || Boolean.parseBoolean(args[5]),
                    args.length > 6 ? Integer.parseInt(args[6]) : 300);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Prints {@code RESULT ppTokensPerSecond tgTokensPerSecond promptTokens tgStreamingTokensPerSecond}. */
    private static void tokens(Path model, int threads, int batchThreads, int promptTokens, int generated) {
        LlamaModel llama = new LlamaModel(new ModelParameters().setModel(model.toString()).setCtxSize(4096)
                .setThreads(threads).setThreadsBatch(batchThreads).setParallel(1).setGpuLayers(0).disableLog());
        String prompt = prompt(llama, promptTokens);
        int tokens = llama.encode(prompt).length;
        llama.complete(parameters("Warm up the threads.", 8, false)); // first-call allocations
        // Prompt processing: time to the first token with the prompt cache off (the whole prompt is evaluated).
        long pp = time(llama, parameters(prompt, 1, false));
        // Generation after that prompt: with the cache on, the repeat evaluates only the last prompt token, so
        // n+1 predicted tokens minus 1 is n tokens of pure generation. Best of 2.
        time(llama, parameters(prompt, 1, true)); // fills the slot's cache
        long tg = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long one = time(llama, parameters(prompt, 1, true));
            long many = time(llama, parameters(prompt, generated + 1, true));
            tg = Math.min(tg, many - one);
        }
        // The same through the streaming iterator, as LlamaEngine generates: a Java thread wakes for every token.
        long stream = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long one = time(llama, parameters(prompt, 1, true));
            long start = System.nanoTime();
            for (LlamaOutput ignored : llama.generate(parameters(prompt, generated + 1, true))) {
                // drain
            }
            stream = Math.min(stream, System.nanoTime() - start - one);
        }
        System.out.printf(Locale.ROOT, "RESULT %.2f %.2f %d %.2f%n", tokens / (pp / 1e9), generated / (tg / 1e9), tokens,
                generated / (stream / 1e9));
        System.out.flush();
        Runtime.getRuntime().halt(0); // the native server thread keeps the JVM alive
    }

    private static InferenceParameters parameters(String prompt, int predict, boolean cache) {
        return new InferenceParameters(prompt).setNPredict(predict).setTemperature(0f).setSeed(SEED)
                .setIgnoreEos(true).setCachePrompt(cache);
    }

    private static long time(LlamaModel llama, InferenceParameters parameters) {
        long start = System.nanoTime();
        llama.complete(parameters);
        return System.nanoTime() - start;
    }

    /** Clinical-sounding text of at least {@code tokens} tokens. */
    private static String prompt(LlamaModel llama, int tokens) {
        String[] sentences = {
            "Patient admitted with community acquired pneumonia and treated with intravenous antibiotics.",
            "Potassium was elevated at five point nine millimoles per litre on the second day.",
            "Blood pressure remained controlled on lisinopril ten milligrams once daily.",
            "Metformin was held during the admission because of reduced oral intake.",
            "Heart rate trended up to one hundred and one beats per minute with a low grade fever.",
            "Allergy to penicillin with a rash documented in the primary care record.",
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; llama.encode(text.toString()).length < tokens; i++) {
            text.append("Day ").append(i / sentences.length + 1).append(": ").append(sentences[i % sentences.length]).append(' ');
        }
        return text.toString();
    }

    /**
     * Prints {@code RESULT firstMs secondMs promptTokens llamaAccepted(1|0)}; with {@code warmUp} another patient is
     * summarized first (the slot then shares only the instructions with the measured prompt).
     */
    private static void summary(Path model, boolean cache, int threads, int batchThreads, boolean warmUp,
            int timeoutSeconds) throws Exception {
        LlamaConfig config = new LlamaConfig(model, 8192, threads, batchThreads, 1, 256, 0.1f, SEED,
                Duration.ofSeconds(timeoutSeconds), 2, LlamaConfig.OutputLimits.DEFAULT, cache);
        LlamaEngine engine = new LlamaEngine(config);
        engine.load();
        Summarizer summarizer = new Summarizer(engine, new ExtractiveEngine(), AcceptancePolicy.DEFAULT);
        ClinicalChart other = ClinicalChart.of(BenchmarkCharts.admission("p2", 2), null, null);
        ClinicalChart chart = ClinicalChart.of(BenchmarkCharts.admission("p1", 1), null, null);
        int promptTokens = engine.prompt(chart).tokens();
        if (warmUp) {
            summarizer.summarize(other); // leaves another patient's prompt in the slot (shared instructions)
        }
        long start = System.nanoTime();
        PatientSummary first = summarizer.summarize(chart);
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        summarizer.summarize(chart);
        long secondMs = (System.nanoTime() - start) / 1_000_000;
        boolean accepted = first.engine().fallbackReason() == null;
        System.out.printf(Locale.ROOT, "RESULT %d %d %d %d%n", firstMs, secondMs, promptTokens, accepted ? 1 : 0);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
