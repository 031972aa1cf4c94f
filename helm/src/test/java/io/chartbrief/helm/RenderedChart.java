package io.chartbrief.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chart rendered by {@code helm template} (helm-java, in-process) for a set of values, parsed into the
 * fabric8 Kubernetes model; and {@code helm lint} of the chart with such values.
 */
final class RenderedChart {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/chartbrief");
    static final String RELEASE = "cb";
    static final String NAMESPACE = "chartbrief";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final String yaml;
    final List<HasMetadata> resources;

    private RenderedChart(String yaml) {
        this.yaml = yaml;
        this.resources = parse(yaml);
    }

    /** Renders with the chart's values.yaml plus the given values files (chart-relative or absolute) and sets. */
    static RenderedChart render(List<Path> valuesFiles, Map<String, String> sets) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.30.0");
        valuesFiles.forEach(file -> template.withValuesFile(file));
        sets.forEach(template::set);
        return new RenderedChart(template.call());
    }

    static RenderedChart render(ValuesSet set) {
        return render(set.files(), set.sets());
    }

    /**
     * {@code helm lint --strict} of the chart with the given values files on top of its values.yaml. helm-java's
     * lint takes no values files, so the chart is copied and its values.yaml replaced by the merged values (what
     * helm does with {@code -f}: maps merged, everything else replaced).
     */
    static LintResult lint(List<Path> valuesFiles, Path workDir) throws IOException {
        Path copy = workDir.resolve("chartbrief");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
        for (Path file : valuesFiles) {
            values = merge(values, YAML.readTree(file.toFile()));
        }
        YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        return new Helm(copy).lint().strict().call();
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode) || !(override instanceof ObjectNode)) {
            return override;
        }
        ObjectNode result = ((ObjectNode) base).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> result = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                continue;
            }
            Object parsed = Serialization.unmarshal(document);
            if (!(parsed instanceof HasMetadata resource)) {
                throw new IllegalStateException("not a Kubernetes resource: " + document);
            }
            result.add(resource);
        }
        return result;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> ofKind(String kind) {
        return resources.stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    Optional<Deployment> deployment(String service) {
        return all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(RELEASE + "-chartbrief-" + service)).findFirst();
    }

    Optional<ConfigMap> configMap(String name) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
