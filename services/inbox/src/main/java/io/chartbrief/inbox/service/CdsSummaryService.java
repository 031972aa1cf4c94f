package io.chartbrief.inbox.service;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.inbox.config.CdsConfig;
import io.chartbrief.inbox.security.EhrTokenVerifier.EhrCaller;
import io.chartbrief.inbox.service.CdsHooksJson.Card;
import io.chartbrief.inbox.service.CdsHooksJson.Cards;
import io.chartbrief.inbox.service.CdsHooksJson.FeedbackEntry;
import io.chartbrief.inbox.service.CdsHooksJson.HookRequest;
import io.chartbrief.inbox.service.CdsHooksJson.Service;
import io.chartbrief.interop.summary.SummaryDocument.Content;
import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import io.chartbrief.inbox.store.CdsStore;
import io.chartbrief.inbox.store.CdsStore.Feedback;
import io.chartbrief.inbox.store.InboxStore.ItemDetail;
import io.chartbrief.interop.fhir.FhirContexts;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

/**
 * The CDS Hooks services: {@code patient-view} and {@code encounter-start} answer with the patient's current summary
 * as one card. The EHR's patient (and encounter) are found by their identifiers — from the prefetch, else read from
 * the EHR's FHIR server — mapped to ChartBrief's; identifiers naming more than one ChartBrief patient answer no
 * card (a wrong patient's summary is worse than none).
 */
@ApplicationScoped
public class CdsSummaryService {

    /** Service id of the {@code patient-view} hook. */
    public static final String PATIENT_VIEW = "chartbrief-patient-summary";
    /** Service id of the {@code encounter-start} hook. */
    public static final String ENCOUNTER_START = "chartbrief-encounter-summary";

    private static final Logger LOG = Logger.getLogger(CdsSummaryService.class);
    private static final TypeReference<Map<String, Evidence>> EVIDENCE = new TypeReference<>() {
    };

    private final CdsConfig config;
    private final CdsStore store;
    private final EhrFhirReader fhir;
    private final AuditTrail audit;
    private final InboxMetrics metrics;
    private final ObjectMapper json;

    public CdsSummaryService(CdsConfig config, CdsStore store, EhrFhirReader fhir, AuditTrail audit,
            InboxMetrics metrics, ObjectMapper json) {
        this.config = config;
        this.store = store;
        this.fhir = fhir;
        this.audit = audit;
        this.metrics = metrics;
        this.json = json;
    }

    /** A hook call the service cannot answer (400). */
    public static final class InvalidHookRequest extends Exception {
        public InvalidHookRequest(String message) {
            super(message);
        }
    }

    /** The discovery document's services. */
    public List<Service> services() {
        String usage = "Shows the patient's latest ChartBrief summary: verified statements with their chart sources, "
                + "and a link to the summary in the ChartBrief inbox.";
        return List.of(
                new Service("patient-view", "ChartBrief patient summary",
                        "The patient's latest admission summary, checked against the chart.", PATIENT_VIEW,
                        Map.of("patient", "Patient/{{context.patientId}}"), usage),
                new Service("encounter-start", "ChartBrief encounter summary",
                        "The summary of this encounter (else the patient's latest), checked against the chart.",
                        ENCOUNTER_START, Map.of("patient", "Patient/{{context.patientId}}",
                                "encounter", "Encounter/{{context.encounterId}}"), usage));
    }

    /** The hook a service id answers, or empty for an unknown service. */
    public Optional<String> hookOf(String serviceId) {
        return services().stream().filter(s -> s.id().equals(serviceId)).map(Service::hook).findFirst();
    }

    /**
     * Answers one hook call.
     *
     * @param appUrl the inbox page URL for the card link
     */
    public Cards call(EhrCaller caller, String serviceId, HookRequest request, String clientAddress, String appUrl)
            throws InvalidHookRequest, SQLException {
        String hook = hookOf(serviceId).orElseThrow(() -> new InvalidHookRequest("unknown service"));
        if (request == null || !hook.equals(request.hook())) {
            throw new InvalidHookRequest("this service answers the " + hook + " hook");
        }
        if (request.hookInstance() == null || request.hookInstance().isBlank()) {
            throw new InvalidHookRequest("hookInstance is required");
        }
        String patientId = text(request.context(), "patientId");
        if (patientId == null) {
            throw new InvalidHookRequest("context.patientId is required");
        }
        String encounterId = text(request.context(), "encounterId");
        if (ENCOUNTER_START.equals(serviceId) && encounterId == null) {
            throw new InvalidHookRequest("context.encounterId is required by encounter-start");
        }
        String token = request.fhirAuthorization() == null ? null : request.fhirAuthorization().access_token();
        Patient ehrPatient = prefetched(request, "patient", Patient.class, patientId)
                .or(() -> fhir.read(caller.client(), request.fhirServer(), token, Patient.class, patientId))
                .orElse(null);
        List<String> candidates = patientCandidates(ehrPatient, patientId);
        if (candidates.size() != 1) {
            if (candidates.size() > 1) {
                LOG.warnf("CDS %s: the EHR patient's identifiers match %d ChartBrief patients; no card", serviceId,
                        candidates.size());
            }
            metrics.cdsCall(serviceId, candidates.isEmpty() ? "unknown-patient" : "ambiguous-patient");
            return new Cards(List.of());
        }
        String patient = candidates.get(0);
        String encounter = null;
        if (encounterId != null) {
            Encounter ehrEncounter = prefetched(request, "encounter", Encounter.class, encounterId)
                    .or(() -> fhir.read(caller.client(), request.fhirServer(), token, Encounter.class, encounterId))
                    .orElse(null);
            encounter = encounterKey(patient, ehrEncounter, encounterId);
        }
        Optional<ItemDetail> summary = encounter == null ? Optional.empty()
                : store.currentSummary(patient, encounter);
        boolean earlier = false;
        if (summary.isEmpty()) {
            summary = store.currentSummary(patient, null);
            earlier = encounterId != null && summary.isPresent();
        }
        if (summary.isEmpty()) {
            metrics.cdsCall(serviceId, "no-summary");
            return new Cards(List.of());
        }
        ItemDetail detail = summary.get();
        Card card = SummaryCard.of(detail.item(), content(detail), evidence(detail), appUrl, earlier);
        audit.cdsRead(caller.subject(), text(request.context(), "userId"), clientAddress,
                detail.item().id().toString(), detail.item().patient());
        metrics.cdsCall(serviceId, "card");
        return new Cards(List.of(card));
    }

