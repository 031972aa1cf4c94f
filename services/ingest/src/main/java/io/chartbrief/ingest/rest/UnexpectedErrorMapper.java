package io.chartbrief.ingest.rest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.logging.Logger;

/**
 * A failure of ingest itself (never of the input: bad bodies are answered 4xx by the resource) still answers with
 * an OperationOutcome; the log names the exception type, never request content.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    private final CurrentVertxRequest request;

    public UnexpectedErrorMapper(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Response toResponse(Exception exception) {
        LOG.errorf("Unexpected error answering a FHIR request: %s", exception.getClass().getName());
        FhirFormat format = ErrorFormats.of(request);
        return Response.status(500)
                .entity(format.encode(OperationOutcomes.error(IssueType.EXCEPTION, "internal error; please retry")))
                .type(format.mediaType())
                .build();
    }
}
