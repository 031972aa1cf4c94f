{{/* The four services, in start order. */}}
{{- define "chartbrief.services" -}}
ingest chart summarizer inbox outbound
{{- end }}

{{- define "chartbrief.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chartbrief.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "chartbrief.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Common labels; call with (dict "root" $ "component" "ingest"). */}}
{{- define "chartbrief.labels" -}}
helm.sh/chart: {{ include "chartbrief.chart" .root }}
{{ include "chartbrief.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: chartbrief
{{- end }}

{{- define "chartbrief.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chartbrief.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end }}

{{- define "chartbrief.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chartbrief.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* An image reference with a tag: the component's tag, else image.tag, else the chart's appVersion. */}}
{{- define "chartbrief.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s:%s" .image.repository (toString $tag) }}
{{- end }}

{{/* MicroProfile Config's environment variable name of a configuration key. */}}
{{- define "chartbrief.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper }}
{{- end }}

{{/* Secret names. */}}
{{- define "chartbrief.secretName" -}}
{{- printf "%s-secrets" (include "chartbrief.fullname" .) }}
{{- end }}
{{- define "chartbrief.kafkaSaslSecret" -}}
{{- .Values.kafka.sasl.existingSecret | default (include "chartbrief.secretName" .) }}
{{- end }}
{{- define "chartbrief.kafkaCaSecret" -}}
{{- .Values.kafka.tls.existingSecret | default (include "chartbrief.secretName" .) }}
{{- end }}
{{- define "chartbrief.dbSecret" -}}
{{- .Values.postgresql.existingSecret | default (include "chartbrief.secretName" .) }}
{{- end }}
{{- define "chartbrief.jwtSecret" -}}
{{- .Values.jwt.existingSecret | default (include "chartbrief.secretName" .) }}
{{- end }}
{{- define "chartbrief.serviceJwtSecret" -}}
{{- .Values.serviceAuth.existingSecret | default (include "chartbrief.secretName" .) }}
{{- end }}
{{- define "chartbrief.serviceSigningSecret" -}}
{{- .Values.serviceAuth.signingKeyExistingSecret | default (include "chartbrief.secretName" .) }}
{{- end }}
{{- define "chartbrief.hfSecret" -}}
{{- .Values.summarizer.model.huggingface.existingSecret | default (include "chartbrief.secretName" .) }}
{{- end }}

{{/* Is a JWT key file mounted (PEM/JWKS text or an existing Secret) rather than a URL? */}}
{{- define "chartbrief.jwtKeyFile" -}}
{{- if and (not .Values.jwt.publicKeyLocation) (or .Values.jwt.publicKey .Values.jwt.existingSecret) }}true{{ end }}
{{- end }}
{{/* Service auth: is the verification key a mounted file; does the summarizer mount a signing key? */}}
{{- define "chartbrief.serviceKeyFile" -}}
{{- if and (not .Values.serviceAuth.publicKeyLocation) (or .Values.serviceAuth.publicKey .Values.serviceAuth.existingSecret) }}true{{ end }}
{{- end }}
{{- define "chartbrief.serviceSigningKey" -}}
{{- if and (eq .Values.serviceAuth.mode "signed") (or .Values.serviceAuth.signingKey .Values.serviceAuth.signingKeyExistingSecret) }}true{{ end }}
{{- end }}
{{- define "chartbrief.kafkaCa" -}}
{{- if or .Values.kafka.tls.caCert .Values.kafka.tls.existingSecret }}true{{ end }}
{{- end }}
{{- define "chartbrief.kafkaSasl" -}}
{{- if or .Values.kafka.sasl.jaasConfig .Values.kafka.sasl.existingSecret }}true{{ end }}
{{- end }}
{{- define "chartbrief.hfToken" -}}
{{- if or .Values.summarizer.model.huggingface.token .Values.summarizer.model.huggingface.existingSecret }}true{{ end }}
{{- end }}
{{- define "chartbrief.modelEnabled" -}}
{{- if and .Values.summarizer.model.enabled (eq .Values.summarizer.engine "llama") }}true{{ end }}
{{- end }}
{{- define "chartbrief.modelClaim" -}}
{{- .Values.summarizer.model.persistence.existingClaim | default (printf "%s-models" (include "chartbrief.fullname" .)) }}
{{- end }}

{{/* The summarizer's memory (request = limit), in Mi, sized from the model and the context. */}}
{{- define "chartbrief.summarizerMemoryMi" -}}
{{- $s := .Values.summarizer -}}
{{- $kv := div (mul (int $s.llama.contextSize) (int $s.memory.kvCacheMiPer1kContext)) 1024 -}}
{{- add (int $s.memory.heapMi) (int $s.model.fileSizeMi) $kv (int $s.memory.overheadMi) }}
{{- end }}

{{/*
Non-secret configuration of a service as (configuration key → value), YAML. Rendered into its ConfigMap with
environment variable names. Call with (dict "root" $ "name" "ingest").
*/}}
{{- define "chartbrief.config" -}}
{{- $root := .root -}}
{{- $v := index $root.Values .name -}}
{{- $full := include "chartbrief.fullname" $root -}}
{{- $c := dict "quarkus.http.port" (toString $v.port) -}}
{{- if eq .name "ingest" }}
{{- $_ := set $c "chartbrief.ingest.mllp.enabled" (toString $v.mllp.enabled) -}}
{{- $_ := set $c "chartbrief.ingest.mllp.port" (toString $v.mllp.port) -}}
{{- if and $v.mllp.enabled (not $v.mllp.plainEnabled) (not $v.mllp.tls.enabled) }}
{{- fail "ingest.mllp.plainEnabled=false needs ingest.mllp.tls.enabled=true (or ingest.mllp.enabled=false)" }}
{{- end }}
{{- $_ := set $c "chartbrief.ingest.mllp.plain-enabled" (toString $v.mllp.plainEnabled) -}}
{{- with $v.mllp.allowedSenders }}
{{- $_ := set $c "chartbrief.ingest.mllp.allowed-senders" (join "," .) -}}
{{- end }}
{{- if $v.mllp.tls.enabled }}
{{- $_ := set $c "chartbrief.ingest.mllp.tls.enabled" "true" -}}
{{- $_ := set $c "chartbrief.ingest.mllp.tls.port" (toString $v.mllp.tls.port) -}}
{{- $_ := set $c "chartbrief.ingest.mllp.tls.tls-configuration-name" "mllp" -}}
{{- $_ := set $c "chartbrief.ingest.mllp.tls.client-auth" $v.mllp.tls.clientAuth -}}
{{- with $v.mllp.tls.allowedSubjects }}
{{- $_ := set $c "chartbrief.ingest.mllp.tls.allowed-subjects" (join "," .) -}}
{{- end }}
{{- $_ := set $c "quarkus.tls.mllp.key-store.pem.server.cert" "/etc/chartbrief/mllp-tls/tls.crt" -}}
{{- $_ := set $c "quarkus.tls.mllp.key-store.pem.server.key" "/etc/chartbrief/mllp-tls/tls.key" -}}
{{- if ne $v.mllp.tls.clientAuth "NONE" }}
{{- $_ := set $c "quarkus.tls.mllp.trust-store.pem.certs" "/etc/chartbrief/mllp-tls/ca.crt" -}}
{{- end }}
{{- $_ := set $c "quarkus.tls.mllp.reload-period" "1h" -}}
{{- end }}
{{- end }}
{{- if ne $root.Values.logging.format "text" }}
{{- $_ := set $c "quarkus.log.console.json.enabled" "true" -}}
{{- if eq $root.Values.logging.format "ecs" }}
{{- $_ := set $c "quarkus.log.console.json.log-format" "ecs" -}}
{{- end }}
{{- end }}
{{- $_ := set $c "kafka.bootstrap.servers" $root.Values.kafka.bootstrapServers -}}
{{- $_ := set $c "kafka.security.protocol" $root.Values.kafka.securityProtocol -}}
{{- with $root.Values.kafka.sasl.mechanism }}
{{- $_ := set $c "kafka.sasl.mechanism" . -}}
{{- end }}
{{- if include "chartbrief.kafkaCa" $root }}
{{- $_ := set $c "kafka.ssl.truststore.type" "PEM" -}}
{{- $_ := set $c "kafka.ssl.truststore.location" (printf "/etc/chartbrief/kafka-ca/%s" $root.Values.kafka.tls.caCertKey) -}}
{{- end }}
{{- if $root.Values.kafka.tls.clientCertificate.existingSecret }}
{{- $_ := set $c "kafka.ssl.keystore.type" "PKCS12" -}}
{{- $_ := set $c "kafka.ssl.keystore.location" (printf "/etc/chartbrief/kafka-client/%s" $root.Values.kafka.tls.clientCertificate.keystoreKey) -}}
{{- end }}
{{- if has .name (list "chart" "summarizer" "inbox" "outbound") }}
{{- $_ := set $c "quarkus.datasource.jdbc.url" $root.Values.postgresql.jdbcUrl -}}
{{- end }}
{{- if has .name (list "ingest" "inbox") }}
{{- with $root.Values.jwt.issuer }}
{{- $_ := set $c "mp.jwt.verify.issuer" . -}}
{{- end }}
{{- if $root.Values.jwt.publicKeyLocation }}
{{- $_ := set $c "mp.jwt.verify.publickey.location" $root.Values.jwt.publicKeyLocation -}}
{{- else if include "chartbrief.jwtKeyFile" $root }}
{{- $_ := set $c "mp.jwt.verify.publickey.location" (printf "file:/etc/chartbrief/jwt/%s" $root.Values.jwt.publicKeyKey) -}}
{{- end }}
{{- end }}
{{- if has .name (list "chart" "summarizer") }}
{{- $_ := set $c "mp.jwt.verify.issuer" $root.Values.serviceAuth.issuer -}}
{{- if $root.Values.serviceAuth.publicKeyLocation }}
{{- $_ := set $c "mp.jwt.verify.publickey.location" $root.Values.serviceAuth.publicKeyLocation -}}
{{- else if include "chartbrief.serviceKeyFile" $root }}
{{- $_ := set $c "mp.jwt.verify.publickey.location" (printf "file:/etc/chartbrief/service-jwt/%s" $root.Values.serviceAuth.publicKeyKey) -}}
{{- end }}
{{- end }}
{{- if eq .name "chart" }}
{{- $_ := set $c "chartbrief.chart.trigger.settle-window" $v.settleWindow -}}
{{- end }}
{{- if eq .name "summarizer" }}
{{- $_ := set $c "chartbrief.summarizer.chart-url" (printf "http://%s-chart:%d" $full (int $root.Values.chart.port)) -}}
{{- with $root.Values.serviceAuth }}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.mode" .mode -}}
{{- if eq .mode "signed" }}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.issuer" .issuer -}}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.token-lifetime" .tokenLifetime -}}
{{- if include "chartbrief.serviceSigningKey" $root }}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.signing-key-location" (printf "/etc/chartbrief/service-jwt-signing/%s" .signingKeyKey) -}}
{{- end }}
{{- with .keyId }}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.key-id" . -}}
{{- end }}
{{- else }}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.token-url" .tokenUrl -}}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.client-id" .clientId -}}
{{- if .clientSecretExistingSecret }}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.client-secret-file" (printf "/etc/chartbrief/service-idp/%s" .clientSecretKey) -}}
{{- end }}
{{- with .scope }}
{{- $_ := set $c "chartbrief.summarizer.chart-auth.scope" . -}}
{{- end }}
{{- end }}
{{- end }}
{{- with $v.chartSource }}
{{- if .fhirBaseUrl }}
{{- $_ := set $c "chartbrief.summarizer.fhir-base-url" .fhirBaseUrl -}}
{{- $_ := set $c "chartbrief.summarizer.fhir-auth.mode" .auth.mode -}}
{{- if eq .auth.mode "smart-backend" }}
{{- if or (not .auth.clientId) (not .auth.privateKeyExistingSecret) }}
{{- fail "summarizer.chartSource.auth.mode=smart-backend needs auth.clientId and auth.privateKeyExistingSecret" }}
{{- end }}
{{- $_ := set $c "chartbrief.summarizer.fhir-auth.client-id" .auth.clientId -}}
{{- $_ := set $c "chartbrief.summarizer.fhir-auth.private-key-location" (printf "/etc/chartbrief/fhir-source/%s" .auth.privateKeyKey) -}}
{{- $_ := set $c "chartbrief.summarizer.fhir-auth.scope" .auth.scope -}}
{{- with .auth.keyId }}
{{- $_ := set $c "chartbrief.summarizer.fhir-auth.key-id" . -}}
{{- end }}
{{- with .auth.tokenUrl }}
{{- $_ := set $c "chartbrief.summarizer.fhir-auth.token-url" . -}}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq $v.engine "remote" }}
{{- if or (not $v.remote.baseUrl) (not $v.remote.model) }}
{{- fail "summarizer.engine=remote needs summarizer.remote.baseUrl and summarizer.remote.model" }}
{{- end }}
{{- $_ := set $c "chartbrief.summarizer.engine" "remote" -}}
{{- $_ := set $c "chartbrief.summarizer.remote.base-url" $v.remote.baseUrl -}}
{{- $_ := set $c "chartbrief.summarizer.remote.model" $v.remote.model -}}
{{- $_ := set $c "chartbrief.summarizer.remote.structured-output" $v.remote.structuredOutput -}}
{{- $_ := set $c "chartbrief.summarizer.remote.context-size" (toString $v.remote.contextSize) -}}
{{- $_ := set $c "chartbrief.summarizer.remote.max-concurrent-requests" (toString $v.remote.maxConcurrentRequests) -}}
{{- $_ := set $c "chartbrief.summarizer.remote.request-timeout" $v.remote.requestTimeout -}}
{{- if $v.remote.vision }}
{{- $_ := set $c "chartbrief.summarizer.remote.vision" "true" -}}
{{- $_ := set $c "chartbrief.summarizer.remote.images.max-count" (toString $v.remote.images.maxCount) -}}
{{- $_ := set $c "chartbrief.summarizer.remote.images.max-bytes" (toString $v.remote.images.maxBytes) -}}
{{- $_ := set $c "chartbrief.summarizer.remote.images.max-pixels" (toString (int64 $v.remote.images.maxPixels)) -}}
{{- end }}
{{- if $v.remote.apiKeyExistingSecret }}
{{- $_ := set $c "chartbrief.summarizer.remote.api-key-file" (printf "/etc/chartbrief/remote-engine/%s" $v.remote.apiKeyKey) -}}
{{- end }}
{{- else if eq $v.engine "extractive" }}
{{- $_ := set $c "chartbrief.summarizer.engine" "extractive" -}}
{{- else if $v.model.enabled }}
{{- $_ := set $c "chartbrief.summarizer.model-path" (printf "%s/%s" $v.model.mountPath $v.model.file) -}}
{{- end }}
{{- $_ := set $c "chartbrief.summarizer.threads" (toString $v.llama.threads) -}}
{{- $_ := set $c "chartbrief.summarizer.batch-threads" (toString $v.llama.batchThreads) -}}
{{- if $v.gpu.enabled }}
{{- $_ := set $c "chartbrief.summarizer.gpu-layers" (toString $v.gpu.layers) -}}
{{- end }}
{{- $_ := set $c "chartbrief.summarizer.context-size" (toString $v.llama.contextSize) -}}
{{- $_ := set $c "chartbrief.summarizer.parallel-slots" (toString $v.llama.parallelSlots) -}}
{{- $_ := set $c "chartbrief.summarizer.max-output-tokens" (toString $v.llama.maxOutputTokens) -}}
{{- $_ := set $c "chartbrief.summarizer.timeout" $v.llama.timeout -}}
{{- end }}
{{- if eq .name "inbox" }}
{{- $_ := set $c "chartbrief.inbox.demo.enabled" "false" -}}
{{- $_ := set $c "chartbrief.inbox.practitioner-claim" $v.practitionerClaim -}}
{{- if $v.practitionerSystem }}
{{- $_ := set $c "chartbrief.inbox.practitioner-system" $v.practitionerSystem -}}
{{- end }}
{{- $_ := set $c "chartbrief.inbox.units-claim" $v.unitsClaim -}}
{{- $_ := set $c "chartbrief.inbox.route-participant-types" $v.routeParticipantTypes -}}
{{- $_ := set $c "chartbrief.inbox.sse-heartbeat" $v.sseHeartbeat -}}
{{- end }}
{{- if eq .name "outbound" }}
{{- $m := $v.mdm -}}
{{- $_ := set $c "chartbrief.outbound.mdm.enabled" (toString $m.enabled) -}}
{{- if $m.enabled }}
{{- $_ := set $c "chartbrief.outbound.mdm.host" $m.host -}}
{{- $_ := set $c "chartbrief.outbound.mdm.port" (toString $m.port) -}}
{{- $_ := set $c "chartbrief.outbound.mdm.ack-timeout" $m.ackTimeout -}}
{{- with $m.receivingApplication }}
{{- $_ := set $c "chartbrief.outbound.mdm.receiving-application" . -}}
{{- end }}
{{- with $m.receivingFacility }}
{{- $_ := set $c "chartbrief.outbound.mdm.receiving-facility" . -}}
{{- end }}
{{- $_ := set $c "chartbrief.outbound.mdm.document-type" $m.documentType -}}
{{- $_ := set $c "chartbrief.outbound.mdm.retry.max-attempts" (toString $m.retry.maxAttempts) -}}
{{- $_ := set $c "chartbrief.outbound.mdm.retry.max-backoff" $m.retry.maxBackoff -}}
{{- end }}
{{- $f := $v.fhir -}}
{{- $_ := set $c "chartbrief.outbound.fhir.enabled" (toString $f.enabled) -}}
{{- if $f.enabled }}
{{- $_ := set $c "chartbrief.outbound.fhir.base-url" $f.baseUrl -}}
{{- $_ := set $c "chartbrief.outbound.fhir.also-post-bundle" (toString $f.alsoPostBundle) -}}
{{- $_ := set $c "chartbrief.outbound.fhir.subject-reference" $f.subjectReference -}}
{{- $_ := set $c "chartbrief.outbound.fhir.auth.mode" $f.auth.mode -}}
{{- if eq $f.auth.mode "smart-backend" }}
{{- $_ := set $c "chartbrief.outbound.fhir.auth.client-id" $f.auth.clientId -}}
{{- $_ := set $c "chartbrief.outbound.fhir.auth.private-key-location" (printf "/etc/chartbrief/fhir-client/%s" $f.auth.privateKeyKey) -}}
{{- $_ := set $c "chartbrief.outbound.fhir.auth.scope" $f.auth.scope -}}
{{- with $f.auth.keyId }}
{{- $_ := set $c "chartbrief.outbound.fhir.auth.key-id" . -}}
{{- end }}
{{- with $f.auth.tokenUrl }}
{{- $_ := set $c "chartbrief.outbound.fhir.auth.token-url" . -}}
{{- end }}
{{- end }}
{{- $_ := set $c "chartbrief.outbound.fhir.retry.max-attempts" (toString $f.retry.maxAttempts) -}}
{{- $_ := set $c "chartbrief.outbound.fhir.retry.max-backoff" $f.retry.maxBackoff -}}
{{- end }}
{{- end }}
{{- range $k, $val := $v.config }}
{{- $_ := set $c $k (toString $val) -}}
{{- end }}
{{- toYaml $c }}
{{- end }}

{{/* Secret-backed environment of a service. Call with (dict "root" $ "name" "chart"). */}}
{{- define "chartbrief.secretEnv" -}}
{{- $root := .root -}}
{{- if include "chartbrief.kafkaSasl" $root }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ include "chartbrief.kafkaSaslSecret" $root }}
      key: {{ ternary $root.Values.kafka.sasl.jaasConfigKey "kafka-sasl-jaas-config" (ne $root.Values.kafka.sasl.existingSecret "") }}
{{- end }}
{{- with $root.Values.kafka.tls.clientCertificate }}
{{- if .existingSecret }}
- name: KAFKA_SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- end }}
{{- end }}
{{- if has .name (list "chart" "summarizer" "inbox" "outbound") }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "chartbrief.dbSecret" $root }}
      key: {{ ternary $root.Values.postgresql.usernameKey "db-username" (ne $root.Values.postgresql.existingSecret "") }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "chartbrief.dbSecret" $root }}
      key: {{ ternary $root.Values.postgresql.passwordKey "db-password" (ne $root.Values.postgresql.existingSecret "") }}
{{- end }}
{{- end }}

