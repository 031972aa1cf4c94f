package io.chartbrief.outbound.service;

import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.smart.SmartBackendAuth;
import io.chartbrief.interop.smart.SmartBackendSettings;
import io.chartbrief.outbound.config.OutboundConfig;
import io.chartbrief.outbound.mapping.DocumentReferenceBuilder;
import io.chartbrief.outbound.service.FhirServerClient.Answer;
import io.chartbrief.outbound.service.FhirServerClient.Unanswered;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.jboss.logging.Logger;

/**
 * The FHIR write-back: each summary as a DocumentReference ({@link DocumentReferenceBuilder}) created with
 * {@code POST {base}/DocumentReference} and {@code If-None-Exist: identifier=<summary id>}, so a resend after a lost
 * answer or a crash finds the first one instead of making a second. A superseding summary's DocumentReference
 * {@code relatesTo replaces} the replaced one (looked up on the server by its summary id), which is then updated to
 * {@code superseded} where the server allows it. Optionally the document Bundle is created too. 2xx accepted;
 * 4xx (but 401, 408, 429) rejected with the OperationOutcome's diagnostics; 5xx, 408, 429, no answer, no token:
 * failed, sent again by the service's bounded retry. SMART Backend Services authentication when configured.
 */
@ApplicationScoped
public class FhirConnector implements WriteBackConnector {

    /** Ledger key and metric tag. */
    public static final String NAME = "fhir";

    private static final Logger LOG = Logger.getLogger(FhirConnector.class);

    private final OutboundConfig.Fhir config;
    private final DocumentReferenceBuilder builder = new DocumentReferenceBuilder();
    private FhirServerClient server;

    public FhirConnector(OutboundConfig config) {
        this.config = config.fhir();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(config.retry().initialBackoff(), config.retry().maxBackoff(),
                Math.max(1, config.retry().maxAttempts()));
    }

    void check(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String problem = misconfiguration();
        if (problem != null) {
            // Not fatal: every summary fails, is retried, then dead-lettered for a replay once fixed.
            LOG.warnf("FHIR write-back is not usable: %s", problem);
        }
    }

