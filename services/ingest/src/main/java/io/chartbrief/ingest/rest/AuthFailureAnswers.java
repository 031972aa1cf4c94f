package io.chartbrief.ingest.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A refused caller of the FHIR intake gets what FHIR clients read — an OperationOutcome — instead of an empty
 * body: 401 ({@code login}, with {@code WWW-Authenticate: Bearer}) for no, a forged or an expired token, 403
 * ({@code forbidden}) for a valid token without the {@code ingest} role. Authentication stays proactive and the
 * permissions path-based (checked before any resource runs); this Vert.x failure handler writes the answer, as
 * Quarkus' security guide describes for customised authentication failures. The diagnostics name no detail of the
 * token (which key, which claim): a caller must not learn them.
 */
public class AuthFailureAnswers {

    private static final String UNAUTHENTICATED =
            "a valid bearer token (JWT) of the configured identity provider is required";

    /** The intake's permission policy: {@code permit} (demo profile) lets anonymous callers in. */
    @ConfigProperty(name = "quarkus.http.auth.permission.fhir-intake.policy")
    String intakePolicy;

    void install(@Observes Router router) {
        // No Authorization header at all: Quarkus answers the anonymous caller with a bare challenge (no failure
        // reaches a handler), so such a request is answered here, before authentication, exactly when the
        // permissions would refuse it (everything under /fhir but GET metadata, unless the intake is open).
        router.route("/fhir/*").order(Integer.MIN_VALUE + 100).handler(this::anonymous);
        router.route("/fhir/*").failureHandler(this::answer);
    }

    private void anonymous(RoutingContext context) {
        boolean metadata = "GET".equals(context.request().method().name())
                && "/fhir/r4/metadata".equals(context.normalizedPath());
        if ("permit".equals(intakePolicy) || metadata || context.request().getHeader("Authorization") != null) {
            context.next();
            return;
        }
        write(context, 401, IssueType.LOGIN, UNAUTHENTICATED);
    }

    private void answer(RoutingContext context) {
        Throwable failure = context.failure();
        int status;
        IssueType type;
        String diagnostics;
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            status = 401;
            type = IssueType.LOGIN;
            diagnostics = UNAUTHENTICATED;
        } else if (failure instanceof ForbiddenException) {
            status = 403;
            type = IssueType.FORBIDDEN;
            diagnostics = "the token is valid but lacks the ingest role";
        } else {
            context.next();
            return;
        }
        if (!context.response().ended()) {
            write(context, status, type, diagnostics);
        }
    }

    private static void write(RoutingContext context, int status, IssueType type, String diagnostics) {
        FhirFormat format = FhirFormat.lenient(context.request());
        var response = context.response().setStatusCode(status).putHeader("Content-Type", format.mediaType());
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(format.encode(OperationOutcomes.error(type, diagnostics)));
    }
}
