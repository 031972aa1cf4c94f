package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered manifests, parsed with the fabric8 Kubernetes model, for every values set: every container has
 * requests and limits, app containers have probes on the Quarkus health endpoints, everything runs as non-root
 * with a read-only root filesystem and no capabilities, every image has a tag that is not {@code latest}, every
 * workload has a PodDisruptionBudget and a NetworkPolicy.
 */
class RenderedManifestsTest {

    static final List<String> SERVICES = List.of("ingest", "chart", "summarizer", "inbox");
    /** Services the chart installs only when enabled (off by default). */
    static final List<String> OPTIONAL_SERVICES = List.of("outbound");

    static Stream<ValuesSet> valueSets() {
        return ValuesSet.all().stream();
    }

    static List<Container> allContainers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyServiceIsDeployedWithItsService(ValuesSet set) {
        RenderedChart chart = RenderedChart.render(set);
        for (String service : SERVICES) {
            assertThat(chart.deployment(service)).as(service).isPresent();
            assertThat(chart.all(Service.class)).as(service + " Service")
                    .anyMatch(s -> s.getMetadata().getName().equals("cb-chartbrief-" + service));
        }
        Service mllp = chart.all(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("cb-chartbrief-ingest-mllp")).findFirst().orElseThrow();
        assertThat(mllp.getSpec().getPorts()).filteredOn(p -> p.getName().equals("mllp")).singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(2575))
                .satisfies(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
        assertThat(mllp.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "ingest");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyContainerHasRequestsAndLimits(ValuesSet set) {
        for (Deployment deployment : RenderedChart.render(set).all(Deployment.class)) {
            for (Container container : allContainers(deployment.getSpec().getTemplate().getSpec())) {
                String what = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(container.getResources()).as(what).isNotNull();
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(limits).as(what + " limits").containsKeys("cpu", "memory");
                assertThat(Quantity.getAmountInBytes(requests.get("memory")))
                        .as(what + " memory request ≤ limit")
                        .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("memory")));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void appContainersProbeTheQuarkusHealthEndpoints(ValuesSet set) {
        for (Deployment deployment : RenderedChart.render(set).all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String what = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(path(container.getLivenessProbe())).as(what + " liveness").isEqualTo("/q/health/live");
                assertThat(path(container.getReadinessProbe())).as(what + " readiness").isEqualTo("/q/health/ready");
                assertThat(path(container.getStartupProbe())).as(what + " startup").isEqualTo("/q/health/started");
            }
        }
    }

    private static String path(Probe probe) {
        return probe == null || probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyContainerRunsAsNonRootWithoutPrivileges(ValuesSet set) {
        for (Deployment deployment : RenderedChart.render(set).all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
            for (Container container : allContainers(pod)) {
                String what = deployment.getMetadata().getName() + "/" + container.getName();
                SecurityContext sc = container.getSecurityContext();
                assertThat(sc).as(what).isNotNull();
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podContext.getRunAsNonRoot();
                Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : podContext.getRunAsUser();
                assertThat(nonRoot).as(what + " runAsNonRoot").isTrue();
                assertThat(user).as(what + " runAsUser").isNotNull().isNotZero();
                assertThat(sc.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getCapabilities().getDrop()).as(what + " dropped capabilities").contains("ALL");
                assertThat(container.getVolumeMounts()).as(what + " writable /tmp")
                        .anyMatch(m -> m.getMountPath().equals("/tmp") && !Boolean.TRUE.equals(m.getReadOnly()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyImageHasATagThatIsNotLatest(ValuesSet set) {
        for (Deployment deployment : RenderedChart.render(set).all(Deployment.class)) {
            for (Container container : allContainers(deployment.getSpec().getTemplate().getSpec())) {
                String image = container.getImage();
                String lastSegment = image.substring(image.lastIndexOf('/') + 1);
                assertThat(lastSegment).as(image + " has a tag").contains(":");
                String tag = lastSegment.substring(lastSegment.indexOf(':') + 1);
                assertThat(tag).as(image).isNotBlank().isNotEqualTo("latest");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyWorkloadHasADisruptionBudgetAndANetworkPolicy(ValuesSet set) {
        RenderedChart chart = RenderedChart.render(set);
        for (Deployment deployment : chart.all(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(chart.all(PodDisruptionBudget.class)).as(deployment.getMetadata().getName() + " PDB")
                    .anyMatch(pdb -> labels.entrySet().containsAll(
                            pdb.getSpec().getSelector().getMatchLabels().entrySet()));
            assertThat(chart.all(NetworkPolicy.class)).as(deployment.getMetadata().getName() + " NetworkPolicy")
                    .anyMatch(np -> labels.entrySet().containsAll(
                            np.getSpec().getPodSelector().getMatchLabels().entrySet())
                            && np.getSpec().getPolicyTypes().contains("Ingress"));
        }
        for (NetworkPolicy policy : chart.all(NetworkPolicy.class)) {
            // No rules (the summarizer by default) means no ingress at all.
            assertThat(Objects.requireNonNullElse(policy.getSpec().getIngress(), List.of()))
                    .as(policy.getMetadata().getName())
                    .allSatisfy(rule -> assertThat(rule.getPorts()).as("every rule names its ports").isNotEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyResourceIsLabelledForTheRelease(ValuesSet set) {
        for (HasMetadata resource : RenderedChart.render(set).resources) {
            assertThat(resource.getMetadata().getLabels()).as(resource.getKind() + " " + resource.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm");
        }
    }
}