    /** Stores the EHR's feedback on cards of a service. */
    public void feedback(EhrCaller caller, String serviceId, List<FeedbackEntry> entries)
            throws InvalidHookRequest, SQLException {
        if (hookOf(serviceId).isEmpty()) {
            throw new InvalidHookRequest("unknown service");
        }
        if (entries == null || entries.isEmpty()) {
            throw new InvalidHookRequest("feedback is required");
        }
        List<Feedback> valid = new ArrayList<>();
        for (FeedbackEntry entry : entries) {
            if (entry == null || entry.card() == null || entry.card().isBlank()) {
                throw new InvalidHookRequest("each feedback names its card");
            }
            if (!"accepted".equals(entry.outcome()) && !"overridden".equals(entry.outcome())) {
                throw new InvalidHookRequest("outcome is accepted or overridden");
            }
            Instant at;
            try {
                at = entry.outcomeTimestamp() == null ? null : Instant.parse(entry.outcomeTimestamp());
            } catch (DateTimeParseException e) {
                throw new InvalidHookRequest("outcomeTimestamp is not an instant");
            }
            valid.add(new Feedback(serviceId, caller.issuer(), entry.card(), entry.outcome(), at,
                    jsonOrNull(entry.overrideReason()), jsonOrNull(entry.acceptedSuggestions())));
        }
        for (Feedback feedback : valid) {
            store.feedback(feedback);
        }
    }

    /**
     * The ChartBrief patients the EHR's patient may be: those carrying its identifiers, else (when allowed) the one
     * with its id. More than one: the identifiers are ambiguous.
     */
    private List<String> patientCandidates(Patient ehrPatient, String patientId) throws SQLException {
        List<String> identifiers = ehrPatient == null ? List.of() : mapped(ehrPatient.getIdentifier());
        if (!identifiers.isEmpty()) {
            List<String> patients = store.patientsWithIdentifiers(identifiers);
            if (!patients.isEmpty()) {
                return patients;
            }
        }
        if (config.matchResourceIds() && store.knowsPatient("Patient/" + patientId)) {
            return List.of("Patient/" + patientId);
        }
        return List.of();
    }

    /** ChartBrief's encounter for the EHR's, or null when none (or several) match. */
    private String encounterKey(String patient, Encounter ehrEncounter, String encounterId) throws SQLException {
        List<String> identifiers = ehrEncounter == null ? List.of() : mapped(ehrEncounter.getIdentifier());
        if (!identifiers.isEmpty()) {
            List<String> encounters = store.encountersWithIdentifiers(patient, identifiers);
            if (encounters.size() == 1) {
                return encounters.get(0);
            }
        }
        return config.matchResourceIds() ? "Encounter/" + encounterId : null;
    }

    /** {@code system|value} of the identifiers, each also under the ChartBrief system it is mapped to. */
    private List<String> mapped(List<Identifier> identifiers) {
        Set<String> keys = new LinkedHashSet<>();
        for (Identifier identifier : identifiers) {
            if (!identifier.hasSystem() || !identifier.hasValue()) {
                continue;
            }
            keys.add(identifier.getSystem() + "|" + identifier.getValue());
            String alias = config.identifierSystems().get(identifier.getSystem());
            if (alias != null) {
                keys.add(alias + "|" + identifier.getValue());
            }
        }
        return List.copyOf(keys);
    }

    /** A prefetched resource of the expected type and id; a prefetch naming another resource is refused. */
    private static <T extends Resource> Optional<T> prefetched(HookRequest request, String key, Class<T> type,
            String id) throws InvalidHookRequest {
        JsonNode node = request.prefetch() == null ? null : request.prefetch().get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        T resource;
        try {
            resource = FhirContexts.r4().newJsonParser().parseResource(type, node.toString());
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidHookRequest("prefetch." + key + " is not a FHIR " + type.getSimpleName());
        }
        if (resource.getIdElement().hasIdPart() && !resource.getIdElement().getIdPart().equals(id)) {
            throw new InvalidHookRequest("prefetch." + key + " is not the resource the context names");
        }
        return Optional.of(resource);
    }

    private Content content(ItemDetail detail) {
        try {
            return json.readValue(detail.contentJson(), Content.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content of item " + detail.item().id() + " unreadable", e);
        }
    }

    private Map<String, Evidence> evidence(ItemDetail detail) {
        try {
            return json.readValue(detail.evidenceJson(), EVIDENCE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence of item " + detail.item().id() + " unreadable", e);
        }
    }

    private String jsonOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static String text(Map<String, JsonNode> context, String key) {
        JsonNode value = context == null ? null : context.get(key);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
