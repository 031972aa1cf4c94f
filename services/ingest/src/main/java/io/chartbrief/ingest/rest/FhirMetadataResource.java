package io.chartbrief.ingest.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * {@code GET /fhir/r4/metadata}: the intake's CapabilityStatement ({@link IntakeCapabilities}). Readable without a
 * token (FHIR clients read it before they authenticate; it holds no data).
 */
@Path("/fhir/r4/metadata")
@Tag(name = "FHIR intake")
public class FhirMetadataResource {

    private final IntakeCapabilities capabilities;

    public FhirMetadataResource(
            @ConfigProperty(name = "quarkus.application.version") Optional<String> version) {
        this.capabilities = new IntakeCapabilities(version.orElse("unknown"));
    }

    @GET
    @Produces({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.FHIR_XML, FhirMediaTypes.XML})
    @Operation(summary = "CapabilityStatement of the FHIR intake (no token needed)")
    @APIResponse(responseCode = "200", description = "CapabilityStatement (JSON, or XML per _format / Accept)")
    @APIResponse(responseCode = "406", description = "_format names a format other than JSON or XML")
    public Response capabilityStatement(@QueryParam("_format") String format, @HeaderParam("Accept") String accept,
            @Context UriInfo uri) {
        Optional<FhirFormat> answerFormat = FhirFormat.negotiate(format, accept);
        if (answerFormat.isEmpty()) {
            return Response.status(406)
                    .entity(FhirFormat.JSON.encode(OperationOutcomes.error(IssueType.NOTSUPPORTED,
                            "_format not supported; use json or xml")))
                    .type(FhirFormat.JSON.mediaType())
                    .build();
        }
        String base = uri.getBaseUriBuilder().path("fhir/r4").build().toString();
        return Response.ok(answerFormat.get().encode(capabilities.statement(base)))
                .type(answerFormat.get().mediaType())
                .build();
    }
}
