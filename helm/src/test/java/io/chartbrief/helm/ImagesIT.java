package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chartbrief.testsupport.KafkaBrokerResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images the build pushes with Jib when {@code CHARTBRIEF_IMAGE_REGISTRY} is set (the {@code images} profile;
 * {@code .ci/run} builds the base from Debian packages with infra/images/build-base-image.sh and starts Debian's
 * docker-registry): every image the chart deploys is in that registry under the chart's repository name and tag,
 * runs as the chart's non-root user, exposes the chart's container ports and shares the one Debian base. And two
 * images really run from their layers as fetched from the registry ({@link ImageTree}: unpacked, chroot as user
 * 10001, the image's entrypoint and environment): the CLI answers {@code --version}/{@code --help}, and the ingest
 * service starts, gets ready against a real Kafka broker and acknowledges an HL7 v2 admission over MLLP with AA.
 */
class ImagesIT {

    /** Every image of the project: the five services and the CLI (the summarizer's model-pull init container). */
    private static final Set<String> IMAGES = Set.of("chartbrief-ingest", "chartbrief-chart", "chartbrief-summarizer",
            "chartbrief-inbox", "chartbrief-outbound", "chartbrief-cli");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static String registry;

    @BeforeAll
    static void registry() {
        registry = System.getenv("CHARTBRIEF_IMAGE_REGISTRY");
        assertThat(registry == null && "1".equals(System.getenv("CHARTBRIEF_REQUIRE_IMAGES")))
                .as("CHARTBRIEF_REQUIRE_IMAGES=1 but no CHARTBRIEF_IMAGE_REGISTRY: the images were not built").isFalse();
        assumeTrue(registry != null && !registry.isBlank(),
                "images not built: set CHARTBRIEF_IMAGE_REGISTRY (infra/images/README.md); .ci/run does");
    }

    @Test
    void everyImageTheChartDeploysIsPushedRunsAsItsUserAndExposesItsPorts() {
        RenderedChart chart = chartAtItsAppVersion();
        Map<String, PushedImage> seen = new LinkedHashMap<>();
        for (Deployment deployment : chart.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext security = pod.getSecurityContext();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container container : containers) {
                PushedImage image = seen.computeIfAbsent(container.getImage(), ref -> PushedImage.fetch(registry, ref));
                String what = deployment.getMetadata().getName() + "/" + container.getName() + " " + container.getImage();
                assertThat(image.config().path("User").asText()).as(what + " user")
                        .isEqualTo(security.getRunAsUser() + ":" + security.getRunAsGroup());
                Set<String> exposed = new TreeSet<>();
                image.config().path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
                for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                    assertThat(exposed).as(what + " exposes " + port.getName()).contains(port.getContainerPort() + "/tcp");
                }
                assertThat(image.config().path("Entrypoint")).as(what + " entrypoint").isNotEmpty();
            }
        }
        Set<String> names = new TreeSet<>();
        seen.values().forEach(image -> names.add(image.name()));
        assertThat(names).as("images the chart deploys (every optional feature on)").isEqualTo(new TreeSet<>(IMAGES));
        Set<String> bases = new TreeSet<>();
        seen.values().forEach(image -> bases.add(image.layers().get(0)));
        assertThat(bases).as("one Debian base layer under every image").hasSize(1);
        for (PushedImage image : seen.values()) {
            assertThat(image.config().path("Labels").path("org.opencontainers.image.title").asText())
                    .as(image.name() + " title").isEqualTo(image.name());
        }
    }

    @Test
    void theCliImageRunsFromItsLayersAsUser10001(@TempDir Path root) throws Exception {
        assumeRoot();
        String reference = chartAtItsAppVersion().deployment("summarizer").orElseThrow().getSpec().getTemplate()
                .getSpec().getInitContainers().get(0).getImage();
        ImageTree cli = ImageTree.unpack(PushedImage.fetch(registry, reference), root);
        assertThat(root.resolve("usr/lib/x86_64-linux-gnu/libgomp.so.1")).as("llama.cpp's OpenMP in the base").exists();
        assertThat(root.resolve("etc/ssl/certs/java/cacerts")).as("the JRE's trust store").isNotEmptyFile();
        assertThat(root.resolve("var/lib/dpkg/status")).as("packages for scanners")
                .content().contains("Package: openjdk-17-jre-headless", "Package: libc6");

        assertThat(ImageTree.run(cli.command(Map.of(), List.of("--version")))).startsWith("chartbrief ");
        assertThat(ImageTree.run(cli.command(Map.of(), List.of("--help")))).contains("Usage: chartbrief", "model");
    }

    @Test
    void theIngestImageStartsFromItsLayersAndAcknowledgesAnAdmission(@TempDir Path root) throws Exception {
        assumeRoot();
        String reference = chartAtItsAppVersion().deployment("ingest").orElseThrow().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage();
        ImageTree ingest = ImageTree.unpack(PushedImage.fetch(registry, reference), root);
        KafkaBrokerResource kafka = new KafkaBrokerResource();
        kafka.init(Map.of("isolated", "true"));
        String bootstrap = kafka.start().get("kafka.bootstrap.servers");
        int http = freePort();
        int mllp = freePort();
        Path log = Files.createTempFile("ingest-image", ".log");
        Process service = new ProcessBuilder(ingest.command(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                        "QUARKUS_HTTP_PORT", String.valueOf(http), "CHARTBRIEF_INGEST_MLLP_PORT", String.valueOf(mllp)),
                List.of())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(http, service, log);
            String ack = sendOverMllp(mllp, String.join("\r",
                    "MSH|^~\\&|ADT|GENHOSP|CHARTBRIEF|GENHOSP|20261201083000+0100||ADT^A01^ADT_A01|IMG-0001|P|2.5.1",
                    "EVN|A01|20261201083000+0100",
                    "PID|1||IMG-4711^^^GENHOSP^MR||Image^Test||19600101|F",
                    "PV1|1|I|WARD1^101^1^GENHOSP|||||||MED||||||||V-IMG-1|||||||||||||||||||||||||20261201083000+0100",
                    ""));
            assertThat(ack).as("ACK from the ingest image\n" + Files.readString(log)).contains("MSA|AA|IMG-0001");
        } finally {
            ImageTree.stop(service);
            kafka.stop();
            Files.deleteIfExists(log);
        }
    }

    /**
     * Every optional feature on (so the outbound service and the model-pull init container are deployed), at the
     * tag the chart uses by default: its appVersion, which the build's image tag must equal.
     */
    private static RenderedChart chartAtItsAppVersion() {
        String appVersion = RenderedChart.readYaml(RenderedChart.CHART.resolve("Chart.yaml")).path("appVersion").asText();
        return RenderedChart.render(ValuesSet.allFeatures().files(), Map.of("image.tag", appVersion));
    }

    private static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "running an image's tree needs root (unshare + chroot); the registry checks ran");
    }

    private static void awaitReady(int port, Process service, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            assertThat(service.isAlive()).as("ingest image ended\n" + Files.readString(log)).isTrue();
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ingest image not ready within " + STARTUP + "\n" + Files.readString(log));
    }

    /** One MLLP frame out, one back: VT message FS CR. */
    private static String sendOverMllp(int port, String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(0x0b);
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0x1c, 0x0d});
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder ack = new StringBuilder();
            for (int b = in.read(); b != -1 && b != 0x1c; b = in.read()) {
                if (b != 0x0b) {
                    ack.append((char) b);
                }
            }
            return ack.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
