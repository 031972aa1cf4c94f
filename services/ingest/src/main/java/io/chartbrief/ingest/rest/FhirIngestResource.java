package io.chartbrief.ingest.rest;

import io.chartbrief.ingest.service.FhirIntakeService;
import io.chartbrief.ingest.service.FhirIntakeService.Receipt;
import io.chartbrief.ingest.store.AsyncResultStore;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.fhir.FhirInputException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

/**
 * FHIR R4 intake: {@code POST /fhir/r4} (a Bundle of type transaction, batch, collection, message or document)
 * and {@code POST /fhir/r4/{resourceType}} (one resource). Once the JSON is durably on {@code ehr.fhir.inbound}:
 * a transaction or batch is answered 200 with a {@code transaction-response} / {@code batch-response} Bundle
 * (locations are the ids on {@code ehr.events}); one resource posted to its type 201 with the {@code Location} of
 * its id there; anything else 202 with an OperationOutcome naming the submission id. With {@code Prefer: respond-async}: 202 and a {@code Content-Location} to poll ({@link AsyncStatusResource}).
 * 400/422 with an OperationOutcome for invalid input; 413 above the size limit or a {@code chartbrief.ingest.fhir.*}
 * limit; 415 for other media types; 406 for a {@code _format} it cannot answer in; 503 when the broker does not
 * acknowledge. No body, however malformed, gets a 500. Answers are JSON unless {@code _format}/{@code Accept} ask
 * for XML ({@link FhirFormat}).
 * Blocking: the body is read with a size limit and parsed, both CPU/IO work that must stay off the event loop.
 */
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT of the identity provider the service is configured with (docs/operations.md, auth)")
@SecurityRequirement(name = "jwt")
@Path("/fhir/r4")
@Tag(name = "FHIR intake")
public class FhirIngestResource {

    private static final Logger LOG = Logger.getLogger(FhirIngestResource.class);

    private final FhirIntakeService intake;
    private final AsyncResultStore asyncResults;

    public FhirIngestResource(FhirIntakeService intake, AsyncResultStore asyncResults) {
        this.intake = intake;
        this.asyncResults = asyncResults;
    }

