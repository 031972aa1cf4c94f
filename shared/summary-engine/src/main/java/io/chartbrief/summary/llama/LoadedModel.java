package io.chartbrief.summary.llama;

import de.kherud.llama.LlamaModel;

/**
 * A model loaded into llama.cpp, with what the summary's {@code engine} block says about it.
 *
 * @param model    the native model (never closed: close() leaks native memory, see LoadedModels)
 * @param fileName file name without directory
 * @param sha256   hex sha256 of the file, computed once at load
 * @param loadMs   load time
 */
public record LoadedModel(LlamaModel model, String fileName, String sha256, long loadMs) {
}
