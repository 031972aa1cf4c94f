package io.chartbrief.cli.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * An entry of {@code ehr.dlq.redrives}: a DLQ record (whose original was {@code original}, e.g.
 * {@code ehr.events/0@17}) was re-driven to {@code topic/partition@offset} at a time.
 */
record Redrive(String dlqId, String original, String topic, int partition, long offset, Instant at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String location() {
        return topic + "/" + partition + "@" + offset;
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("dlqId", dlqId).put("original", original).put("topic", topic).put("partition", partition).put("offset", offset)
                .put("at", at.toString());
        return node.toString();
    }

    /**
     * An entry whose value cannot be read (written by hand, or by a newer CLI) still counts as a re-drive, with
     * unknown details: skipping it is the safe side.
     */
    static Redrive fromJson(String dlqId, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Instant at = node.hasNonNull("at") ? Instant.parse(node.get("at").asText()) : null;
            String original = node.hasNonNull("original") ? node.get("original").asText() : null;
            return new Redrive(dlqId, original, node.path("topic").asText("?"), node.path("partition").asInt(-1),
                    node.path("offset").asLong(-1), at);
        } catch (IOException | RuntimeException e) {
            return new Redrive(dlqId, null, "?", -1, -1, null);
        }
    }

    /**
     * Whether this entry is about that record. DLQ ids restart at 0 when {@code ehr.dlq} is deleted and made
     * again; the original location tells an entry of the old topic from the new record with the same id.
     */
    boolean isOf(DeadLetter letter) {
        return dlqId.equals(letter.id().toString()) && (original == null || original.equals(letter.originalLocation()));
    }

    /** {@code at 2026-12-04T20:00:00Z as ehr.events/0@18}. */
    String describe() {
        return "at " + (at == null ? "?" : at) + " as " + location();
    }
}