    @POST
    @Blocking
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON})
    @Produces({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.FHIR_XML, FhirMediaTypes.XML})
    @Operation(summary = "Submit a FHIR R4 Bundle (transaction, batch, collection, message or document)")
    @RequestBody(description = "FHIR R4 Bundle as JSON")
    @APIResponse(responseCode = "200", description = "Transaction or batch durably accepted; transaction-response"
            + " / batch-response Bundle with each entry's status and location (its id on ehr.events)")
    @APIResponse(responseCode = "202", description = "Durably accepted: another Bundle type (OperationOutcome names"
            + " the submission id), or Prefer: respond-async (Content-Location is the status URL to poll)")
    @APIResponse(responseCode = "400", description = "Not JSON / not FHIR (OperationOutcome)")
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "413", description = "Body above the configured size limit")
    @APIResponse(responseCode = "406", description = "_format names a format other than JSON or XML")
    @APIResponse(responseCode = "415", description = "Media type other than application/fhir+json or application/json")
    @APIResponse(responseCode = "422", description = "Parsed but invalid FHIR (OperationOutcome lists every issue)")
    @APIResponse(responseCode = "503", description = "Event backbone unavailable; retry")
    public Uni<Response> submitBundle(InputStream body, @QueryParam("_format") String format,
            @HeaderParam("Accept") String accept, @HeaderParam("Prefer") String prefer, @Context UriInfo uri) {
        return submit(body, null, new Answering(format, accept, prefer, uri));
    }

    @POST
    @Blocking
    @Path("/{resourceType}")
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON})
    @Produces({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.FHIR_XML, FhirMediaTypes.XML})
    @Operation(summary = "Submit one FHIR R4 resource of the type named in the path")
    @APIResponse(responseCode = "201", description = "Durably accepted; Location is the resource's Type/id as on"
            + " ehr.events (readable from the chart, not from the intake); OperationOutcome names the submission id")
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: Content-Location is the status URL to poll")
    @APIResponse(responseCode = "400", description = "Not JSON / not FHIR / type differs from the path")
    @APIResponse(responseCode = "413", description = "Body above the configured size limit")
    @APIResponse(responseCode = "422", description = "Parsed but invalid FHIR")
    @APIResponse(responseCode = "503", description = "Event backbone unavailable; retry")
    public Uni<Response> submitResource(@PathParam("resourceType") String resourceType, InputStream body,
            @QueryParam("_format") String format, @HeaderParam("Accept") String accept,
            @HeaderParam("Prefer") String prefer, @Context UriInfo uri) {
        return submit(body, resourceType, new Answering(format, accept, prefer, uri));
    }

    /** How the client wants to be answered. */
    private record Answering(String formatParam, String accept, String prefer, UriInfo uri) {

        /** The negotiated format; JSON for errors when the {@code _format} is unknown. */
        FhirFormat format() {
            return FhirFormat.lenient(formatParam, accept);
        }

        boolean async() {
            return prefer != null && Arrays.stream(prefer.split("[,;]"))
                    .anyMatch(token -> "respond-async".equalsIgnoreCase(token.trim()));
        }
    }

    private Uni<Response> submit(InputStream body, String expectedType, Answering answering) {
        if (FhirFormat.negotiate(answering.formatParam(), answering.accept()).isEmpty()) {
            return reject(406, OperationOutcomes.error(OperationOutcome.IssueType.NOTSUPPORTED,
                    "_format not supported; use json or xml"), FhirFormat.JSON);
        }
        FhirFormat format = answering.format();
        String json;
        try {
            json = readLimited(body, intake.maxBodyBytes());
        } catch (BodyTooLargeException e) {
            return reject(413, OperationOutcomes.error(OperationOutcome.IssueType.TOOLONG,
                    "request body larger than " + intake.maxBodyBytes() + " bytes"), format);
        } catch (CharacterCodingException e) {
            return reject(400, OperationOutcomes.error(OperationOutcome.IssueType.STRUCTURE,
                    "request body is not valid UTF-8"), format);
        } catch (IOException e) {
            return reject(400, OperationOutcomes.error(OperationOutcome.IssueType.STRUCTURE,
                    "could not read body"), format);
        }
        Uni<Receipt> stored;
        try {
            stored = intake.submit(json, expectedType);
        } catch (FhirInputException e) {
            return reject(e.httpStatus(), e.outcome(), format);
        } catch (ConversionException e) {
            return reject(422, OperationOutcomes.error(OperationOutcome.IssueType.INVALID, e.getMessage()), format);
        } catch (RuntimeException | StackOverflowError e) {
            // the body made validation fail in an unforeseen way: still the sender's input, never a 500
            LOG.warnf("FHIR submission could not be validated: %s", e.getClass().getName());
            return reject(422, OperationOutcomes.error(OperationOutcome.IssueType.INVALID,
                    "submission could not be validated (" + e.getClass().getSimpleName() + ")"), format);
        } catch (OutOfMemoryError e) {
            LOG.warnf("FHIR submission exhausted the heap while being validated (%d bytes)", json.length());
            return reject(413, OperationOutcomes.error(OperationOutcome.IssueType.TOOCOSTLY,
                    "submission too large to validate; send it in smaller parts"), format);
        }
        // a failure of the write is a 503; building the answer after a durable write is not (that would be a 500)
        return stored.onItemOrFailure().transform((receipt, failure) -> failure == null
                ? accepted(receipt, expectedType, answering, format)
                : notStored(failure, format));
    }

    private Response notStored(Throwable failure, FhirFormat format) {
        LOG.warnf("FHIR submission not stored: %s", failure.toString());
        intake.countRejected(503);
        return Response.status(503)
                .entity(format.encode(OperationOutcomes.error(OperationOutcome.IssueType.TRANSIENT,
                        "submission not stored (event backbone unavailable); please retry")))
                .header("Retry-After", "5")
                .type(format.mediaType())
                .build();
    }

    /**
     * The answer once durable: a transaction/batch posted to the base gets its response Bundle, anything else the
     * OperationOutcome receipt; with respond-async that answer is kept for the status URL and 202 points at it.
     */
    private Response accepted(Receipt receipt, String postedType, Answering answering, FhirFormat format) {
        boolean atBase = postedType == null;
        boolean perEntry = atBase && TransactionResponses.answersPerEntry(receipt);
        Resource answer = perEntry ? TransactionResponses.of(receipt) : OperationOutcomes.accepted(receipt);
        if (answering.async()) {
            asyncResults.put(receipt.submissionId(), FhirFormat.JSON.encode(answer));
            URI status = answering.uri().getBaseUriBuilder()
                    .path(AsyncStatusResource.class).path(receipt.submissionId()).build();
            return Response.accepted(format.encode(OperationOutcomes.acceptedAsync(receipt, status)))
                    .header("Content-Location", status.toString())
                    .header("X-Submission-Id", receipt.submissionId())
                    .type(format.mediaType())
                    .build();
        }
        Response.ResponseBuilder answered = Response.status(perEntry ? 200 : 202);
        if (!atBase) {
            // A create (POST /fhir/r4/{type}): 201 and the Location of the id the resource has on ehr.events,
            // as a transaction-response entry of the same resource would say.
            String location = locationOf(receipt, postedType, answering.uri());
            if (location != null) {
                answered = Response.status(201).header("Location", location);
            }
        }
        return answered
                .entity(format.encode(answer))
                .header("X-Submission-Id", receipt.submissionId())
                .type(format.mediaType())
                .build();
    }

    /** Absolute URL of the posted resource's {@code Type/id} on ehr.events, or null when the event lacks it. */
    private static String locationOf(Receipt receipt, String postedType, UriInfo uri) {
        return receipt.locations().stream()
                .filter(typeAndId -> typeAndId.startsWith(postedType + "/")
                        && typeAndId.substring(postedType.length() + 1).matches("[A-Za-z0-9\\-.]{1,64}"))
                .findFirst()
                .map(typeAndId -> uri.getBaseUriBuilder().path(FhirIngestResource.class).path(typeAndId).build()
                        .toString())
                .orElse(null);
    }

    private Uni<Response> reject(int status, OperationOutcome outcome, FhirFormat format) {
        intake.countRejected(status);
        return Uni.createFrom().item(Response.status(status)
                .entity(format.encode(outcome))
                .type(format.mediaType())
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
