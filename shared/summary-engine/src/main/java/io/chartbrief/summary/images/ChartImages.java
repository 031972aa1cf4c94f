package io.chartbrief.summary.images;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.EngineInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Media;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The image attachments of a chart — DocumentReference {@code content}, Media {@code content}, DiagnosticReport
 * {@code presentedForm}, inline {@code data} or a Binary of the same chart — chosen for a model that reads images:
 * JPEG and PNG only (the format taken from the bytes: a label that disagrees is refused), newest first, within
 * {@link ImageLimits}. Every image attachment not sent is listed with why (DICOM and other formats, no data in the
 * chart, over a cap), so the summary can say which images were not read. Text and PDF attachments are not images
 * (the note reader takes them) and are not listed.
 */
public final class ChartImages {

    /**
     * The outcome for one chart.
     *
     * @param images  the images to send, aliases assigned in order
     * @param notSent {@code location: reason} for every image attachment not sent
     */
    public record Selection(List<ChartImage> images, List<String> notSent) {

        /** Whether the chart has no image attachment at all. */
        public boolean none() {
            return images.isEmpty() && notSent.isEmpty();
        }

        /** The summary's engine-block record of this selection; null when the chart has no images. */
        public EngineInfo.Images record() {
            return none() ? null : new EngineInfo.Images(images.size(), notSent);
        }
    }

    private record Candidate(String location, String resource, Attachment attachment, String label, String date) {
    }

    private ChartImages() {
    }

    /** The images of {@code chart} to send within {@code limits}. */
    public static Selection select(ClinicalChart chart, ImageLimits limits) {
        List<Candidate> candidates = candidates(chart);
        // Newest first: the current admission's images matter most; undated ones last, chart order kept otherwise.
        candidates.sort(Comparator.comparing((Candidate c) -> c.date() == null ? "" : c.date()).reversed());
        List<ChartImage> images = new ArrayList<>();
        List<String> notSent = new ArrayList<>();
        for (Candidate candidate : candidates) {
            byte[] bytes = bytes(candidate.attachment(), chart);
            String labelled = mediaType(candidate.attachment().getContentType());
            String why = refusal(labelled, bytes, limits);
            if (why == null && images.size() >= limits.maxCount()) {
                why = "over the cap of " + limits.maxCount() + " images per summary";
            }
            if (why != null) {
                notSent.add(candidate.location() + ": " + why);
                continue;
            }
            ImageHeader header = ImageHeader.read(bytes);
            images.add(new ChartImage("I" + (images.size() + 1), candidate.location(), candidate.resource(),
                    header.format(), bytes, header.width(), header.height(), candidate.label(), candidate.date()));
        }
        return new Selection(List.copyOf(images), List.copyOf(notSent));
    }

    /**
     * The engine-block record for an engine that reads no images: every image attachment of the chart listed as not
     * read, with {@code reason}; null when the chart has none.
     */
    public static EngineInfo.Images notRead(ClinicalChart chart, String reason) {
        List<String> notSent = new ArrayList<>();
        for (Candidate candidate : candidates(chart)) {
            notSent.add(candidate.location() + ": " + reason);
        }
        return notSent.isEmpty() ? null : new EngineInfo.Images(0, List.copyOf(notSent));
    }

    /** {@code Type/id} of every resource of the chart that holds an image attachment (sent or not). */
    public static java.util.Set<String> imageResources(ClinicalChart chart) {
        java.util.Set<String> refs = new java.util.LinkedHashSet<>();
        for (Candidate candidate : candidates(chart)) {
            refs.add(candidate.resource());
        }
        return refs;
    }

