package io.chartbrief.benchmarks;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.hl7.fhir.r4.model.Bundle;

/**
 * HL7 v2 → FHIR conversions per second on one thread (= per core), side by side with HAPI's parse alone, in
 * interleaved rounds so machine noise hits all variants alike. Reports medians and the ratio to parse-alone.
 * A fourth variant encodes the already converted Bundles, so the run shows how convert + JSON splits.
 */
final class ConversionBenchmark {

    private interface Variant {
        int apply(String message) throws Exception;
    }

    private ConversionBenchmark() {
    }

    static void run(String[] args) throws Exception {
        double secondsPerRound = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "Java %s, %d cores, %s; %d rounds x %.1f s per variant%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), rounds, secondsPerRound);

        HapiContext hapi = new DefaultHapiContext();
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        PipeParser parser = hapi.getPipeParser();
        Hl7v2Converter converter = new Hl7v2Converter();

        Variant parseAlone = m -> parser.parse(m).getName().length();
        Variant convert = m -> converter.convert(m).bundle().getEntry().size();
        Variant convertAndSerialize = m -> {
            NormalizedEvent event = converter.convert(m);
            return FhirContexts.r4().newJsonParser().encodeResourceToString(event.bundle()).length();
        };
        // Keyed by the message instance: the lookup is an identity hash, not a string comparison.
        Map<String, Bundle> converted = new IdentityHashMap<>();
        Variant serializeAlone = m -> FhirContexts.r4().newJsonParser().encodeResourceToString(converted.get(m)).length();
        Variant[] variants = {parseAlone, convert, convertAndSerialize, serializeAlone};

        measure("ADT^A01", BenchmarkMessages::adtA01, rounds, secondsPerRound, converter, converted, variants);
        measure("ORU^R01", BenchmarkMessages::oruR01, rounds, secondsPerRound, converter, converted, variants);
    }

    private static void measure(String label, IntFunction<String> messages, int rounds, double seconds,
            Hl7v2Converter converter, Map<String, Bundle> converted, Variant[] variants) throws Exception {
        String[] inputs = new String[1000];
        converted.clear();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = messages.apply(i);
            converted.put(inputs[i], converter.convert(inputs[i]).bundle());
        }
        // Warm-up: JIT every path before any measurement.
        for (Variant v : variants) {
            opsPerSecond(v, inputs, Math.max(1.0, seconds));
        }
        List<double[]> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double[] round = new double[variants.length];
            for (int v = 0; v < variants.length; v++) {
                round[v] = opsPerSecond(variants[v], inputs, seconds);
            }
            results.add(round);
        }
        double parse = median(results, 0);
        double conv = median(results, 1);
        double convSer = median(results, 2);
        double serAlone = median(results, 3);
        System.out.printf(Locale.ROOT, "%s  HAPI parse alone: %,.0f msg/s | convert to FHIR Bundle: %,.0f msg/s (%.2f x parse)"
                + " | convert + JSON: %,.0f msg/s (%.2f x parse) | JSON encode alone: %,.0f msg/s (%.2f x parse)%n",
                label, parse, conv, medianRatio(results, 1), convSer, medianRatio(results, 2), serAlone,
                medianRatio(results, 3));
    }

    private static double opsPerSecond(Variant variant, String[] inputs, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long started = System.nanoTime();
        long ops = 0;
        int sink = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 50; i++) {
                sink += variant.apply(inputs[(int) (ops % inputs.length)]);
                ops++;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return ops / ((System.nanoTime() - started) / 1e9);
    }

    private static double median(List<double[]> rounds, int index) {
        double[] values = rounds.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values[values.length / 2];
    }

    /** Median of per-round ratios: each ratio compares variants measured back to back. */
    private static double medianRatio(List<double[]> rounds, int index) {
        double[] ratios = rounds.stream().mapToDouble(r -> r[index] / r[0]).toArray();
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }
}
