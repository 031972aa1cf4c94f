package io.chartbrief.interop.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to summarize a patient's chart, published on {@link Topics#SUMMARY_REQUESTS} as JSON
 * ({@code {"requestId":…,"patient":"Patient/<id>","encounter":"Encounter/<id>"|null,"reason":…,"requestedAt":…}}).
 * Plain record: services serialize it with their own JSON library (field names = component names, instant as
 * ISO-8601 text).
 *
 * @param requestId   idempotency key: the same trigger always carries the same id (admission triggers derive it
 *                    from the encounter id), so consumers deduplicate by it
 * @param patient     {@code Patient/<id>} (the surviving patient after a merge)
 * @param encounter   {@code Encounter/<id>} the summary is for, or {@code null} when the patient has none
 * @param reason      {@link #ADMISSION}, {@link #ON_DEMAND} or {@link #CANCELLED}
 * @param requestedAt when the request was published
 */
public record SummaryRequest(UUID requestId, String patient, String encounter, String reason, Instant requestedAt) {

    /** An inpatient admission (after the settle window). */
    public static final String ADMISSION = "admission";
    /** Asked for through the chart API. */
    public static final String ON_DEMAND = "on-demand";
    /**
     * The admission of an earlier {@link #ADMISSION} request was cancelled (ADT^A11): drop or retract that
     * summary. Its {@code requestId} is a new id; the encounter names the cancelled admission.
     */
    public static final String CANCELLED = "cancelled";
}
