package io.chartbrief.summary.images;

import java.util.Base64;

/**
 * One image of the chart sent to a model.
 *
 * @param alias      evidence alias in the prompt ({@code I1}, {@code I2}, … in the order the images are attached)
 * @param location   the attachment: {@code DocumentReference/x#content[0]}, {@code Media/y#content},
 *                   {@code DiagnosticReport/z#presentedForm[1]}
 * @param resource   the resource holding it ({@code Type/id}): what an item about the image cites
 * @param mediaType  {@code image/jpeg} or {@code image/png} (from the bytes, not only the label)
 * @param bytes      the encoded image
 * @param width      pixels, from the header
 * @param height     pixels, from the header
 * @param label      what the chart calls it (title, type, modality; may be empty)
 * @param date       the resource's date ({@code yyyy-MM-dd…}) or null
 */
public record ChartImage(String alias, String location, String resource, String mediaType, byte[] bytes, int width,
        int height, String label, String date) {

    /** The image as a {@code data:} URL (OpenAI {@code image_url}). */
    public String dataUrl() {
        return "data:" + mediaType + ";base64," + base64();
    }

    /** The image in base64 (Ollama {@code images}). */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The prompt line that introduces it. */
    public String promptLine() {
        StringBuilder line = new StringBuilder("[").append(alias).append("] image ").append(width).append('×')
                .append(height).append(" of ").append(resource);
        if (date != null) {
            line.append(", ").append(date);
        }
        if (label != null && !label.isBlank()) {
            line.append(": ").append(label);
        }
        return line.toString();
    }

    /** Without the bytes (logs, assertion messages). */
    @Override
    public String toString() {
        return "ChartImage[" + alias + " " + location + " " + mediaType + " " + width + "x" + height + ", "
                + bytes.length + " bytes]";
    }
}
