package io.chartbrief.summary;

/** An engine could not produce a summary; {@link #reason()} says why in a few words (no patient data). */
public class SummaryEngineException extends Exception {

    /** Why an engine failed, as recorded in {@code engine.fallbackReason}. */
    public enum Reason {
        /** The model could not be loaded (missing, truncated or invalid file, bad settings). */
        LOAD_FAILED("model-load-failed"),
        /** Inference ran past the per-request timeout and was cancelled. */
        TIMEOUT("timeout"),
        /** The model's output was not the summary JSON. */
        UNPARSEABLE("unparseable-output"),
        /**
         * A model server could not be reached or did not answer: connection refused or reset, HTTP 429/5xx after
         * the retries, or the circuit breaker is open.
         */
        UNAVAILABLE("engine-unavailable"),
        /** Any other failure during inference. */
        ERROR("engine-error");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** Short code, e.g. {@code timeout}. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    /** A failure of the given kind. */
    public SummaryEngineException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A failure of the given kind. */
    public SummaryEngineException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** The kind of failure. */
    public Reason reason() {
        return reason;
    }
}
