package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every environment variable the chart sets on a service (directly or from its ConfigMap) is a configuration key
 * that service reads ({@link ServiceConfigKeys}), so a typo or a renamed key fails the build instead of being
 * silently ignored in a cluster.
 */
class EnvironmentIsConfigurationTest {

    /** Variables that are not MicroProfile Config keys, and why they are set. */
    static final Map<String, String> NOT_CONFIGURATION = Map.of(
            "JAVA_OPTS", "JVM options, read by the image's entrypoint (src/main/docker/Dockerfile.jvm)");

    /** Variables of the model-pull init container: the chartbrief CLI reads these (infra/cli). */
    static final Map<String, String> MODEL_PULL_ENVIRONMENT = Map.of(
            "HF_TOKEN", "Hugging Face token, read by chartbrief model pull (ModelPullCommand)",
            "CHARTBRIEF_JAVA_OPTS", "JVM options, read by the chartbrief launcher of the CLI image");

    static Stream<ValuesSet> valueSets() {
        return ValuesSet.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyVariableOfAServiceIsAKeyItReads(ValuesSet set) {
        assertThat(unknownVariables(RenderedChart.render(set)))
                .as("variables that are no configuration key of their service").isEmpty();
    }

    /** "service: VARIABLE" for every variable that its service does not read. */
    static List<String> unknownVariables(RenderedChart chart) {
        List<String> unknown = new ArrayList<>();
        List<String> services = new ArrayList<>(RenderedManifestsTest.SERVICES);
        RenderedManifestsTest.OPTIONAL_SERVICES.stream().filter(s -> chart.deployment(s).isPresent()).forEach(services::add);
        for (String service : services) {
            Deployment deployment = chart.deployment(service).orElseThrow();
            Set<String> known = ServiceConfigKeys.envNames(service);
            Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            for (String name : variables(chart, app)) {
                if (!known.contains(name) && !NOT_CONFIGURATION.containsKey(name)) {
                    unknown.add(service + ": " + name);
                }
            }
            List<Container> init = deployment.getSpec().getTemplate().getSpec().getInitContainers();
            for (Container container : init == null ? List.<Container>of() : init) {
                for (String name : variables(chart, container)) {
                    if (!MODEL_PULL_ENVIRONMENT.containsKey(name)) {
                        unknown.add(service + "/" + container.getName() + ": " + name);
                    }
                }
            }
        }
        return unknown;
    }

    /** The container's variables: its env and the data keys of the ConfigMaps it takes whole. */
    private static Set<String> variables(RenderedChart chart, Container container) {
        Set<String> names = new TreeSet<>();
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            names.add(env.getName());
        }
        for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            assertThat(from.getSecretRef()).as("whole Secrets as environment hide their variable names").isNull();
            String name = from.getConfigMapRef().getName();
            ConfigMap map = chart.configMap(name).orElseThrow(() -> new AssertionError("no ConfigMap " + name));
            names.addAll(map.getData().keySet());
        }
        return names;
    }

    @Test
    void aMistypedKeyIsCaught() {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of("chart.config.chartbrief\\.chart\\.trigger\\.settle-windows", "5s"));
        assertThat(unknownVariables(chart)).containsExactly("chart: CHARTBRIEF_CHART_TRIGGER_SETTLE_WINDOWS");
    }

    @Test
    void keysComeFromPropertiesOperationsAndConfigMappings() {
        // application.properties, operations.md "All services", @ConfigMapping members (nested groups too).
        assertThat(ServiceConfigKeys.keys("summarizer")).contains("mp.messaging.incoming.summary-requests.group.id",
                "kafka.sasl.jaas.config", "chartbrief.summarizer.crash-limit", "chartbrief.summarizer.model-path");
        assertThat(ServiceConfigKeys.keys("ingest")).contains("chartbrief.ingest.mllp.idle-timeout",
                "chartbrief.ingest.rest.max-body-bytes", "CHARTBRIEF_JWT_ISSUER");
        assertThat(ServiceConfigKeys.keys("chart")).contains("chartbrief.chart.trigger.batch-size");
        assertThat(ServiceConfigKeys.keys("inbox")).contains("chartbrief.inbox.demo.enabled");
    }
}