{{/* Volumes for secrets mounted as files (Kafka CA, Kafka client keystore, JWT key). */}}
{{- define "chartbrief.secretVolumes" -}}
{{- $root := .root -}}
{{- if and (eq .name "summarizer") (include "chartbrief.fhirSourceKey" $root) }}
- name: fhir-source
  secret:
    secretName: {{ $root.Values.summarizer.chartSource.auth.privateKeyExistingSecret }}
    items:
      - key: {{ $root.Values.summarizer.chartSource.auth.privateKeyKey }}
        path: {{ $root.Values.summarizer.chartSource.auth.privateKeyKey }}
{{- end }}
{{- if and (eq .name "summarizer") (eq $root.Values.summarizer.engine "remote") $root.Values.summarizer.remote.apiKeyExistingSecret }}
- name: remote-engine
  secret:
    secretName: {{ $root.Values.summarizer.remote.apiKeyExistingSecret }}
    items:
      - key: {{ $root.Values.summarizer.remote.apiKeyKey }}
        path: {{ $root.Values.summarizer.remote.apiKeyKey }}
{{- end }}
{{- if and (eq .name "ingest") $root.Values.ingest.mllp.enabled $root.Values.ingest.mllp.tls.enabled }}
- name: mllp-tls
  secret:
    secretName: {{ $root.Values.ingest.mllp.tls.existingSecret }}
{{- end }}
{{- if include "chartbrief.kafkaCa" $root }}
- name: kafka-ca
  secret:
    secretName: {{ include "chartbrief.kafkaCaSecret" $root }}
    items:
      - key: {{ ternary $root.Values.kafka.tls.caCertKey "kafka-ca.crt" (ne $root.Values.kafka.tls.existingSecret "") }}
        path: {{ $root.Values.kafka.tls.caCertKey }}
{{- end }}
{{- with $root.Values.kafka.tls.clientCertificate.existingSecret }}
- name: kafka-client
  secret:
    secretName: {{ . }}
    items:
      - key: {{ $root.Values.kafka.tls.clientCertificate.keystoreKey }}
        path: {{ $root.Values.kafka.tls.clientCertificate.keystoreKey }}
{{- end }}
{{- if and (has .name (list "ingest" "inbox")) (include "chartbrief.jwtKeyFile" $root) }}
- name: jwt
  secret:
    secretName: {{ include "chartbrief.jwtSecret" $root }}
    items:
      - key: {{ ternary $root.Values.jwt.publicKeyKey "jwt-public-key" (ne $root.Values.jwt.existingSecret "") }}
        path: {{ $root.Values.jwt.publicKeyKey }}
{{- end }}
{{- if and (has .name (list "chart" "summarizer")) (include "chartbrief.serviceKeyFile" $root) }}
- name: service-jwt
  secret:
    secretName: {{ include "chartbrief.serviceJwtSecret" $root }}
    items:
      - key: {{ ternary $root.Values.serviceAuth.publicKeyKey "service-jwt-public-key" (ne $root.Values.serviceAuth.existingSecret "") }}
        path: {{ $root.Values.serviceAuth.publicKeyKey }}
{{- end }}
{{- if and (eq .name "summarizer") (include "chartbrief.serviceSigningKey" $root) }}
- name: service-jwt-signing
  secret:
    secretName: {{ include "chartbrief.serviceSigningSecret" $root }}
    defaultMode: 0400
    items:
      - key: {{ ternary $root.Values.serviceAuth.signingKeyKey "service-jwt-signing-key" (ne $root.Values.serviceAuth.signingKeyExistingSecret "") }}
        path: {{ $root.Values.serviceAuth.signingKeyKey }}
{{- end }}
{{- if and (eq .name "outbound") (include "chartbrief.fhirClientKey" $root) }}
- name: fhir-client
  secret:
    secretName: {{ $root.Values.outbound.fhir.auth.privateKeyExistingSecret }}
    defaultMode: 0400
    items:
      - key: {{ $root.Values.outbound.fhir.auth.privateKeyKey }}
        path: {{ $root.Values.outbound.fhir.auth.privateKeyKey }}
{{- end }}
{{- if and (eq .name "summarizer") (ne $root.Values.serviceAuth.mode "signed") $root.Values.serviceAuth.clientSecretExistingSecret }}
- name: service-idp
  secret:
    secretName: {{ $root.Values.serviceAuth.clientSecretExistingSecret }}
    defaultMode: 0400
    items:
      - key: {{ $root.Values.serviceAuth.clientSecretKey }}
        path: {{ $root.Values.serviceAuth.clientSecretKey }}
{{- end }}
{{- end }}

