package io.chartbrief.interop.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Structural rules a parsed submission must meet before it can become an event (what FHIR profiles would not
 * tell us: which Bundles are submissions at all, and that every entry can be given a stable id).
 * See docs/fhir-input.md.
 */
final class SubmissionRules {

    /** Bundle types that carry data to store; searchset, history and *-response Bundles are replies, not input. */
    static final Set<BundleType> SUBMISSION_TYPES = Set.of(BundleType.TRANSACTION, BundleType.BATCH,
            BundleType.COLLECTION, BundleType.MESSAGE, BundleType.DOCUMENT);

    /** FHIR R4 id datatype: 1 to 64 of letters, digits, '-' and '.'. */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private SubmissionRules() {
    }

    /** Every rule the resource breaks, in document order; empty when it is an acceptable submission. */
    static List<InputIssue> check(Resource resource) {
        List<InputIssue> issues = new ArrayList<>();
        if (resource instanceof Bundle bundle) {
            checkBundle(bundle, issues);
        } else {
            checkId(resource, resource.fhirType(), false, issues);
        }
        return issues;
    }

    private static void checkBundle(Bundle bundle, List<InputIssue> issues) {
        BundleType type = bundle.getType();
        if (type == null || type == BundleType.NULL) {
            if (bundle.getTypeElement().getValueAsString() == null) { // an unknown code is already reported
                issues.add(InputIssue.required("Bundle.type is missing", "Bundle.type"));
            }
        } else if (!SUBMISSION_TYPES.contains(type)) {
            issues.add(InputIssue.value("Bundle.type " + type.toCode() + " is not a submission", "Bundle.type"));
        }
        if (bundle.getEntry().isEmpty()) {
            issues.add(InputIssue.required("Bundle has no entries", "Bundle.entry"));
            return;
        }
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            checkEntry(bundle.getEntry().get(i), "Bundle.entry[" + i + "]", issues);
        }
        if (type == BundleType.MESSAGE) {
            requireFirst(bundle, ResourceType.MessageHeader, "message", issues);
        } else if (type == BundleType.DOCUMENT) {
            requireFirst(bundle, ResourceType.Composition, "document", issues);
        }
    }

    private static void checkEntry(BundleEntryComponent entry, String path, List<InputIssue> issues) {
        if (entry.hasRequest() && entry.getRequest().getMethod() == HTTPVerb.DELETE) {
            issues.add(InputIssue.value("deletes are not supported", path + ".request.method"));
            return;
        }
        Resource resource = entry.getResource();
        if (resource == null) {
            // e.g. GET/HEAD reads inside a transaction: nothing to store.
            String method = entry.hasRequest() && entry.getRequest().getMethod() != null
                    ? " (request method " + entry.getRequest().getMethod().toCode() + ")" : "";
            issues.add(InputIssue.required("entry has no resource" + method, path + ".resource"));
            return;
        }
        if (resource instanceof Bundle) {
            issues.add(InputIssue.structure("nested Bundles are not supported", path + ".resource"));
            return;
        }
        checkId(resource, path + ".resource", entry.hasFullUrl(), issues);
    }

    private static void checkId(Resource resource, String path, boolean hasFullUrl, List<InputIssue> issues) {
        String id = resource.getIdElement().getIdPart();
        if (id == null || id.isEmpty()) {
            if (!hasFullUrl) {
                issues.add(InputIssue.required(path.startsWith("Bundle.")
                        ? "entry resource has neither an id nor a fullUrl"
                        : "resource has no id", path + ".id"));
            }
        } else if (!FHIR_ID.matcher(id).matches()) {
            issues.add(InputIssue.value("resource id is not a valid FHIR id", path + ".id"));
        }
    }

    private static void requireFirst(Bundle bundle, ResourceType expected, String bundleType,
            List<InputIssue> issues) {
        // Not getEntryFirstRep(): it would add an empty entry to an empty Bundle.
        Resource first = bundle.hasEntry() ? bundle.getEntry().get(0).getResource() : null;
        if (first == null || first.getResourceType() != expected) {
            issues.add(InputIssue.structure("a " + bundleType + " Bundle's first entry must be a "
                    + expected.name(), "Bundle.entry[0].resource"));
        }
    }
}
