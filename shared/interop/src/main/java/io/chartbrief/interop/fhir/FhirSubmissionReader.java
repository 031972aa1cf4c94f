package io.chartbrief.interop.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a FHIR R4 JSON submission (a resource or a Bundle) and refuses it, with every problem listed, when it is
 * not acceptable input. This is parse + structural validation only: element names, datatypes, code values of
 * required bindings and the submission rules of docs/fhir-input.md. It does not validate profiles, cardinalities
 * or terminology (hapi-fhir-validation would add ~190 MB and seconds of warm-up to every service).
 *
 * <p>Thread-safe: each call uses its own parser.
 */
public final class FhirSubmissionReader {

    private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d+");
    /** Jackson's "line: 3, column: 17" (the position only: the message's source excerpt may be PHI). */
    private static final Pattern JSON_LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern QUOTED_NAME = Pattern.compile("\"([A-Za-z0-9_]{1,64})\"");

    /** Issues listed per refusal; more are counted, not listed (a 10,000-entry Bundle may break a rule in each). */
    static final int MAX_LISTED_PROBLEMS = 100;

    private final FhirContext context;
    private final FhirLimits limits;

    /** A reader over the shared R4 context. */
    public FhirSubmissionReader() {
        this(FhirContexts.r4());
    }

    /** A reader over the given R4 context with {@link FhirLimits#DEFAULTS}. */
    public FhirSubmissionReader(FhirContext context) {
        this(context, FhirLimits.DEFAULTS);
    }

    /** A reader over the given R4 context that refuses bodies over these limits before parsing them. */
    public FhirSubmissionReader(FhirContext context, FhirLimits limits) {
        this.context = context;
        this.limits = limits;
    }

