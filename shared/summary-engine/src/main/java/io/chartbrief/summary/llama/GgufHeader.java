package io.chartbrief.summary.llama;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file starts like a model llama.cpp can load: the GGUF magic, version 2 or 3, and the tensor and
 * key/value counts (24 bytes). Checked in Java because llama.cpp may crash the JVM on a file that is not one (an
 * HTML error page saved as {@code .gguf}, a truncated download). The engine's and the CLI's one check.
 */
public final class GgufHeader {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int LENGTH = 24;

    private GgufHeader() {
    }

    /**
     * @return {@code null} when the header is a GGUF v2/v3 one, else a short reason without the file name
     *         ({@code not a GGUF model file}, {@code unsupported GGUF version 4})
     * @throws IOException when the file cannot be read
     */
    public static String problem(Path file) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(LENGTH);
        }
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        if (header.length < LENGTH || buffer.getInt(0) != MAGIC) {
            return "not a GGUF model file";
        }
        int version = buffer.getInt(4);
        return version < 2 || version > 3 ? "unsupported GGUF version " + version : null;
    }
}