{{- define "chartbrief.secretMounts" -}}
{{- $root := .root -}}
{{- if and (eq .name "summarizer") (include "chartbrief.fhirSourceKey" $root) }}
- name: fhir-source
  mountPath: /etc/chartbrief/fhir-source
  readOnly: true
{{- end }}
{{- if and (eq .name "summarizer") (eq $root.Values.summarizer.engine "remote") $root.Values.summarizer.remote.apiKeyExistingSecret }}
- name: remote-engine
  mountPath: /etc/chartbrief/remote-engine
  readOnly: true
{{- end }}
{{- if and (eq .name "ingest") $root.Values.ingest.mllp.enabled $root.Values.ingest.mllp.tls.enabled }}
- name: mllp-tls
  mountPath: /etc/chartbrief/mllp-tls
  readOnly: true
{{- end }}
{{- if include "chartbrief.kafkaCa" $root }}
- name: kafka-ca
  mountPath: /etc/chartbrief/kafka-ca
  readOnly: true
{{- end }}
{{- if $root.Values.kafka.tls.clientCertificate.existingSecret }}
- name: kafka-client
  mountPath: /etc/chartbrief/kafka-client
  readOnly: true
{{- end }}
{{- if and (has .name (list "ingest" "inbox")) (include "chartbrief.jwtKeyFile" $root) }}
- name: jwt
  mountPath: /etc/chartbrief/jwt
  readOnly: true
{{- end }}
{{- if and (has .name (list "chart" "summarizer")) (include "chartbrief.serviceKeyFile" $root) }}
- name: service-jwt
  mountPath: /etc/chartbrief/service-jwt
  readOnly: true
{{- end }}
{{- if and (eq .name "summarizer") (include "chartbrief.serviceSigningKey" $root) }}
- name: service-jwt-signing
  mountPath: /etc/chartbrief/service-jwt-signing
  readOnly: true
{{- end }}
{{- if and (eq .name "outbound") (include "chartbrief.fhirClientKey" $root) }}
- name: fhir-client
  mountPath: /etc/chartbrief/fhir-client
  readOnly: true
{{- end }}
{{- if and (eq .name "summarizer") (ne $root.Values.serviceAuth.mode "signed") $root.Values.serviceAuth.clientSecretExistingSecret }}
- name: service-idp
  mountPath: /etc/chartbrief/service-idp
  readOnly: true
{{- end }}
{{- end }}

