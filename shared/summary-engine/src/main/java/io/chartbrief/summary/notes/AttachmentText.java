package io.chartbrief.summary.notes;

import io.chartbrief.summary.chart.ClinicalChart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The decoded text of one FHIR Attachment: inline {@code data}, or a {@code url} naming a Binary of the same chart
 * ({@code Binary/id}, an absolute URL ending in it, or an entry's {@code urn:uuid:}). Reads {@code text/plain} (any
 * charset), {@code text/markdown} (kept as written: its {@code #} headings are sections) and {@code text/html} /
 * {@code application/xhtml+xml} (through {@link HtmlText}); anything else is unreadable with a reason.
 *
 * <p>Base64 is decoded by HAPI when the chart is parsed (whitespace, missing padding and the URL-safe alphabet
 * accepted); data HAPI could not decode is absent, and data that decodes to binary rather than text (a mislabelled
 * PDF, random bytes) is refused here, so a corrupt attachment is skipped, never a failed summary.
 */
final class AttachmentText {

    /** The outcome for one attachment. */
    sealed interface Result permits Read, Unreadable {
    }

    /** Decoded text. */
    record Read(String text, String contentType, String charset, boolean truncated) implements Result {
    }

    /** Why there is no text. */
    record Unreadable(String reason) implements Result {
    }

    private static final Pattern META_CHARSET =
            Pattern.compile("(?i)<meta[^>]{0,200}?charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]{1,40})");

    private AttachmentText() {
    }

    /** Media type without parameters, lower case; null when absent. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether a media type is one this class reads (preference order for alternative formats: lower is better). */
    static int preference(String mediaType) {
        if (mediaType == null) {
            return 4; // unlabelled: sniffed, tried last
        }
        return switch (mediaType) {
            case "text/plain" -> 0;
            case "text/markdown", "text/x-markdown" -> 1;
            case "text/html", "application/xhtml+xml" -> 2;
            default -> -1;
        };
    }

    /**
     * The text of the best readable attachment among alternatives (FHIR: repeated {@code content} /
     * {@code presentedForm} are the same document in different formats): plain text, then markdown, then HTML, then
     * unlabelled; a later one is tried when an earlier one fails. Unreadable attachments are recorded as
     * {@code ref#field[i]}; null when none is readable.
     */
    static Read best(List<Attachment> attachments, String ref, String field, ClinicalChart chart, NoteLimits limits,
            List<NoteReading.Skipped> skipped) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            String media = mediaType(a.hasContentTypeElement() ? a.getContentType() : null);
            if (preference(media) < 0) {
                skipped.add(new NoteReading.Skipped(ref + "#" + field + "[" + i + "]",
                        describe(media) + " is not a text format read here"));
            } else {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt(i -> preference(mediaType(attachments.get(i).getContentType()))));
        for (int i : order) {
            Result result = read(attachments.get(i), chart, limits);
            if (result instanceof Read text) {
                return text;
            }
            skipped.add(new NoteReading.Skipped(ref + "#" + field + "[" + i + "]", ((Unreadable) result).reason()));
        }
        return null;
    }

    static Result read(Attachment attachment, ClinicalChart chart, NoteLimits limits) {
        String contentType = attachment.hasContentTypeElement() ? attachment.getContentType() : null;
        byte[] bytes = attachment.getData();
        if (bytes == null) {
            String url = attachment.hasUrlElement() ? attachment.getUrl() : null;
            if (url == null || url.isBlank()) {
                return new Unreadable("no data (absent, or not valid base64) and no url");
            }
            String ref = chart.resolve(new Reference(url));
            Resource target = ref == null ? null : chart.get(ref).orElse(null);
            if (!(target instanceof Binary binary)) {
                return new Unreadable(target == null ? "url is not a Binary in this chart (external content is not fetched)"
                        : "url points to a " + target.fhirType() + ", not a Binary");
            }
            bytes = binary.getData();
            if (bytes == null) {
                return new Unreadable(ref + " has no data");
            }
            if (contentType == null || contentType.isBlank()) {
                contentType = binary.hasContentTypeElement() ? binary.getContentType() : null;
            }
        }
        return decode(bytes, contentType, limits);
    }

    /** Decodes bytes labelled {@code contentType} (may be null: then sniffed). */
    static Result decode(byte[] bytes, String contentType, NoteLimits limits) {
        String media = mediaType(contentType);
        String magic = magic(bytes);
        if (magic != null) {
            return new Unreadable(magic + " content is not read" + (media == null ? "" : " (labelled " + media + ")"));
        }
        if (media == null) {
            media = looksLikeHtml(bytes) ? "text/html" : "text/plain";
        }
        if (preference(media) < 0) {
            return new Unreadable(describe(media) + " is not a text format read here");
        }
        boolean html = media.equals("text/html") || media.equals("application/xhtml+xml");
        String declared = parameter(contentType, "charset");
        if (declared == null && html) {
            declared = metaCharset(bytes);
        }
        boolean truncated = false;
        long maxBytes = limits.maxBytes(html);
        if (bytes.length > maxBytes) {
            bytes = cutBytes(bytes, (int) maxBytes, declared);
            truncated = true;
        }
        TextDecoding.Decoded decoded = TextDecoding.decode(bytes, declared);
        String text = html ? HtmlText.strip(decoded.text()) : decoded.text();
        if (text.isBlank()) {
            return new Unreadable("attachment holds no text");
        }
        if (!looksLikeText(text)) {
            return new Unreadable("data decodes to binary, not " + media + " text");
        }
        int keep = NoteLimits.cut(text, limits.maxChars());
        if (keep < text.length()) {
            text = text.substring(0, keep);
            truncated = true;
        }
        return new Read(text, media, decoded.charset(), truncated);
    }

    private static String describe(String media) {
        if (media.equals("application/pdf")) {
            return "PDF";
        }
        if (media.contains("rtf")) {
            return "RTF";
        }
        if (media.startsWith("image/")) {
            return "image (" + media + ")";
        }
        return "media type " + media;
    }

    /** Kinds of binary content recognised by their first bytes whatever the label says. */
    private static String magic(byte[] b) {
        if (startsWith(b, "%PDF-")) {
            return "PDF";
        }
        if (startsWith(b, "{\\rtf")) {
            return "RTF";
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "PNG image";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "JPEG image";
        }
        if (startsWith(b, "GIF8")) {
            return "GIF image";
        }
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return "ZIP (e.g. DOCX)";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, String ascii) {
        if (b.length < ascii.length()) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeHtml(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<div")
                || head.startsWith("<p>") || head.startsWith("<body");
    }

    /** A parameter of a content type ({@code charset=...}), unquoted; null when absent. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).trim().replace("\"", "");
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String metaCharset(byte[] b) {
        Matcher m = META_CHARSET.matcher(new String(b, 0, Math.min(b.length, 2048), StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }

    /**
     * The first {@code max} bytes or fewer, ending after a line feed when one is in the second half, so a multibyte
     * character is never split (0x0A is never part of one in ASCII-compatible charsets); UTF-16 keeps whole units.
     */
    private static byte[] cutBytes(byte[] bytes, int max, String declared) {
        boolean utf16 = (declared != null && declared.toLowerCase(Locale.ROOT).startsWith("utf-16"))
                || (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE || (bytes[0] & 0xFF) == 0xFF)
                        && ((bytes[1] & 0xFF) == 0xFE || (bytes[1] & 0xFF) == 0xFF));
        int cut = max;
        if (utf16) {
            cut -= cut % 2;
        } else {
            int k = max;
            while (k > max / 2 && bytes[k - 1] != '\n') {
                k--;
            }
            if (k > max / 2) {
                cut = k;
            } else {
                while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
                    cut--; // do not end inside a UTF-8 sequence
                }
            }
        }
        return Arrays.copyOf(bytes, cut);
    }

    /**
     * False for decoded binary: a NUL, or more than 2% control characters / U+FFFD in the first 8 Ki chars (two are
     * tolerated in a short note: one stray byte must not lose it).
     */
    private static boolean looksLikeText(String text) {
        int sample = Math.min(text.length(), 8192);
        int bad = 0;
        for (int k = 0; k < sample; k++) {
            char c = text.charAt(k);
            if (c == 0) {
                return false;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F || c == '\uFFFD') {
                bad++;
            }
        }
        return bad <= Math.max(2, sample / 50);
    }
}