    @Override
    public synchronized Attempt send(Delivery delivery) {
        String problem = misconfiguration();
        if (problem != null) {
            return new Attempt.Failed(problem);
        }
        try {
            return deliver(delivery, server());
        } catch (Unanswered e) {
            return new Attempt.Failed(e.getMessage());
        } catch (RuntimeException e) {
            // A document HAPI cannot write as FHIR JSON is this record's fault: dead-lettered, never retried.
            return new Attempt.Rejected("the summary could not be written as a DocumentReference ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private Attempt deliver(Delivery delivery, FhirServerClient fhir) throws Unanswered {
        DocumentReference replaced = null;
        if (delivery.replaces()) {
            Answer found = fhir.get("DocumentReference?identifier=" + encode(DocumentReferenceBuilder.token(
                    DocumentReferenceBuilder.summaryIdentifier(delivery.parentSummaryId()))));
            if (!found.ok()) {
                return outcome(found, "looking up the replaced DocumentReference");
            }
            replaced = first(found.body());
        }
        String replacedId = replaced == null ? null : "DocumentReference/" + replaced.getIdElement().getIdPart();
        DocumentReference doc = builder.build(delivery, replacedId, "conditional".equals(config.subjectReference()));
        String condition = "identifier=" + encode(DocumentReferenceBuilder.token(doc.getMasterIdentifier()));
        Answer created = fhir.post("DocumentReference", builder.json(doc), Map.of("If-None-Exist", condition,
                "Prefer", "return=minimal"));
        if (!created.ok()) {
            return outcome(created, "creating the DocumentReference");
        }
        if (config.alsoPostBundle()) {
            // The document's own identifier (required of a FHIR document, bdl-9) makes its create conditional.
            Bundle document = delivery.document().bundle();
            Map<String, String> headers = document.hasIdentifier() && document.getIdentifier().hasValue()
                    ? Map.of("If-None-Exist", "identifier=" + encode(DocumentReferenceBuilder.token(
                            document.getIdentifier())), "Prefer", "return=minimal")
                    : Map.of("Prefer", "return=minimal");
            Answer bundle = fhir.post("Bundle", builder.bundleJson(delivery.document()), headers);
            if (!bundle.ok()) {
                return outcome(bundle, "creating the document Bundle");
            }
        }
        if (replaced != null && config.markSuperseded() && replaced.getStatus() == DocumentReferenceStatus.CURRENT) {
            Attempt superseded = markSuperseded(fhir, replaced);
            if (superseded != null) {
                return superseded;
            }
        }
        LOG.debugf("Summary %s: DocumentReference %s (HTTP %d)", delivery.summaryId(),
                created.status() == 201 ? "created" : "already there", created.status());
        return new Attempt.Accepted();
    }

    /**
     * Sets the replaced DocumentReference to superseded; null when done or not allowed by the server. A version
     * conflict or a 5xx is a failed attempt: the resend creates nothing new (If-None-Exist) and tries this again.
     */
    private Attempt markSuperseded(FhirServerClient fhir, DocumentReference replaced) throws Unanswered {
        String id = replaced.getIdElement().getIdPart();
        replaced.setStatus(DocumentReferenceStatus.SUPERSEDED);
        Map<String, String> headers = replaced.getMeta().hasVersionId()
                ? Map.of("If-Match", "W/\"" + replaced.getMeta().getVersionId() + "\"") : Map.of();
        Answer updated = fhir.put("DocumentReference/" + id, builder.json(replaced), headers);
        if (updated.ok()) {
            return null;
        }
        if (updated.transientFailure() || updated.status() == 409 || updated.status() == 412) {
            return new Attempt.Failed("marking DocumentReference/" + id + " superseded: " + updated.reason());
        }
        // e.g. 403/405: this server keeps documents immutable; relatesTo on the new one says enough
        LOG.infof("The FHIR server did not let DocumentReference/%s be marked superseded (HTTP %d)", id,
                updated.status());
        return null;
    }

    private static Attempt outcome(Answer answer, String doing) {
        if (answer.transientFailure()) {
            return new Attempt.Failed(doing + ": FHIR server answered " + answer.reason());
        }
        return new Attempt.Rejected("rejected by the FHIR server " + doing + " (" + answer.reason() + ")");
    }

    private static DocumentReference first(String searchset) throws Unanswered {
        Bundle bundle;
        try {
            bundle = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, searchset);
        } catch (ca.uhn.fhir.parser.DataFormatException | ClassCastException e) {
            throw new Unanswered("the FHIR server's search answer is not a Bundle");
        }
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(DocumentReference.class::isInstance).map(DocumentReference.class::cast)
                .findFirst().orElse(null);
    }

    private String misconfiguration() {
        if (config.baseUrl().isEmpty() || config.baseUrl().get().isBlank()) {
            return "chartbrief.outbound.fhir.base-url is not set";
        }
        if (!"identifier".equals(config.subjectReference()) && !"conditional".equals(config.subjectReference())) {
            return "chartbrief.outbound.fhir.subject-reference must be identifier or conditional, not '"
                    + config.subjectReference() + "'";
        }
        return switch (config.auth().mode()) {
            case "none" -> null;
            case "smart-backend" -> config.auth().clientId().isEmpty() || config.auth().privateKeyLocation().isEmpty()
                    ? "smart-backend needs chartbrief.outbound.fhir.auth.client-id and private-key-location" : null;
            default -> "chartbrief.outbound.fhir.auth.mode must be none or smart-backend, not '"
                    + config.auth().mode() + "'";
        };
    }

    private FhirServerClient server() {
        if (server == null) {
            OutboundConfig.FhirAuth auth = config.auth();
            SmartBackendAuth smart = "smart-backend".equals(auth.mode())
                    ? new SmartBackendAuth(new SmartBackendSettings(URI.create(config.baseUrl().get()),
                            auth.tokenUrl().map(URI::create).orElse(null), auth.clientId().get(),
                            Path.of(auth.privateKeyLocation().get()), auth.algorithm().orElse(null),
                            auth.keyId().orElse(null), auth.scope(), null, auth.refreshBefore(), config.timeout()))
                    : null;
            server = new FhirServerClient(config.baseUrl().get(), config.timeout(), smart);
        }
        return server;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
