package io.chartbrief.helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A set of values the chart is checked with.
 *
 * @param name  what it is (test display name)
 * @param files values files on top of the chart's values.yaml
 * @param sets  {@code --set} values on top of those
 */
record ValuesSet(String name, List<Path> files, Map<String, String> sets) {

    static final Path PRODUCTION = RenderedChart.CHART.resolve("values-production.yaml");
    static final Path REMOTE_ENGINE = RenderedChart.CHART.resolve("values-remote-vllm.yaml");
    static final Path ALL_FEATURES = Path.of("src/test/resources/values-all-features.yaml").toAbsolutePath();

    static ValuesSet defaults() {
        return new ValuesSet("default values", List.of(), Map.of());
    }

    static ValuesSet production() {
        return new ValuesSet("values-production.yaml", List.of(PRODUCTION), Map.of());
    }

    static ValuesSet allFeatures() {
        return new ValuesSet("every optional feature on", List.of(ALL_FEATURES), Map.of());
    }

    static ValuesSet inlineSecrets() {
        return new ValuesSet("secrets given as values",
                List.of(Path.of("src/test/resources/values-inline-secrets.yaml").toAbsolutePath()), Map.of());
    }

    static ValuesSet remoteEngine() {
        return new ValuesSet("values-production.yaml + values-remote-vllm.yaml", List.of(PRODUCTION, REMOTE_ENGINE),
                Map.of());
    }

    static List<ValuesSet> all() {
        return List.of(defaults(), production(), allFeatures(), inlineSecrets(), remoteEngine());
    }

    @Override
    public String toString() {
        return name;
    }
}
