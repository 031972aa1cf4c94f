package io.chartbrief.audit;

import io.chartbrief.interop.audit.PhiAccess;
import java.time.Instant;

/**
 * One AuditEvent ready to be stored: its id (row key and AuditEvent.id), when it was recorded, the access it
 * describes, and its FHIR JSON ({@code io.chartbrief.interop.audit.BalpAuditEvent}).
 */
public record AuditEntry(String id, Instant recorded, PhiAccess access, String json) {

    /** AuditEvent.outcome: {@code 0}, {@code 4} or {@code 8}. */
    public String outcome() {
        return io.chartbrief.interop.audit.BalpAuditEvent.outcome(access.status()).toCode();
    }
}
