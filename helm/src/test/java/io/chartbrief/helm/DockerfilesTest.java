package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images cannot be built here (no container engine), so the Dockerfiles are checked against the chart: pinned
 * base image, numeric non-root user matching the chart's runAsUser, the ports the chart's containers declare,
 * JVM options from JAVA_OPTS, and the llama.cpp runtime dependency in the summarizer image.
 */
class DockerfilesTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

    private static String dockerfile(String service) throws IOException {
        return Files.readString(RenderedChart.ROOT.resolve("services/" + service + "/src/main/docker/Dockerfile.jvm"));
    }

    @Test
    void serviceImagesArePinnedNonRootAndExposeTheChartsPorts() throws IOException {
        RenderedChart chart = RenderedChart.render(ValuesSet.defaults());
        for (String service : RenderedManifestsTest.SERVICES) {
            String text = dockerfile(service);
            assertPinnedAndNonRoot(service, text);
            assertThat(text).as(service).contains("$JAVA_OPTS -jar /deployments/quarkus-run.jar");
            List<ContainerPort> ports = chart.deployment(service).orElseThrow()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getPorts();
            for (ContainerPort port : ports) {
                assertThat(text).as(service + " exposes " + port.getName())
                        .containsPattern("(?m)^EXPOSE .*\\b" + port.getContainerPort() + "\\b");
            }
        }
        assertThat(dockerfile("summarizer")).as("llama.cpp needs OpenMP").contains("libgomp1");
    }

    @Test
    void theCliImageRunsChartbriefAsTheInitContainerExpects() throws IOException {
        String text = Files.readString(RenderedChart.ROOT.resolve("infra/cli/src/main/docker/Dockerfile"));
        assertPinnedAndNonRoot("cli", text);
        assertThat(text).contains("/usr/local/bin/chartbrief", "CHARTBRIEF_JAVA_OPTS", "chartbrief-cli.jar", "target/lib/");
    }

    private static void assertPinnedAndNonRoot(String what, String text) {
        Matcher from = FROM.matcher(text);
        assertThat(from.find()).as(what + " FROM").isTrue();
        String image = from.group(1);
        assertThat(image).as(what + " base image").contains(":").doesNotEndWith(":latest")
                .matches(".*:\\d+\\.\\d+\\.\\d+.*");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(text);
        assertThat(user.find()).as(what + " numeric USER").isTrue();
        assertThat(Long.parseLong(user.group(1))).as(what + " user").isEqualTo(10001L);
    }
}
