package io.chartbrief.interop.summary;

import static io.chartbrief.interop.event.SummaryDocumentProfile.*;

import io.chartbrief.interop.summary.SummaryDocument.UnverifiedItem;
import io.chartbrief.interop.summary.SummaryDocument.VerificationCounts;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Extension;

/**
 * Reads what a summary document says about its verification (docs/summary-schema.md, "FHIR document"): the
 * "Not verified against the chart" section and the verifier's counts on the Composition. Stateless.
 */
final class VerificationReader {


    private VerificationReader() {
    }

    /**
     * Whether a section holds unverified items: by its code, or by the outcome extension (so a section marked
     * unverifiable is never shown as verified, whatever its code).
     */
    static boolean isUnverified(SectionComponent section) {
        for (Coding coding : section.getCode().getCoding()) {
            if (SECTION_SYSTEM.equals(coding.getSystem()) && UNVERIFIED_SECTION.equals(coding.getCode())) {
                return true;
            }
        }
        return "unverifiable".equals(SummaryDocumentReader.extension(section, OUTCOME_EXTENSION));
    }

    /** The items of an unverified section: one per sub-section, else one per list line of its text. */
    static List<UnverifiedItem> items(SectionComponent section) {
        List<UnverifiedItem> items = new ArrayList<>();
        if (section.hasSection()) {
            for (SectionComponent sub : section.getSection()) {
                String text = sub.hasTitle() ? sub.getTitle() : firstLine(sub);
                String reason = SummaryDocumentReader.extension(sub, ITEM_REASON_EXTENSION);
                items.add(new UnverifiedItem(SummaryDocumentReader.extension(sub, ITEM_SECTION_EXTENSION), text,
                        reason != null ? reason : reasonFromText(sub), SummaryDocumentReader.refs(sub.getEntry())));
            }
            return items;
        }
        // A reader of a document without sub-sections: the list lines (the opening notice is a paragraph, not a line).
        List<String> lines = SummaryDocumentReader.listLines(section.getText());
        for (String line : lines) {
            items.add(new UnverifiedItem(null, line, null,
                    lines.size() == 1 ? SummaryDocumentReader.refs(section.getEntry()) : List.of()));
        }
        return items;
    }

    /** The verifier's counts, or null when the document carries none (or they are malformed). */
    static VerificationCounts counts(Composition composition) {
        Extension extension = composition.getExtensionByUrl(VERIFICATION_EXTENSION);
        if (extension == null) {
            return null;
        }
        try {
            return new VerificationCounts(value(extension, "status"), Integer.parseInt(value(extension, "items")),
                    Integer.parseInt(value(extension, "supported")), Integer.parseInt(value(extension, "contradicted")),
                    Integer.parseInt(value(extension, "unverifiable")));
        } catch (NumberFormatException e) {
            return null;   // shown without counts rather than with wrong ones
        }
    }

    private static String value(Extension parent, String url) {
        Extension part = parent.getExtensionByUrl(url);
        return part == null || !part.hasValue() ? null : part.getValue().primitiveValue();
    }

    private static String firstLine(SectionComponent sub) {
        List<String> lines = SummaryDocumentReader.lines(sub.getText());
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static String reasonFromText(SectionComponent sub) {
        for (String line : SummaryDocumentReader.lines(sub.getText())) {
            if (line.startsWith(UNVERIFIED_REASON_PREFIX)) {
                return line.substring(UNVERIFIED_REASON_PREFIX.length());
            }
        }
        return null;
    }
}
