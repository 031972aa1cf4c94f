package io.chartbrief.inbox.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One inbox item (one summary), as listed by {@code GET /api/inbox} and pushed on the event stream. The state is the
 * item's, shared by all its recipients.
 */
@Schema(name = "Item", description = "An inbox item: one summary document routed to clinicians")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InboxItem(
        UUID id,
        @Schema(description = "summary request id (= Bundle.id)") String summaryId,
        @Schema(example = "Patient/81aa1db6") String patient,
        String patientName,
        @Schema(example = "Encounter/e1") String encounter,
        @Schema(enumeration = {"new", "read", "acknowledged"}) String state,
        @Schema(description = "id of the newer item for the same patient and encounter") UUID supersededBy,
        Instant createdAt,
        Instant readAt,
        Instant acknowledgedAt,
        @Schema(enumeration = {"extractive", "llama"}) String engine,
        boolean aiGenerated,
        @Schema(enumeration = {"verified", "partially-verified", "unverified"}) String verification,
        @Schema(description = "first sentence of the narrative") String headline,
        @Schema(description = "current unit of the encounter", example = "5EAST") String unit,
        @JsonIgnore List<String> recipients) {

    /** Whether a newer summary of the same patient and encounter replaced this one. */
    @JsonProperty("superseded")
    public boolean superseded() {
        return supersededBy != null;
    }
}
