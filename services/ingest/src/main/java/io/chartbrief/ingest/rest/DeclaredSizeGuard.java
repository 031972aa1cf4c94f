package io.chartbrief.ingest.rest;

import io.chartbrief.ingest.config.IngestConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Refuses a FHIR request whose declared {@code Content-Length} is above {@code chartbrief.ingest.rest.max-body-bytes}
 * before a byte of its body is read (413 + OperationOutcome, connection closed), so a large upload costs nothing.
 * Bodies without a declared length are still cut at the limit while being read by the resource.
 */
@ApplicationScoped
public class DeclaredSizeGuard {

    /** Before the REST layer and authentication, which would otherwise start reading the body. */
    private static final int ORDER = -1000;

    private final long maxBodyBytes;

    public DeclaredSizeGuard(IngestConfig config) {
        this.maxBodyBytes = config.rest().maxBodyBytes();
    }

    void install(@Observes Router router) {
        router.route("/fhir/*").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                refuse(context, 400, IssueType.STRUCTURE, "Content-Length is not a number");
                return;
            }
            if (length > maxBodyBytes) {
                refuse(context, 413, IssueType.TOOLONG, "request body larger than " + maxBodyBytes + " bytes");
                return;
            }
        }
        context.next();
    }

    private static void refuse(RoutingContext context, int status, IssueType type, String diagnostics) {
        FhirFormat format = FhirFormat.lenient(context.request());
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", format.mediaType())
                .putHeader("Connection", "close")
                .end(format.encode(OperationOutcomes.error(type, diagnostics)));
    }
}