    /** Why an image attachment is not sent, or null. */
    private static String refusal(String labelled, byte[] bytes, ImageLimits limits) {
        if (labelled != null && labelled.contains("dicom")) {
            return "DICOM is not read (out of scope)";
        }
        if (bytes == null) {
            return "no image data in the chart (external content is not fetched)";
        }
        String actual = ImageHeader.sniff(bytes);
        if (actual == null) {
            return (labelled == null ? "unlabelled data" : labelled) + " is not sent (JPEG and PNG only)";
        }
        if (labelled != null && !labelled.equals(actual)) {
            return "labelled " + labelled + " but the bytes are " + actual;
        }
        if (bytes.length > limits.maxBytes()) {
            return megabytes(bytes.length) + ", over the " + megabytes(limits.maxBytes()) + " cap";
        }
        ImageHeader header = ImageHeader.read(bytes);
        if (header == null) {
            return "no readable " + actual + " header";
        }
        if (header.pixels() > limits.maxPixels()) {
            return header.width() + "×" + header.height() + " pixels, over the "
                    + String.format(Locale.ROOT, "%.1f", limits.maxPixels() / 1e6) + "-megapixel cap";
        }
        return null;
    }

    private static List<Candidate> candidates(ClinicalChart chart) {
        List<Candidate> out = new ArrayList<>();
        for (DocumentReference document : chart.all(DocumentReference.class)) {
            if (document.getStatus() == org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR) {
                continue;
            }
            String ref = chart.referenceOf(document);
            String date = document.hasDate() ? document.getDateElement().getValueAsString() : null;
            String label = document.hasDescription() ? document.getDescription() : document.getType().getText();
            for (int i = 0; i < document.getContent().size(); i++) {
                Attachment a = document.getContent().get(i).getAttachment();
                add(out, ref + "#content[" + i + "]", ref, a, label, date, chart);
            }
        }
        for (Media media : chart.all(Media.class)) {
            if (media.getStatus() == Media.MediaStatus.ENTEREDINERROR) {
                continue;
            }
            String ref = chart.referenceOf(media);
            String date = media.hasCreatedDateTimeType() ? media.getCreatedDateTimeType().getValueAsString() : null;
            String label = media.hasView() ? media.getView().getText() : media.getModality().getText();
            add(out, ref + "#content", ref, media.getContent(), label, date, chart);
        }
        for (DiagnosticReport report : chart.all(DiagnosticReport.class)) {
            if (report.getStatus() == DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR) {
                continue;
            }
            String ref = chart.referenceOf(report);
            String date = report.hasEffectiveDateTimeType() ? report.getEffectiveDateTimeType().getValueAsString()
                    : report.hasIssued() ? report.getIssuedElement().getValueAsString() : null;
            for (int i = 0; i < report.getPresentedForm().size(); i++) {
                add(out, ref + "#presentedForm[" + i + "]", ref, report.getPresentedForm().get(i),
                        report.getCode().getText(), date, chart);
            }
        }
        return out;
    }

    /** Adds the attachment when it is an image: labelled image/* or DICOM, or unlabelled JPEG/PNG bytes. */
    private static void add(List<Candidate> out, String location, String resource, Attachment attachment, String label,
            String date, ClinicalChart chart) {
        if (attachment == null || attachment.isEmpty()) {
            return;
        }
        String media = mediaType(attachment.getContentType());
        boolean image = media != null ? media.startsWith("image/") || media.contains("dicom")
                : ImageHeader.sniff(bytesOrEmpty(attachment, chart)) != null;
        if (image) {
            String title = attachment.hasTitle() ? attachment.getTitle() : null;
            String text = label == null || label.isBlank() ? title : title == null ? label : label + " — " + title;
            out.add(new Candidate(location, resource, attachment, text, date));
        }
    }

    private static byte[] bytesOrEmpty(Attachment attachment, ClinicalChart chart) {
        byte[] bytes = bytes(attachment, chart);
        return bytes == null ? new byte[0] : bytes;
    }

    /** Inline data, or the data of the chart's Binary the url names; null when neither. */
    private static byte[] bytes(Attachment attachment, ClinicalChart chart) {
        if (attachment.getData() != null) {
            return attachment.getData();
        }
        if (!attachment.hasUrl()) {
            return null;
        }
        String ref = chart.resolve(new Reference(attachment.getUrl()));
        Resource target = ref == null ? null : chart.get(ref).orElse(null);
        return target instanceof Binary binary ? binary.getData() : null;
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