    /**
     * Parses and checks a submission.
     *
     * @param json                 the request body or Kafka record value
     * @param expectedResourceType the type a REST endpoint ({@code POST /fhir/r4/{type}}) expects, or {@code null}
     *                             to accept any resource type
     * @return the parsed resource ({@code org.hl7.fhir.r4.model.Resource}); Bundle entry resources keep their own
     *         ids (not the entry fullUrl)
     * @throws FhirInputException 400 when the body is not JSON, not FHIR R4 or not the expected type; 413 when it
     *                            is over a size limit ({@link FhirLimits}); 422 when it is nested too deeply or
     *                            parsed but breaks element or submission rules (issues listed, at most
     *                            {@value #MAX_LISTED_PROBLEMS})
     */
    public IBaseResource read(String json, String expectedResourceType) throws FhirInputException {
        if (json == null || json.isBlank()) {
            throw new FhirInputException(400, InputIssue.structure("body is empty", null));
        }
        if (json.charAt(0) == '\uFEFF') {
            // Files saved by Windows tools start with a byte order mark; it is not part of the JSON.
            json = json.substring(1);
        }
        limits.check(json);
        ParseProblemCollector collector = new ParseProblemCollector();
        IParser parser = context.newJsonParser()
                .setParserErrorHandler(collector)
                // Keep each entry's own id: ids and fullUrls are reconciled by the normalizer.
                .setOverrideResourceIdWithBundleEntryFullUrl(false);
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(json);
        } catch (DataFormatException e) {
            // a narrative HAPI cannot read (vendor IPS exports): taken without its narratives, with a warning
            NarrativeRemoval.Stripped stripped = NarrativeRemoval.strip(json);
            collector = new ParseProblemCollector(); // problems of the failed first parse are not the retry's
            resource = stripped == null ? null : parseQuietly(stripped.json(), collector);
            if (resource == null) {
                throw new FhirInputException(400, notFhir(e.getMessage()));
            }
            json = stripped.json();
            resource.setUserData(NARRATIVES_DROPPED, stripped.count() + " narrative(s) dropped: not valid XHTML"
                    + " (first at " + stripped.first() + "); ChartBrief does not use narrative");
        } catch (RuntimeException e) {
            throw new FhirInputException(400,
                    InputIssue.structure("body could not be read as FHIR R4 JSON", null));
        } catch (StackOverflowError e) {
            // below max-depth this should not happen; if it does, the body is still the sender's problem
            throw new FhirInputException(422, InputIssue.structure("body is nested too deeply to read", null));
        }
        if (expectedResourceType != null && !expectedResourceType.equals(resource.fhirType())) {
            throw new FhirInputException(400, InputIssue.invalid("resourceType " + resource.fhirType()
                    + " does not match the endpoint's type " + expectedResourceType, "resourceType"));
        }
        List<InputIssue> issues = new ArrayList<>();
        List<ParseProblemCollector.Problem> problems = collector.problems();
        if (!problems.isEmpty()) {
            ElementPathLocator locator = ElementPathLocator.over(json);
            for (ParseProblemCollector.Problem problem : problems) { // the collector keeps at most 100
                issues.add(problem.issue().at(locator.locate(problem.element(), problem.value())));
            }
        }
        issues.addAll(SubmissionRules.check(resource));
        if (issues.size() > MAX_LISTED_PROBLEMS) {
            int unlisted = issues.size() - MAX_LISTED_PROBLEMS;
            issues = new ArrayList<>(issues.subList(0, MAX_LISTED_PROBLEMS));
            issues.add(InputIssue.invalid(unlisted + " more issue(s) not listed", null));
        }
        if (!issues.isEmpty()) {
            throw new FhirInputException(422, issues);
        }
        unlinkEntryReferences(resource);
        return resource;
    }

    /**
     * HAPI links a reference to a Bundle entry's resource object in memory. The encoder then trusts that object
     * over the reference text and gives an id-less target a random id, so the links are dropped: references are
     * plain text from here on. Links to contained resources ({@code #id}) stay.
     */
    private void unlinkEntryReferences(Resource resource) {
        if (resource == null) {
            return;
        }
        if (resource instanceof Bundle bundle) {
            // The terser does not descend from a Bundle into its entries' resources.
            bundle.getEntry().forEach(entry -> unlinkEntryReferences(entry.getResource()));
            return;
        }
        for (Reference reference : context.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = reference.getReference();
            if (reference.getResource() != null && (target == null || !target.startsWith("#"))) {
                reference.setResource(null);
            }
        }
    }

    /** User-data key of the warning on a resource taken without its narratives. */
    static final String NARRATIVES_DROPPED = "chartbrief.narratives-dropped";

    private Resource parseQuietly(String json, ParseProblemCollector collector) {
        try {
            return (Resource) context.newJsonParser().setParserErrorHandler(collector)
                    .setOverrideResourceIdWithBundleEntryFullUrl(false).parseResource(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Turns HAPI's parse failure into a reason that quotes no content (Jackson messages may echo the body). */
    private static InputIssue notFhir(String message) {
        String text = message == null ? "" : message;
        if (text.contains("HAPI-1838")) {
            return InputIssue.required("resourceType is missing", "resourceType");
        }
        if (text.contains("HAPI-1684")) {
            Matcher name = QUOTED_NAME.matcher(text);
            return InputIssue.invalid("unknown resourceType" + (name.find() ? " '" + name.group(1) + "'" : ""),
                    null);
        }
        if (text.contains("HAPI-1859")) {
            return InputIssue.structure("body is not a JSON object", null);
        }
        if (text.contains("HAPI-1861")) {
            Matcher at = JSON_LOCATION.matcher(text);
            return InputIssue.structure("body is not valid JSON" + (at.find()
                    ? " (at line " + at.group(1) + ", column " + at.group(2) + ")" : ""), null);
        }
        Matcher code = HAPI_CODE.matcher(text);
        return InputIssue.structure("body is not a FHIR R4 resource" + (code.find() ? " (" + code.group() + ")" : ""),
                null);
    }
}
