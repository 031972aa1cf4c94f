package io.chartbrief.summarizer.security;

import io.chartbrief.interop.smart.SmartAuthException;
import io.chartbrief.interop.smart.SmartBackendAuth;
import io.chartbrief.interop.smart.SmartBackendSettings;
import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summarizer.config.SummarizerConfig.FhirAuth;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;

/**
 * The bearer token for the {@code fhir-base-url} chart source ({@code chartbrief.summarizer.fhir-auth.*}): none, or
 * a SMART Backend Services access token (the shared {@link SmartBackendAuth}: discovery, signed client assertion,
 * cache until shortly before expiry). Tokens are never logged.
 */
@ApplicationScoped
public class FhirSourceTokens {

    private final SummarizerConfig config;
    private SmartBackendAuth smart;

    public FhirSourceTokens(SummarizerConfig config) {
        this.config = config;
    }

    /** Whether requests to {@code fhir-base-url} carry a token. */
    public boolean enabled() {
        return !"none".equals(config.fhirAuth().mode());
    }

    /** The current token (a new one when none is cached or it is about to expire). */
    public String bearer() throws SmartAuthException {
        return smart().bearer();
    }

    /** Drops {@code refused} (the FHIR server answered 401 to it): the next {@link #bearer()} gets a new one. */
    public void invalidate(String refused) {
        if (smart != null) {
            smart.invalidate(refused);
        }
    }

    private synchronized SmartBackendAuth smart() throws SmartAuthException {
        if (smart == null) {
            FhirAuth auth = config.fhirAuth();
            if (!"smart-backend".equals(auth.mode())) {
                throw new SmartAuthException("chartbrief.summarizer.fhir-auth.mode must be none or smart-backend, not '"
                        + auth.mode() + "'");
            }
            if (auth.clientId().isEmpty() || auth.privateKeyLocation().isEmpty() || config.fhirBaseUrl().isEmpty()) {
                throw new SmartAuthException("smart-backend needs chartbrief.summarizer.fhir-base-url, "
                        + "fhir-auth.client-id and fhir-auth.private-key-location");
            }
            smart = new SmartBackendAuth(new SmartBackendSettings(URI.create(config.fhirBaseUrl().get()),
                    auth.tokenUrl().map(URI::create).orElse(null), auth.clientId().get(),
                    Path.of(auth.privateKeyLocation().get()), auth.algorithm().orElse(null), auth.keyId().orElse(null),
                    auth.scope(), null, auth.refreshBefore(), config.chartTimeout()));
        }
        return smart;
    }
}
