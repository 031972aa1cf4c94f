package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the values switch on: defaults, every optional feature, secrets, model sizing, schema guards. */
class OptionalFeaturesTest {

    @Test
    void defaultsRenderNoOptionalResources() {
        RenderedChart chart = RenderedChart.render(ValuesSet.defaults());
        for (String kind : List.of("Ingress", "HorizontalPodAutoscaler", "ScaledObject", "ServiceMonitor", "KafkaTopic")) {
            assertThat(chart.ofKind(kind)).as(kind).isEmpty();
        }
        assertThat(chart.all(PersistentVolumeClaim.class)).singleElement()
                .satisfies(pvc -> assertThat(pvc.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep"));
    }

    @Test
    void theOutboundServiceIsOffByDefaultAndWhenOnSendsToItsTarget() throws IOException {
        assertThat(RenderedChart.render(ValuesSet.defaults()).deployment("outbound")).isEmpty();

        RenderedChart chart = RenderedChart.render(ValuesSet.allFeatures());
        assertThat(chart.deployment("outbound")).isPresent();
        assertThat(chart.configMap("cb-chartbrief-outbound").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_OUTBOUND_MDM_ENABLED", "true")
                .containsEntry("CHARTBRIEF_OUTBOUND_MDM_HOST", "interface-engine.integration.svc")
                .containsEntry("CHARTBRIEF_OUTBOUND_MDM_PORT", "6661")
                .containsEntry("CHARTBRIEF_OUTBOUND_MDM_RECEIVING_APPLICATION", "EPIC")
                .containsKey("QUARKUS_DATASOURCE_JDBC_URL");
        Container app = chart.deployment("outbound").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(app.getEnv()).extracting(e -> e.getName()).contains("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(app.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8084));
        assertThat(Files.readString(RenderedChart.ROOT.resolve("services/outbound/src/main/docker/Dockerfile.jvm")))
                .containsPattern("(?m)^EXPOSE 8084$").contains("USER 10001:10001");
        // Enabled without a target is refused by the schema, not deployed pointing nowhere.
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("outbound.enabled", "true",
                "outbound.mdm.enabled", "true"))).hasMessageContaining("host");
    }

    @Test
    void theFhirConnectorSignsWithTheClientKeyFromItsSecret() {
        RenderedChart chart = RenderedChart.render(ValuesSet.allFeatures());
        assertThat(chart.configMap("cb-chartbrief-outbound").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_OUTBOUND_FHIR_ENABLED", "true")
                .containsEntry("CHARTBRIEF_OUTBOUND_FHIR_BASE_URL", "https://fhir.riverside.example/api/FHIR/R4")
                .containsEntry("CHARTBRIEF_OUTBOUND_FHIR_SUBJECT_REFERENCE", "conditional")
                .containsEntry("CHARTBRIEF_OUTBOUND_FHIR_AUTH_MODE", "smart-backend")
                .containsEntry("CHARTBRIEF_OUTBOUND_FHIR_AUTH_CLIENT_ID", "chartbrief-outbound")
                .containsEntry("CHARTBRIEF_OUTBOUND_FHIR_AUTH_KEY_ID", "chartbrief-2026")
                .containsEntry("CHARTBRIEF_OUTBOUND_FHIR_AUTH_PRIVATE_KEY_LOCATION",
                        "/etc/chartbrief/fhir-client/fhir-client-key.pem");
        var pod = chart.deployment("outbound").orElseThrow().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> "fhir-client".equals(v.getName())).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("chartbrief-fhir-client"));
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("fhir-client");
            assertThat(m.getMountPath()).isEqualTo("/etc/chartbrief/fhir-client");
        });
        // The key goes to the outbound service only.
        assertThat(chart.deployment("summarizer").orElseThrow().getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> "fhir-client".equals(v.getName()));
        // smart-backend without a key Secret is refused by the schema.
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("outbound.enabled", "true",
                "outbound.fhir.enabled", "true", "outbound.fhir.baseUrl", "https://ehr.example/fhir",
                "outbound.fhir.auth.mode", "smart-backend", "outbound.fhir.auth.clientId", "cb")))
                .hasMessageContaining("privateKeyExistingSecret");
    }

    @Test
    void everyOptionalFeatureRenders() {
        RenderedChart chart = RenderedChart.render(ValuesSet.allFeatures());
        assertThat(chart.all(Ingress.class)).extracting(i -> i.getMetadata().getName())
                .containsExactlyInAnyOrder("cb-chartbrief-ingest", "cb-chartbrief-inbox");
        assertThat(chart.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("cb-chartbrief-ingest", "cb-chartbrief-inbox");
        assertThat(chart.ofKind("ServiceMonitor")).hasSize(5);
        // An autoscaled Deployment leaves replicas to its autoscaler.
        for (String service : List.of("ingest", "inbox", "summarizer")) {
            assertThat(chart.deployment(service).orElseThrow().getSpec().getReplicas()).as(service).isNull();
        }

        GenericKubernetesResource scaledObject = (GenericKubernetesResource) chart.ofKind("ScaledObject").get(0);
        Map<String, Object> trigger = scaledObject.<List<Map<String, Object>>>get("spec", "triggers").get(0);
        assertThat(trigger).containsEntry("type", "kafka");
        assertThat((Map<String, Object>) trigger.get("metadata")).containsEntry("consumerGroup", "chartbrief-summarizer")
                .containsEntry("topic", "ehr.summary.requests");
        assertThat(scaledObject.<String>get("spec", "scaleTargetRef", "name")).isEqualTo("cb-chartbrief-summarizer");

        Deployment summarizer = chart.deployment("summarizer").orElseThrow();
        Container app = summarizer.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(app.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(summarizer.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(summarizer.getSpec().getTemplate().getSpec().getTolerations()).anyMatch(t -> t.getKey().equals("nvidia.com/gpu"));
        // An existing claim: no PVC of the chart's own.
        assertThat(chart.all(PersistentVolumeClaim.class)).isEmpty();
        assertThat(summarizer.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName().equals("medgemma-models"));
        // Existing Secrets only: the chart creates none.
        assertThat(chart.all(Secret.class)).isEmpty();
    }

    @Test
    void kafkaTopicsCoverEveryTopicOfTheEventContract() throws IOException {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of("kafka.topics.create", "true"));
        Set<String> rendered = chart.ofKind("KafkaTopic").stream()
                .map(t -> ((GenericKubernetesResource) t).<String>get("spec", "topicName")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(rendered).isEqualTo(contractTopics());
        for (HasMetadata topic : chart.ofKind("KafkaTopic")) {
            GenericKubernetesResource t = (GenericKubernetesResource) topic;
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "chartbrief");
            assertThat(t.<Map<String, Object>>get("spec", "config")).containsEntry("max.message.bytes", "16777216")
                    .containsKey("retention.ms");
        }
    }

    /** The topic names of shared/interop's Topics.java. */
    static Set<String> contractTopics() throws IOException {
        String source = Files.readString(RenderedChart.ROOT.resolve(
                "shared/interop/src/main/java/io/chartbrief/interop/event/Topics.java"));
        Matcher m = Pattern.compile("static final String \\w+ = \"([^\"]+)\"").matcher(source);
        Set<String> topics = new TreeSet<>();
        while (m.find()) {
            topics.add(m.group(1));
        }
        assertThat(topics).contains("ehr.summary.requests", "ehr.dlq");
        return topics;
    }

    @Test
    void secretsAreReferencedNeverInlinedIntoConfigMaps() {
        RenderedChart chart = RenderedChart.render(ValuesSet.inlineSecrets());
        assertThat(chart.all(Secret.class)).singleElement().satisfies(secret -> assertThat(secret.getData())
                .containsKeys("kafka-sasl-jaas-config", "kafka-ca.crt", "db-username", "db-password", "jwt-public-key", "hf-token"));
        for (ConfigMap map : chart.all(ConfigMap.class)) {
            assertThat(map.getData().values()).as(map.getMetadata().getName())
                    .noneMatch(v -> v.contains("not-a-real") || v.contains("hf_") || v.contains("BEGIN"));
        }
        ConfigMap ingest = chart.configMap("cb-chartbrief-ingest").orElseThrow();
        assertThat(ingest.getData()).containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:/etc/chartbrief/jwt/public-key.pem")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/chartbrief/kafka-ca/ca.crt")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        Container ingestApp = chart.deployment("ingest").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(ingestApp.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/etc/chartbrief/jwt"))
                .anyMatch(m -> m.getMountPath().equals("/etc/chartbrief/kafka-ca"));
        assertThat(ingestApp.getEnv()).anyMatch(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")
                && e.getValueFrom().getSecretKeyRef().getKey().equals("kafka-sasl-jaas-config"));
        // ingest has no database.
        assertThat(ingestApp.getEnv()).noneMatch(e -> e.getName().startsWith("QUARKUS_DATASOURCE"));
    }

    @Test
    void serviceAuthKeysAreMountedIntoChartAndSummarizerAndTheSigningKeyOnlyIntoTheSummarizer() {
        RenderedChart chart = RenderedChart.render(ValuesSet.inlineSecrets());
        assertThat(chart.all(Secret.class)).singleElement().satisfies(secret -> assertThat(secret.getData())
                .containsKeys("service-jwt-public-key", "service-jwt-signing-key"));
        for (String service : List.of("chart", "summarizer")) {
            assertThat(chart.configMap("cb-chartbrief-" + service).orElseThrow().getData()).as(service)
                    .containsEntry("MP_JWT_VERIFY_ISSUER", "chartbrief")
                    .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                            "file:/etc/chartbrief/service-jwt/service-token-public.pem");
        }
        assertThat(chart.configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_AUTH_MODE", "signed")
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_AUTH_SIGNING_KEY_LOCATION",
                        "/etc/chartbrief/service-jwt-signing/service-token-private.pem")
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_AUTH_TOKEN_LIFETIME", "5m");
        Map<String, List<String>> mounts = new java.util.TreeMap<>();
        for (String service : List.of("ingest", "chart", "summarizer", "inbox")) {
            mounts.put(service, chart.deployment(service).orElseThrow().getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getVolumeMounts().stream().map(m -> m.getMountPath())
                    .filter(path -> path.startsWith("/etc/chartbrief/service-")).sorted().toList());
        }
        assertThat(mounts).containsEntry("chart", List.of("/etc/chartbrief/service-jwt"))
                .containsEntry("summarizer", List.of("/etc/chartbrief/service-jwt", "/etc/chartbrief/service-jwt-signing"))
                .containsEntry("ingest", List.of()).containsEntry("inbox", List.of());

        RenderedChart existing = RenderedChart.render(ValuesSet.allFeatures());
        assertThat(existing.deployment("summarizer").orElseThrow().getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && "chartbrief-service-jwt-signing".equals(v.getSecret().getSecretName()))
                .anyMatch(v -> v.getSecret() != null && "chartbrief-service-jwt".equals(v.getSecret().getSecretName()));
        assertThat(existing.configMap("cb-chartbrief-chart").orElseThrow().getData())
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:/etc/chartbrief/service-jwt/jwks.json");
        assertThat(existing.configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_AUTH_KEY_ID", "2026-12");

        RenderedChart production = RenderedChart.render(ValuesSet.production());
        assertThat(production.configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_AUTH_MODE", "client-credentials")
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_AUTH_CLIENT_ID", "chartbrief-summarizer")
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_AUTH_CLIENT_SECRET_FILE",
                        "/etc/chartbrief/service-idp/client-secret")
                .doesNotContainKey("CHARTBRIEF_SUMMARIZER_CHART_AUTH_SIGNING_KEY_LOCATION");
        assertThat(production.configMap("cb-chartbrief-chart").orElseThrow().getData())
                .containsEntry("MP_JWT_VERIFY_ISSUER", "https://login.hospital.example/realms/clinical");
    }

    @Test
    void mllpOverTlsMountsItsSecretOpensItsPortAndConfiguresTheListener() {
        RenderedChart defaults = RenderedChart.render(ValuesSet.defaults());
        assertThat(defaults.configMap("cb-chartbrief-ingest").orElseThrow().getData())
                .doesNotContainKey("CHARTBRIEF_INGEST_MLLP_TLS_ENABLED").doesNotContainKey("CHARTBRIEF_INGEST_MLLP_ALLOWED_SENDERS");

        RenderedChart chart = RenderedChart.render(ValuesSet.allFeatures());
        assertThat(chart.configMap("cb-chartbrief-ingest").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_INGEST_MLLP_TLS_ENABLED", "true")
                .containsEntry("CHARTBRIEF_INGEST_MLLP_TLS_PORT", "2576")
                .containsEntry("CHARTBRIEF_INGEST_MLLP_TLS_CLIENT_AUTH", "REQUIRED")
                .containsEntry("CHARTBRIEF_INGEST_MLLP_TLS_ALLOWED_SUBJECTS", "CN=mirth-prod,O=General Hospital,mirth-test")
                .containsEntry("CHARTBRIEF_INGEST_MLLP_ALLOWED_SENDERS", "10.20.0.0/16,192.0.2.7")
                .containsEntry("QUARKUS_TLS_MLLP_KEY_STORE_PEM_SERVER_CERT", "/etc/chartbrief/mllp-tls/tls.crt")
                .containsEntry("QUARKUS_TLS_MLLP_TRUST_STORE_PEM_CERTS", "/etc/chartbrief/mllp-tls/ca.crt");
        Deployment ingest = chart.deployment("ingest").orElseThrow();
        Container app = ingest.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(app.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .contains("mllp:2575", "mllp-tls:2576");
        assertThat(app.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/etc/chartbrief/mllp-tls") && m.getReadOnly());
        assertThat(ingest.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && "chartbrief-mllp-tls".equals(v.getSecret().getSecretName()));
        assertThat(chart.all(io.fabric8.kubernetes.api.model.Service.class))
                .filteredOn(svc -> svc.getMetadata().getName().equals("cb-chartbrief-ingest-mllp")).singleElement()
                .satisfies(svc -> assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName())
                        .containsExactly("mllp", "mllp-tls"));

        // TLS without its Secret, or neither listener, is refused rather than deployed broken.
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("ingest.mllp.tls.enabled", "true")))
                .hasMessageContaining("existingSecret");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("ingest.mllp.plainEnabled", "false")))
                .hasMessageContaining("tls.enabled");
    }

    @Test
    void theRemoteEngineNeedsNoModelVolumeAndReadsItsKeyFromASecretFile() {
        RenderedChart chart = RenderedChart.render(ValuesSet.remoteEngine());
        assertThat(chart.configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_SUMMARIZER_ENGINE", "remote")
                .containsEntry("CHARTBRIEF_SUMMARIZER_REMOTE_BASE_URL", "http://medgemma.models.svc:8000/v1")
                .containsEntry("CHARTBRIEF_SUMMARIZER_REMOTE_MODEL", "google/medgemma-27b-it")
                .containsEntry("CHARTBRIEF_SUMMARIZER_REMOTE_API_KEY_FILE", "/etc/chartbrief/remote-engine/api-key")
                .containsEntry("CHARTBRIEF_SUMMARIZER_REMOTE_VISION", "true")
                .containsEntry("CHARTBRIEF_SUMMARIZER_REMOTE_IMAGES_MAX_COUNT", "4")
                .containsEntry("CHARTBRIEF_SUMMARIZER_REMOTE_IMAGES_MAX_BYTES", "8M")
                .containsEntry("CHARTBRIEF_SUMMARIZER_REMOTE_IMAGES_MAX_PIXELS", "25000000")
                .doesNotContainKey("CHARTBRIEF_SUMMARIZER_MODEL_PATH")
                .doesNotContainKey("CHARTBRIEF_SUMMARIZER_REMOTE_API_KEY");
        Deployment summarizer = chart.deployment("summarizer").orElseThrow();
        var pod = summarizer.getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers()).isNullOrEmpty();
        assertThat(pod.getVolumes()).noneMatch(v -> v.getPersistentVolumeClaim() != null)
                .anyMatch(v -> v.getSecret() != null && "medgemma-api-key".equals(v.getSecret().getSecretName()));
        assertThat(chart.all(PersistentVolumeClaim.class)).isEmpty();
        assertThat(pod.getContainers().get(0).getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));

        RenderedChart extractive = RenderedChart.render(List.of(), Map.of("summarizer.engine", "extractive"));
        assertThat(extractive.configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_SUMMARIZER_ENGINE", "extractive").doesNotContainKey("CHARTBRIEF_SUMMARIZER_MODEL_PATH");
        assertThat(extractive.all(PersistentVolumeClaim.class)).isEmpty();

        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("summarizer.engine", "remote")))
                .hasMessageContaining("summarizer.remote.baseUrl");
    }

    @Test
    void theSummarizerCanReadChartsFromASmartProtectedFhirServer() {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of(
                "summarizer.chartSource.fhirBaseUrl", "https://ehr.example/fhir/R4",
                "summarizer.chartSource.auth.mode", "smart-backend",
                "summarizer.chartSource.auth.clientId", "chartbrief-summarizer",
                "summarizer.chartSource.auth.privateKeyExistingSecret", "ehr-fhir-client"));
        assertThat(chart.configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .containsEntry("CHARTBRIEF_SUMMARIZER_FHIR_BASE_URL", "https://ehr.example/fhir/R4")
                .containsEntry("CHARTBRIEF_SUMMARIZER_FHIR_AUTH_MODE", "smart-backend")
                .containsEntry("CHARTBRIEF_SUMMARIZER_FHIR_AUTH_CLIENT_ID", "chartbrief-summarizer")
                .containsEntry("CHARTBRIEF_SUMMARIZER_FHIR_AUTH_PRIVATE_KEY_LOCATION", "/etc/chartbrief/fhir-source/private-key.pem");
        var pod = chart.deployment("summarizer").orElseThrow().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anyMatch(v -> v.getSecret() != null && "ehr-fhir-client".equals(v.getSecret().getSecretName()));
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/etc/chartbrief/fhir-source"));
        // only the summarizer gets that key
        assertThat(chart.deployment("chart").orElseThrow().getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> v.getSecret() != null && "ehr-fhir-client".equals(v.getSecret().getSecretName()));
        assertThat(RenderedChart.render(ValuesSet.defaults()).configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .doesNotContainKey("CHARTBRIEF_SUMMARIZER_FHIR_BASE_URL");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of(
                "summarizer.chartSource.fhirBaseUrl", "https://ehr.example/fhir/R4",
                "summarizer.chartSource.auth.mode", "smart-backend"))).hasMessageContaining("clientId");
    }

    @Test
    void jsonLogsAreSwitchedOnForEveryService() {
        RenderedChart defaults = RenderedChart.render(ValuesSet.defaults());
        RenderedChart ecs = RenderedChart.render(ValuesSet.allFeatures());
        for (String service : RenderedManifestsTest.SERVICES) {
            assertThat(defaults.configMap("cb-chartbrief-" + service).orElseThrow().getData()).as(service)
                    .doesNotContainKey("QUARKUS_LOG_CONSOLE_JSON_ENABLED");
            assertThat(ecs.configMap("cb-chartbrief-" + service).orElseThrow().getData()).as(service)
                    .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                    .containsEntry("QUARKUS_LOG_CONSOLE_JSON_LOG_FORMAT", "ecs");
        }
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("logging.format", "xml")))
                .hasMessageContaining("format");
    }

    @Test
    void inboxDemoModeIsAlwaysOff() {
        for (ValuesSet set : ValuesSet.all()) {
            assertThat(RenderedChart.render(set).configMap("cb-chartbrief-inbox").orElseThrow().getData())
                    .as(set.name()).containsEntry("CHARTBRIEF_INBOX_DEMO_ENABLED", "false")
                    .doesNotContainKey("QUARKUS_PROFILE");
        }
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("inbox.demo", "true")))
                .hasMessageContaining("additional properties");
    }

    @Test
    void summarizerMemoryIsSizedFromTheModelAndContext() {
        // 512 heap + 2490 model + 8192/1024 × 136 KV cache + 512 overhead.
        assertThat(summarizerMemory(Map.of())).isEqualTo("4602Mi");
        // MedGemma 27B: 16500 MiB file, 496 MiB per 1K context, 16K context.
        assertThat(summarizerMemory(Map.of("summarizer.model.fileSizeMi", "16500",
                "summarizer.memory.kvCacheMiPer1kContext", "496", "summarizer.llama.contextSize", "16384")))
                .isEqualTo(512 + 16500 + 16 * 496 + 512 + "Mi");
        assertThat(summarizerMemory(Map.of("summarizer.memory.sizeFromModel", "false"))).isEqualTo("4Gi");
    }

    private static String summarizerMemory(Map<String, String> sets) {
        Container app = RenderedChart.render(List.of(), sets).deployment("summarizer").orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        Quantity request = app.getResources().getRequests().get("memory");
        assertThat(app.getResources().getLimits().get("memory")).isEqualTo(request);
        return request.toString();
    }

    @Test
    void theSchemaRefusesLatestTagsAndUnsafeModelNames() {
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("image.tag", "latest")))
                .hasMessageContaining("image/tag");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("ingest.image.tag", "latest")))
                .hasMessageContaining("ingest/image/tag");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("summarizer.model.file", "x';reboot;'.gguf")))
                .hasMessageContaining("summarizer/model/file");
        assertThatThrownBy(() -> RenderedChart.render(List.of(), Map.of("summarizer.model.sha256", "abc")))
                .hasMessageContaining("summarizer/model/sha256");
    }

    @Test
    void withoutAModelTheSummarizerHasNoVolumeAndNoPull() {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of("summarizer.model.enabled", "false"));
        Deployment summarizer = chart.deployment("summarizer").orElseThrow();
        assertThat(summarizer.getSpec().getTemplate().getSpec().getInitContainers()).isNullOrEmpty();
        assertThat(chart.all(PersistentVolumeClaim.class)).isEmpty();
        assertThat(chart.configMap("cb-chartbrief-summarizer").orElseThrow().getData())
                .doesNotContainKey("CHARTBRIEF_SUMMARIZER_MODEL_PATH")
                .containsEntry("CHARTBRIEF_SUMMARIZER_CHART_URL", "http://cb-chartbrief-chart:8082");
    }
}
