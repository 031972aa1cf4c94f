package io.chartbrief.ingest.rest;

import io.chartbrief.ingest.service.FhirIntakeService;
import io.chartbrief.ingest.service.FhirIntakeService.Receipt;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.fhir.FhirInputException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jboss.logging.Logger;

/**
 * FHIR R4 intake: {@code POST /fhir/r4} (a Bundle of type transaction, batch, collection, message or document)
 * and {@code POST /fhir/r4/{resourceType}} (one resource). Answers 202 with an OperationOutcome naming the
 * submission id once the JSON is durably on {@code ehr.fhir.inbound}; 400/422 with an OperationOutcome for
 * invalid input; 413 above the size limit or a {@code chartbrief.ingest.fhir.*} limit; 415 for other media types;
 * 503 when the broker does not acknowledge. No body, however malformed, gets a 500.
 * Blocking: the body is read with a size limit and parsed, both CPU/IO work that must stay off the event loop.
 */
@Path("/fhir/r4")
@Tag(name = "FHIR intake")
public class FhirIngestResource {

    private static final Logger LOG = Logger.getLogger(FhirIngestResource.class);

    private final FhirIntakeService intake;

    public FhirIngestResource(FhirIntakeService intake) {
        this.intake = intake;
    }

    @POST
    @Blocking
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON})
    @Produces(FhirMediaTypes.FHIR_JSON)
    @Operation(summary = "Submit a FHIR R4 Bundle (transaction, batch, collection, message or document)")
    @RequestBody(description = "FHIR R4 Bundle as JSON")
    @APIResponse(responseCode = "202", description = "Durably accepted; OperationOutcome names the submission id")
    @APIResponse(responseCode = "400", description = "Not JSON / not FHIR (OperationOutcome)")
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "413", description = "Body above the configured size limit")
    @APIResponse(responseCode = "415", description = "Media type other than application/fhir+json or application/json")
    @APIResponse(responseCode = "422", description = "Parsed but invalid FHIR (OperationOutcome lists every issue)")
    @APIResponse(responseCode = "503", description = "Event backbone unavailable; retry")
    public Uni<Response> submitBundle(InputStream body) {
        return submit(body, null);
    }

    @POST
    @Blocking
    @Path("/{resourceType}")
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON})
    @Produces(FhirMediaTypes.FHIR_JSON)
    @Operation(summary = "Submit one FHIR R4 resource of the type named in the path")
    @APIResponse(responseCode = "202", description = "Durably accepted; OperationOutcome names the submission id")
    @APIResponse(responseCode = "400", description = "Not JSON / not FHIR / type differs from the path")
    @APIResponse(responseCode = "413", description = "Body above the configured size limit")
    @APIResponse(responseCode = "422", description = "Parsed but invalid FHIR")
    @APIResponse(responseCode = "503", description = "Event backbone unavailable; retry")
    public Uni<Response> submitResource(@PathParam("resourceType") String resourceType, InputStream body) {
        return submit(body, resourceType);
    }

    private Uni<Response> submit(InputStream body, String expectedType) {
        String json;
        try {
            json = readLimited(body, intake.maxBodyBytes());
        } catch (BodyTooLargeException e) {
            return reject(413, OperationOutcomes.error(OperationOutcome.IssueType.TOOLONG,
                    "request body larger than " + intake.maxBodyBytes() + " bytes"));
        } catch (CharacterCodingException e) {
            return reject(400, OperationOutcomes.error(OperationOutcome.IssueType.STRUCTURE,
                    "request body is not valid UTF-8"));
        } catch (IOException e) {
            return reject(400, OperationOutcomes.error(OperationOutcome.IssueType.STRUCTURE, "could not read body"));
        }
        Uni<Receipt> stored;
        try {
            stored = intake.submit(json, expectedType);
        } catch (FhirInputException e) {
            return reject(e.httpStatus(), e.outcome());
        } catch (ConversionException e) {
            return reject(422, OperationOutcomes.error(OperationOutcome.IssueType.INVALID, e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // the body made validation fail in an unforeseen way: still the sender's input, never a 500
            LOG.warnf("FHIR submission could not be validated: %s", e.getClass().getName());
            return reject(422, OperationOutcomes.error(OperationOutcome.IssueType.INVALID,
                    "submission could not be validated (" + e.getClass().getSimpleName() + ")"));
        } catch (OutOfMemoryError e) {
            LOG.warnf("FHIR submission exhausted the heap while being validated (%d bytes)", json.length());
            return reject(413, OperationOutcomes.error(OperationOutcome.IssueType.TOOCOSTLY,
                    "submission too large to validate; send it in smaller parts"));
        }
        return stored
                .map(receipt -> Response.accepted(OperationOutcomes.json(OperationOutcomes.accepted(receipt)))
                        .header("X-Submission-Id", receipt.submissionId())
                        .type(FhirMediaTypes.FHIR_JSON)
                        .build())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("FHIR submission not stored: %s", failure.toString());
                    intake.countRejected(503);
                    return Response.status(503)
                            .entity(OperationOutcomes.json(OperationOutcomes.error(
                                    OperationOutcome.IssueType.TRANSIENT,
                                    "submission not stored (event backbone unavailable); please retry")))
                            .header("Retry-After", "5")
                            .type(FhirMediaTypes.FHIR_JSON)
                            .build();
                });
    }

    private Uni<Response> reject(int status, OperationOutcome outcome) {
        intake.countRejected(status);
        return Uni.createFrom().item(Response.status(status)
                .entity(OperationOutcomes.json(outcome))
                .type(FhirMediaTypes.FHIR_JSON)
                .build());
    }

    /** Reads at most {@code limit + 1} bytes and decodes them as strict UTF-8 (no silent U+FFFD). */
    private static String readLimited(InputStream body, long limit) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new BodyTooLargeException();
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static final class BodyTooLargeException extends IOException {
    }
}
