package io.chartbrief.ingest.rest;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hl7.fhir.r4.model.OperationOutcome;

/** 415 with an OperationOutcome, so integration engines get the same error shape for every rejection. */
@Provider
public class UnsupportedMediaTypeMapper implements ExceptionMapper<NotSupportedException> {

    @Override
    public Response toResponse(NotSupportedException exception) {
        return Response.status(415)
                .entity(OperationOutcomes.json(OperationOutcomes.error(OperationOutcome.IssueType.NOTSUPPORTED,
                        "media type not supported; send application/fhir+json or application/json")))
                .type(FhirMediaTypes.FHIR_JSON)
                .build();
    }
}
