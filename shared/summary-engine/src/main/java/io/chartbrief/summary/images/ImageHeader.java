package io.chartbrief.summary.images;

/**
 * The format and pixel size of JPEG and PNG bytes, read from the file header without decoding the image (so a
 * corrupt or oversized image costs nothing to refuse).
 *
 * @param format {@code image/jpeg} or {@code image/png}
 */
record ImageHeader(String format, int width, int height) {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Whether the bytes start like a JPEG (SOI marker) or a PNG (signature): the format, else null. */
    static String sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (bytes.length >= PNG_SIGNATURE.length) {
            for (int i = 0; i < PNG_SIGNATURE.length; i++) {
                if (bytes[i] != PNG_SIGNATURE[i]) {
                    return null;
                }
            }
            return PNG;
        }
        return null;
    }

    /** The header of JPEG or PNG bytes; null when the format is neither or its size cannot be found. */
    static ImageHeader read(byte[] bytes) {
        String format = sniff(bytes);
        if (PNG.equals(format)) {
            // Signature, then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4).
            if (bytes.length < 24 || bytes[12] != 'I' || bytes[13] != 'H' || bytes[14] != 'D' || bytes[15] != 'R') {
                return null;
            }
            return sized(PNG, int32(bytes, 16), int32(bytes, 20));
        }
        if (JPEG.equals(format)) {
            return jpeg(bytes);
        }
        return null;
    }

    /** Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC), which holds the size. */
    private static ImageHeader jpeg(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2; // markers without a length
                continue;
            }
            int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            if (length < 2) {
                return null;
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                if (i + 9 > b.length) {
                    return null;
                }
                int height = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int width = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                return sized(JPEG, width, height);
            }
            if (marker == 0xda || marker == 0xd9) {
                return null; // scan data or end of image before any frame header
            }
            i += 2 + length;
        }
        return null;
    }

    private static ImageHeader sized(String format, long width, long height) {
        return width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE
                ? new ImageHeader(format, (int) width, (int) height) : null;
    }

    private static long int32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    long pixels() {
        return (long) width * height;
    }
}
