package io.chartbrief.interop.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns a FHIR R4 submission (a resource or a transaction/batch/collection/message/document Bundle) into the
 * canonical {@link NormalizedEvent}: a {@code transaction} Bundle with one {@code PUT Type/id} entry per resource,
 * stable ids, references between entries rewritten to {@code Type/id}, and the patient key, event type, time and
 * source id. The rules are in docs/fhir-input.md.
 *
 * <p>Deterministic (no clock, no randomness): the same input always yields byte-identical output JSON.
 * Thread-safe.
 */
public final class FhirEventNormalizer {

    /** Source format of every event this normalizer makes. */
    public static final String FORMAT = "fhir";
    /** Base of output fullUrls for ids that are not UUIDs (a reserved, never-resolving domain). */
    public static final String LOCAL_BASE = "https://chartbrief.invalid/fhir/";

    private static final Pattern UUID_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final FhirContext context;
    private final FhirSubmissionReader reader;
    private final EntryIdentities identities;

    /** A normalizer over the shared R4 context. */
    public FhirEventNormalizer() {
        this(FhirContexts.r4());
    }

    /** A normalizer over the given R4 context with {@link FhirLimits#DEFAULTS}. */
    public FhirEventNormalizer(FhirContext context) {
        this(context, FhirLimits.DEFAULTS);
    }

    /** A normalizer over the shared R4 context that refuses submissions over these limits before parsing. */
    public FhirEventNormalizer(FhirLimits limits) {
        this(FhirContexts.r4(), limits);
    }

    /** A normalizer over the given R4 context and limits. */
    public FhirEventNormalizer(FhirContext context, FhirLimits limits) {
        this.context = context;
        this.reader = new FhirSubmissionReader(context, limits);
        this.identities = new EntryIdentities(context);
    }

    /**
     * Normalizes one submission.
     *
     * @param json FHIR R4 JSON, a resource or a Bundle
     * @throws FhirInputException  when the input is not acceptable FHIR (with HTTP status and OperationOutcome)
     * @throws ConversionException when it is valid FHIR but cannot be one patient event (no or several patients,
     *                             two entries for the same resource)
     */
    public NormalizedEvent normalize(String json) throws ConversionException {
        return normalize(json, null);
    }

    /**
     * Like {@link #normalize(String)}, for a REST endpoint that names the resource type it expects
     * ({@code POST /fhir/r4/{type}}): a submission of another type is a 400 {@link FhirInputException}.
     */
    public NormalizedEvent normalize(String json, String expectedResourceType) throws ConversionException {
        return normalizeSubmission(json, expectedResourceType).event();
    }

    /**
     * Like {@link #normalize(String, String)}, also handing back the parsed submission, so a REST endpoint can
     * answer per entry with exactly the ids the event carries (a {@code transaction-response}).
     */
    public NormalizedSubmission normalizeSubmission(String json, String expectedResourceType)
            throws ConversionException {
        Resource submission = (Resource) reader.read(json, expectedResourceType);
        try {
            return new NormalizedSubmission(submission, normalize(submission));
        } catch (RuntimeException | StackOverflowError e) {
            // an unforeseen shape of valid-looking input: the sender's problem, named by type, never by content
            throw new ConversionException("submission could not be normalized (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private NormalizedEvent normalize(Resource submission) throws ConversionException {
        // Hash before ids and references are rewritten: it identifies what was sent. Encode a copy: HAPI's
        // encoder gives id-less Bundle entries their fullUrl as id, which would change the ids derived below.
        String contentHash = sha256(context.newJsonParser().encodeResourceToString(submission.copy()));

        List<SubmissionEntry> entries = entriesOf(submission);
        List<String> warnings = new java.util.ArrayList<>(identities.assign(entries));
        Object narratives = submission.getUserData(FhirSubmissionReader.NARRATIVES_DROPPED);
        if (narratives instanceof String warning) {
            warnings.add(0, warning);
        }
        String patientKey = SubmissionPatient.keyOf(entries);
        String sourceId = sourceIdOf(submission, contentHash);

        Bundle transaction = new Bundle();
        transaction.setId(UUID.nameUUIDFromBytes((sourceId + "\n" + contentHash).getBytes(StandardCharsets.UTF_8))
                .toString());
        transaction.setType(BundleType.TRANSACTION);
        for (SubmissionEntry entry : entries) {
            String local = entry.localReference();
            String id = entry.resource().getIdElement().getIdPart();
            BundleEntryComponent out = transaction.addEntry()
                    .setFullUrl(UUID_ID.matcher(id).matches() ? "urn:uuid:" + id : LOCAL_BASE + local)
                    .setResource(entry.resource());
            out.getRequest().setMethod(HTTPVerb.PUT).setUrl(local);
        }
        return new NormalizedEvent(transaction, patientKey, eventTypeOf(submission), eventTimeOf(submission),
                sourceId, FORMAT, warnings);
    }

    private static List<SubmissionEntry> entriesOf(Resource submission) {
        List<SubmissionEntry> entries = new ArrayList<>();
        if (submission instanceof Bundle bundle) {
            for (BundleEntryComponent entry : bundle.getEntry()) {
                entries.add(new SubmissionEntry(entry.hasFullUrl() ? entry.getFullUrl() : null, entry.getResource()));
            }
        } else {
            entries.add(new SubmissionEntry(null, submission));
        }
        return entries;
    }

    private static String eventTypeOf(Resource submission) {
        if (!(submission instanceof Bundle bundle)) {
            return "FHIR:" + submission.fhirType();
        }
        String type = "FHIR:" + bundle.getType().toCode();
        if (bundle.getType() == BundleType.MESSAGE
                && bundle.hasEntry() && bundle.getEntry().get(0).getResource() instanceof MessageHeader header
                && header.hasEventCoding() && header.getEventCoding().hasCode()) {
            type += ":" + header.getEventCoding().getCode();
        }
        return type;
    }

    private static Instant eventTimeOf(Resource submission) {
        if (submission instanceof Bundle bundle && bundle.hasTimestamp()) {
            return bundle.getTimestamp().toInstant();
        }
        if (submission.hasMeta() && submission.getMeta().hasLastUpdated()) {
            return submission.getMeta().getLastUpdated().toInstant();
        }
        return null;
    }

    private static String sourceIdOf(Resource submission, String contentHash) {
        if (submission instanceof Bundle bundle) {
            if (bundle.getIdElement().hasIdPart()) {
                return bundle.getIdElement().getIdPart();
            }
            if (bundle.hasIdentifier() && bundle.getIdentifier().hasValue()) {
                return bundle.getIdentifier().getValue();
            }
            return "sha256:" + contentHash;
        }
        // The reader guarantees a single resource has an id; by now it is set in any case.
        return submission.fhirType() + "/" + submission.getIdElement().getIdPart();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
