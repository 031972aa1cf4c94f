package io.chartbrief.summary.images;

/**
 * Caps on the chart images sent to a model that reads images (multimodal MedGemma behind a remote engine).
 *
 * @param maxCount  images per summary (newest first; the rest are listed as not sent)
 * @param maxBytes  encoded size of one image (JPEG/PNG bytes, before base64)
 * @param maxPixels width × height of one image (read from the file's header; MedGemma's vision encoder resizes to
 *                  896 × 896, so a very large scan only costs transfer and server memory)
 */
public record ImageLimits(int maxCount, long maxBytes, long maxPixels) {

    /** Four images, 8 MiB and 25 megapixels each. */
    public static final ImageLimits DEFAULTS = new ImageLimits(4, 8L << 20, 25_000_000L);

    /** Checks the caps. */
    public ImageLimits {
        if (maxCount < 0 || maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive (max-count may be 0: no images)");
        }
    }
}