{{/*
The model init container's script: downloads only when the model file is missing or its sha256 differs from the
expected one. The sha256 of a present file is recorded beside it (<file>.sha256) so later starts need not hash
gigabytes again (unless verifyOnStart). Values are restricted by values.schema.json to characters that are safe
inside single quotes.
*/}}
{{- define "chartbrief.modelPullScript" -}}
{{- $m := .Values.summarizer.model -}}
set -eu
dir='{{ $m.mountPath }}'
file='{{ $m.file }}'
want='{{ $m.sha256 }}'
verify='{{ $m.verifyOnStart }}'
model="$dir/$file"
sidecar="$model.sha256"
# Replicas sharing a ReadWriteMany volume start together: one pulls, the others wait and then find the file.
exec 9>"$dir/.model-pull.lock"
flock 9 || echo "the volume does not support flock: no turn-taking with other replicas"
if [ -f "$model" ]; then
  have=''
  if [ "$verify" != 'true' ] && [ -f "$sidecar" ]; then have=$(cut -c1-64 "$sidecar"); fi
  if [ -n "$want" ] && [ "$have" != "$want" ]; then have=''; fi
  if [ -z "$have" ]; then echo "hashing $file"; have=$(sha256sum "$model" | cut -c1-64); fi
  if [ -z "$have" ]; then echo "cannot hash $file" >&2; exit 1; fi
  if [ -z "$want" ] || [ "$have" = "$want" ]; then
    printf '%s\n' "$have" > "$sidecar"
    echo "model present: $file (sha256 $have); no download"
    exit 0
  fi
  echo "model checksum differs: $file has sha256 $have, expected $want"
