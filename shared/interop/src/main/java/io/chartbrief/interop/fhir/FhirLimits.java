package io.chartbrief.interop.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Bounds on a FHIR JSON submission, checked by one streaming pass ({@link #check(String)}) before HAPI builds
 * anything: HAPI's parser recurses per nesting level and allocates per element, so a deeply nested body could
 * overflow the stack and a million empty Bundle entries exhaust the heap. The pass itself holds no tree, only a
 * token and the current path. Over a limit the submission is refused with a {@link FhirInputException}
 * (413, or 422 for nesting and NUL) whose diagnostics name the limit and its value, never content.
 *
 * @param maxDepth         JSON nesting depth (objects and arrays)
 * @param maxBundleEntries items of the top-level {@code entry} array (resources per Bundle)
 * @param maxArrayItems    items of any other array (e.g. names of one Patient)
 * @param maxStringChars   characters of one string value (base64 attachments included)
 * @param maxNumberChars   characters of one number
 * @param maxValues        JSON values in the whole body (objects, arrays and scalars)
 */
public record FhirLimits(int maxDepth, int maxBundleEntries, int maxArrayItems, int maxStringChars,
        int maxNumberChars, int maxValues) {

    /** Defaults: generous for real submissions (documented in docs/operations.md). */
    public static final FhirLimits DEFAULTS = new FhirLimits(64, 10_000, 10_000, 4_194_304, 64, 1_000_000);

    public FhirLimits {
        if (maxDepth < 2 || maxBundleEntries < 1 || maxArrayItems < 1 || maxStringChars < 1 || maxNumberChars < 1
                || maxValues < 1) {
            throw new IllegalArgumentException("FHIR limits must be positive (max-depth at least 2)");
        }
    }

    /**
     * @param json the body or record value
     * @throws FhirInputException 413 over a size limit; 422 too deep or holding NUL (text that is not JSON passes:
     *                            the FHIR parser names the syntax error)
     */
    public void check(String json) throws FhirInputException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        // one level of slack: the pass below reports depth itself, by name
                        .maxNestingDepth(maxDepth + 1)
                        .maxStringLength(maxStringChars)
                        .maxNumberLength(maxNumberChars)
                        .build())
                .build();
        int values = 0;
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY || token == JsonToken.FIELD_NAME) {
                    continue;
                }
                if (++values > maxValues) {
                    throw tooLarge("max-values", maxValues, null);
                }
                JsonStreamContext context = parser.getParsingContext();
                JsonStreamContext container = token.isStructStart() ? context.getParent() : context;
                if (token.isStructStart() && context.getNestingDepth() > maxDepth) {
                    throw new FhirInputException(422, InputIssue.structure(
                            "body exceeds the limit max-depth (" + maxDepth + ")", null));
                }
                if (container.inArray()) {
                    int items = container.getCurrentIndex() + 1;
                    if (isBundleEntries(container)) {
                        if (items > maxBundleEntries) {
                            throw tooLarge("max-bundle-entries", maxBundleEntries, "Bundle.entry");
                        }
                    } else if (items > maxArrayItems) {
                        throw tooLarge("max-array-items", maxArrayItems, null);
                    }
                }
                // Jackson checks string/number length per buffer segment; short overruns are caught here
                if (token == JsonToken.VALUE_STRING && parser.getTextLength() > maxStringChars) {
                    throw tooLarge("max-string-chars", maxStringChars, null);
                }
                if (token.isNumeric() && parser.getTextLength() > maxNumberChars) {
                    throw tooLarge("max-number-chars", maxNumberChars, null);
                }
                if (token == JsonToken.VALUE_STRING && containsNul(parser)) {
                    throw new FhirInputException(422, InputIssue.value(
                            "a string contains a NUL character (U+0000), which FHIR strings may not hold", null));
                }
            }
        } catch (StreamConstraintsException e) {
            throw constraint(e.getMessage());
        } catch (JsonProcessingException e) {
            // not JSON: the part before the error was within the limits, so HAPI may read it and say what is wrong
        } catch (IOException e) {
            throw new FhirInputException(400, InputIssue.structure("body could not be read", null));
        }
    }

    /** The items of the top-level object's {@code entry} array. */
    private static boolean isBundleEntries(JsonStreamContext array) {
        JsonStreamContext owner = array.getParent();
        return owner != null && owner.inObject() && owner.getParent() != null && owner.getParent().inRoot()
                && "entry".equals(owner.getCurrentName());
    }

    private static boolean containsNul(JsonParser parser) throws IOException {
        char[] text = parser.getTextCharacters();
        int end = parser.getTextOffset() + parser.getTextLength();
        for (int i = parser.getTextOffset(); i < end; i++) {
            if (text[i] == '\0') {
                return true;
            }
        }
        return false;
    }

    /** Jackson enforces string and number length while reading the token (so a huge one is never buffered). */
    private FhirInputException constraint(String message) {
        String text = message == null ? "" : message;
        if (text.startsWith("String value length")) {
            return tooLarge("max-string-chars", maxStringChars, null);
        }
        if (text.startsWith("Number value length")) {
            return tooLarge("max-number-chars", maxNumberChars, null);
        }
        if (text.contains("nesting depth")) {
            return new FhirInputException(422, InputIssue.structure(
                    "body exceeds the limit max-depth (" + maxDepth + ")", null));
        }
        return new FhirInputException(413, InputIssue.structure("body exceeds a parser limit", null));
    }

    private static FhirInputException tooLarge(String limit, int value, String expression) {
        return new FhirInputException(413, new InputIssue(org.hl7.fhir.r4.model.OperationOutcome.IssueType.TOOLONG,
                "body exceeds the limit " + limit + " (" + value + ")", expression));
    }
}
