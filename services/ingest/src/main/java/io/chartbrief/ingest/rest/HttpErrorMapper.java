package io.chartbrief.ingest.rest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Every HTTP error the framework raises (404 unknown path, 405 wrong method, 406 unacceptable Accept, 415 wrong
 * media type, ...) as an OperationOutcome, so integration engines get one error shape for every rejection.
 * JSON, or XML where {@code _format}/{@code Accept} ask for it. Headers of the original answer (e.g.
 * {@code Allow} on a 405) are kept.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    private final CurrentVertxRequest request;

    public HttpErrorMapper(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        FhirFormat format = ErrorFormats.of(request);
        Response.ResponseBuilder answer = Response.status(status)
                .entity(format.encode(OperationOutcomes.error(type(status), diagnostics(status))))
                .type(format.mediaType());
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    values.forEach(value -> answer.header(name, value));
                }
            });
        }
        return answer.build();
    }

    private static IssueType type(int status) {
        return switch (status) {
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 413 -> IssueType.TOOLONG;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }

    private static String diagnostics(int status) {
        return switch (status) {
            case 404 -> "no such endpoint; submit to POST /fhir/r4 or POST /fhir/r4/{resourceType}";
            case 405 -> "method not allowed; the FHIR intake accepts POST (and GET /fhir/r4/metadata) only";
            case 406 -> "cannot answer in the requested media type; accept application/fhir+json or"
                    + " application/fhir+xml";
            case 415 -> "media type not supported; send application/fhir+json or application/json";
            default -> "request refused (HTTP " + status + ")";
        };
    }
}