else
  echo "model missing: $file"
fi
rm -f "$sidecar"
chartbrief model pull --force --models-dir "$dir" --file "$file"
{{- if $m.url }} --url '{{ $m.url }}'{{ else }} --repo '{{ $m.repo }}' --revision '{{ $m.revision }}'{{ end }}
{{- if $m.sha256 }} --sha256 "$want"{{ end }}
if [ -n "$want" ]; then have="$want"; else have=$(sha256sum "$model" | cut -c1-64); fi
if [ -z "$have" ]; then echo "cannot hash $file" >&2; exit 1; fi
printf '%s\n' "$have" > "$sidecar"
echo "model pulled: $file (sha256 $have)"
{{- end }}

{{/* Whether the outbound FHIR connector signs SMART client assertions with a key from an existing Secret. */}}
{{- define "chartbrief.fhirClientKey" -}}
{{- $f := .Values.outbound.fhir -}}
{{- if and $f.enabled (eq $f.auth.mode "smart-backend") $f.auth.privateKeyExistingSecret }}true{{ end }}
{{- end }}

{{/* Whether the summarizer reads charts from a FHIR server with SMART Backend Services (key from a Secret). */}}
{{- define "chartbrief.fhirSourceKey" -}}
{{- $a := .Values.summarizer.chartSource -}}
{{- if and $a.fhirBaseUrl (eq $a.auth.mode "smart-backend") $a.auth.privateKeyExistingSecret }}true{{ end }}
{{- end }}
