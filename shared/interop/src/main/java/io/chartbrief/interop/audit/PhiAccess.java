package io.chartbrief.interop.audit;

import java.util.List;
import java.util.Objects;

/**
 * One read of PHI as the auditing service saw it: who asked, for what, and how it was answered. Holds references
 * and names only — never a value read from a chart, a token's identifying claims beyond its subject and client, or
 * a query parameter's value.
 *
 * @param interaction     read, vread, search or update (decides AuditEvent.subtype and action)
 * @param subject         the caller: token {@code sub} (null when unauthenticated)
 * @param clientId        the caller's client id (token {@code azp}/{@code client_id}), null when absent
 * @param roles           the caller's roles (token groups)
 * @param clientAddress   the caller's network address (first X-Forwarded-For hop), null when unknown
 * @param patientKey      {@code Patient/<id>}: the patient whose data was read (or asked for); null when none or
 *                        not a valid reference
 * @param resource        the resource read ({@code Type/id}, e.g. {@code Composition/<uuid>}), null for a search
 * @param operation       what was called, as a template without values, e.g. {@code GET /patients/{id}/chart}
 * @param queryParameters the names (only) of the query parameters the call carried
 * @param status          the HTTP status answered (decides AuditEvent.outcome)
 */
public record PhiAccess(Interaction interaction, String subject, String clientId, List<String> roles,
        String clientAddress, String patientKey, String resource, String operation, List<String> queryParameters,
        int status) {

    public PhiAccess {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(operation, "operation");
        roles = roles == null ? List.of() : List.copyOf(roles);
        queryParameters = queryParameters == null ? List.of() : List.copyOf(queryParameters);
    }

    /** The same access for another patient (one AuditEvent per patient of a search's results, as BALP asks). */
    public PhiAccess forPatient(String otherPatientKey) {
        return new PhiAccess(interaction, subject, clientId, roles, clientAddress, otherPatientKey, resource,
                operation, queryParameters, status);
    }

    /** The same access answered with another status. */
    public PhiAccess withStatus(int otherStatus) {
        return new PhiAccess(interaction, subject, clientId, roles, clientAddress, patientKey, resource, operation,
                queryParameters, otherStatus);
    }

    /** The RESTful interaction (FHIR {@code restful-interaction}) and its DICOM action code. */
    public enum Interaction {
        /** A read of one resource (or one document): action R. */
        READ("read", "Read", "R"),
        /** A read of one version: action R. */
        VREAD("vread", "vread", "R"),
        /** A search, list or whole-chart operation: action E (BALP Query). */
        SEARCH("search", "search", "E"),
        /** A change of what a caller sees (the inbox's read/acknowledged state): action U. */
        UPDATE("update", "update", "U");

        private final String code;
        private final String display;
        private final String action;

        Interaction(String code, String display, String action) {
            this.code = code;
            this.display = display;
            this.action = action;
        }

        /** Code in {@code http://hl7.org/fhir/restful-interaction}. */
        public String code() {
            return code;
        }

        String display() {
            return display;
        }

        /** AuditEvent.action: {@code R} or {@code E}. */
        public String action() {
            return action;
        }
    }
}
