package io.chartbrief.interop.fhir;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem HAPI's parser reports instead of failing on the first (HAPI's strict handler) or
 * ignoring them (its lenient one), so a sender learns all that is wrong with a submission at once.
 * One instance per parse: not thread-safe.
 */
final class ParseProblemCollector implements IParserErrorHandler {

    /** Caps the OperationOutcome of a badly broken submission. */
    private static final int MAX_PROBLEMS = 100;

    /**
     * A parse problem: the issue plus what is needed to locate it in the JSON.
     *
     * @param element the JSON key HAPI complained about, or {@code null}
     * @param value   the offending scalar text, used only to find the element, never reported
     */
    record Problem(InputIssue issue, String element, String value) {
    }

    private final List<Problem> problems = new ArrayList<>();

    List<Problem> problems() {
        return problems;
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        add(InputIssue.structure("unknown element '" + elementName + "'", null), elementName, null);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        add(InputIssue.structure("unknown attribute '" + attributeName + "'", null), attributeName, null);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        String element = elementOf(location);
        // HAPI's reason quotes the value; the value may be PHI, so blank it out.
        String reason = error == null ? "invalid value" : redact(error, value);
        String name = element == null ? "" : " for '" + element + "'";
        add(InputIssue.value("invalid value" + name + ": " + reason, null), element, value);
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String elementName, ValueType expectedValueType,
            ScalarType expectedScalarType, ValueType foundValueType, ScalarType foundScalarType) {
        add(InputIssue.structure("element '" + elementName + "' is a JSON " + describe(foundValueType, foundScalarType)
                + " but must be a JSON " + describe(expectedValueType, expectedScalarType), null), elementName, null);
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        add(InputIssue.required("missing required element '" + elementName + "'", null), null, null);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        add(InputIssue.structure("element '" + elementName + "' may appear only once", null), elementName, null);
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        add(InputIssue.required("contained resource has no id", null), "contained", null);
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        add(InputIssue.invalid("reference to a contained resource that does not exist", null), "reference", reference);
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        add(InputIssue.invalid("invalid reference to a contained resource", null), "reference", reference);
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        add(InputIssue.structure("extension has both a value and nested extensions", null), "extension", null);
    }

    private void add(InputIssue issue, String element, String value) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(issue, element, value));
        }
    }

    private static String elementOf(IParseLocation location) {
        return location == null ? null : location.getParentElementName();
    }

    private static String describe(ValueType valueType, ScalarType scalarType) {
        if (valueType == ValueType.SCALAR && scalarType != null) {
            return scalarType.name().toLowerCase();
        }
        return valueType == null ? "value" : valueType.name().toLowerCase();
    }

    private static String redact(String text, String value) {
        return value == null || value.isEmpty() ? text : text.replace(value, "…");
    }
}
