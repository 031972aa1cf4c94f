package io.chartbrief.ingest.rest;

import io.chartbrief.ingest.store.AsyncResultStore;
import io.chartbrief.interop.fhir.FhirContexts;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Status URL of the FHIR asynchronous request pattern ({@code Prefer: respond-async}). The submission is already
 * durable when its 202 is sent, so the status is complete at once: 200 with the answer the synchronous request
 * would have had (the transaction-response / batch-response Bundle, or the OperationOutcome receipt). Kept in
 * memory per replica for {@code chartbrief.ingest.rest.async-result-ttl}; unknown, expired or deleted: 404.
 */
@SecurityRequirement(name = "jwt")
@Path("/fhir/r4/_async")
@Tag(name = "FHIR intake")
public class AsyncStatusResource {

    private final AsyncResultStore results;

    public AsyncStatusResource(AsyncResultStore results) {
        this.results = results;
    }

    @GET
    @Path("/{submissionId}")
    @Produces({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.FHIR_XML, FhirMediaTypes.XML})
    @Operation(summary = "Result of a Prefer: respond-async submission")
    @APIResponse(responseCode = "200", description = "Complete: the transaction-response / batch-response Bundle"
            + " or the OperationOutcome receipt")
    @APIResponse(responseCode = "404", description = "Unknown, expired, deleted, or kept by another replica")
    public Response status(@PathParam("submissionId") String submissionId, @QueryParam("_format") String format,
            @HeaderParam("Accept") String accept) {
        FhirFormat answerFormat = FhirFormat.lenient(format, accept);
        Optional<String> result = results.get(submissionId);
        if (result.isEmpty()) {
            return notFound(answerFormat);
        }
        String body = answerFormat == FhirFormat.JSON ? result.get()
                : answerFormat.encode(FhirContexts.r4().newJsonParser().parseResource(result.get()));
        return Response.ok(body).type(answerFormat.mediaType()).build();
    }

    @DELETE
    @Path("/{submissionId}")
    @Produces({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.FHIR_XML, FhirMediaTypes.XML})
    @Operation(summary = "Forget the result of a Prefer: respond-async submission (the submission itself stays)")
    @APIResponse(responseCode = "202", description = "Forgotten")
    @APIResponse(responseCode = "404", description = "Unknown, expired or already deleted")
    public Response forget(@PathParam("submissionId") String submissionId, @QueryParam("_format") String format,
            @HeaderParam("Accept") String accept) {
        return results.remove(submissionId) ? Response.accepted().build()
                : notFound(FhirFormat.lenient(format, accept));
    }

    private static Response notFound(FhirFormat format) {
        return Response.status(404)
                .entity(format.encode(OperationOutcomes.error(IssueType.NOTFOUND,
                        "no async result with this id here (unknown, expired, deleted, or held by another replica)")))
                .type(format.mediaType())
                .build();
    }
}
