package io.chartbrief.summary.llama;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which llama.cpp native library {@code de.kherud:llama} 4.2.0 will load, decided the way its loader decides: the
 * first {@code libjllama} found in {@code -Dde.kherud.llama.lib.path}, then in each {@code java.library.path}
 * directory, else the library bundled in the jar. The bundled libraries are CPU-only (also in the
 * {@code cuda12-*} classifier jars, which carry none), so GPU layers asked of the bundled library are silently run
 * on the CPU. Whether an external library was built with CUDA cannot be told from Java: llama.cpp then reports it
 * in its own log (docs/model.md, "GPU").
 */
public final class LlamaNativeLibrary {

    /** The binding's system property naming the directory of a self-built {@code libjllama}. */
    public static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";

    private LlamaNativeLibrary() {
    }

    /** The external library the binding will load, from this JVM's system properties; empty: the bundled one. */
    public static Optional<Path> external() {
        return external(System.getProperty(LIB_PATH_PROPERTY), System.getProperty("java.library.path", ""));
    }

    /**
     * The external library found in these directories, in the binding's order; empty: the bundled one.
     *
     * @param libPath          value of {@code de.kherud.llama.lib.path} (null when unset)
     * @param javaLibraryPath  value of {@code java.library.path} (path-separator list)
     */
    static Optional<Path> external(String libPath, String javaLibraryPath) {
        String file = System.mapLibraryName("jllama");
        List<String> dirs = new ArrayList<>();
        if (libPath != null) {
            dirs.add(libPath);
        }
        if (javaLibraryPath != null) {
            dirs.addAll(List.of(javaLibraryPath.split(File.pathSeparator)));
        }
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, file);
                if (Files.exists(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (InvalidPathException e) {
                // the loader would fail on it too; keep looking like it does
            }
        }
        return Optional.empty();
    }

    /**
     * A one-line warning when GPU layers are asked for but the bundled CPU-only library will be loaded (llama.cpp
     * then runs every layer on the CPU); empty when no layers are asked for or an external library is configured.
     */
    public static Optional<String> gpuOffloadWarning(int gpuLayers) {
        return gpuOffloadWarning(gpuLayers, external());
    }

    static Optional<String> gpuOffloadWarning(int gpuLayers, Optional<Path> externalLibrary) {
        if (gpuLayers <= 0 || externalLibrary.isPresent()) {
            return Optional.empty();
        }
        return Optional.of("gpu-layers is " + gpuLayers + " but the llama.cpp library is the CPU-only one bundled in "
                + "de.kherud:llama (no " + System.mapLibraryName("jllama") + " in -D" + LIB_PATH_PROPERTY
                + " or java.library.path): every layer runs on the CPU. For GPU offload build libjllama with CUDA "
                + "and set -D" + LIB_PATH_PROPERTY + "=DIR (docs/model.md, \"GPU\")");
    }
}
