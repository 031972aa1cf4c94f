package io.chartbrief.summary.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which engine produced the summary.
 *
 * @param kind           {@code llama}, {@code remote} or {@code extractive}
 * @param model          model file name (no directory); for {@code remote} the model name the server answered
 *                       with; null for extractive
 * @param modelSha256    hex sha256 of the model file, null for extractive and remote (the server's file is unknown)
 * @param fallbackReason why the configured model engine was not used (load failure, timeout, unparseable or
 *                       unverified output); null when the first-choice engine produced this summary
 * @param images         the chart's image attachments: how many the model was sent and which were not read, with
 *                       why (an engine without image input, DICOM, over a cap); null when the chart has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineInfo(String kind, String model, String modelSha256, String fallbackReason, Images images) {

    /**
     * What became of the chart's images.
     *
     * @param sent    images sent to the model (their items cite the resource holding them)
     * @param notSent {@code attachment: reason} per image not read, e.g. {@code Media/x#content: DICOM is not read}
     */
    public record Images(int sent, java.util.List<String> notSent) {
    }

    /** An engine block for a chart without images (or before they are looked at). */
    public EngineInfo(String kind, String model, String modelSha256, String fallbackReason) {
        this(kind, model, modelSha256, fallbackReason, null);
    }

    /** Engine kind of the in-process llama.cpp engine. */
    public static final String LLAMA = "llama";
    /** Engine kind of a model server reached over the OpenAI-compatible chat-completions API. */
    public static final String REMOTE = "remote";
    /** Engine kind of the deterministic, model-free engine. */
    public static final String EXTRACTIVE = "extractive";

    /** The same engine, recording why a preferred engine was not used. */
    public EngineInfo withFallbackReason(String reason) {
        return new EngineInfo(kind, model, modelSha256, reason, images);
    }

    /** The same engine, recording what became of the chart's images (null: the chart has none). */
    public EngineInfo withImages(Images images) {
        return new EngineInfo(kind, model, modelSha256, fallbackReason, images);
    }
}
