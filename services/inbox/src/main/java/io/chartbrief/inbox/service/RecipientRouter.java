package io.chartbrief.inbox.service;

import io.chartbrief.interop.event.SummaryDocumentProfile;
import io.chartbrief.interop.summary.SummaryDocumentReader;
import io.chartbrief.inbox.service.InboxDocument.Recipients;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationComponent;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.Encounter.EncounterParticipantComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Who a summary goes to: the identifiers of the encounter's participants of the routed types (attending and
 * admitting by default) and the encounter's current location unit(s). Pure function of the Bundle; thread-safe.
 */
public final class RecipientRouter {

    /** HL7 v3 ParticipationType code system. */
    public static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private final Set<String> participantTypes;

    /** @param participantTypes routed participant type codes, e.g. {@code ATND}, {@code ADM} */
    public RecipientRouter(List<String> participantTypes) {
        Set<String> types = new LinkedHashSet<>();
        participantTypes.forEach(t -> types.add(t.trim().toUpperCase(Locale.ROOT)));
        this.participantTypes = Set.copyOf(types);
    }

    /**
     * The recipients of a summary about {@code encounter}.
     *
     * @param encounter the encounter (null: nobody)
     * @param resources the Bundle's resources by {@code Type/id}
     */
    public Recipients route(Encounter encounter, Map<String, Resource> resources) {
        if (encounter == null) {
            return new Recipients(List.of(), List.of());
        }
        Set<String> practitioners = new LinkedHashSet<>();
        for (EncounterParticipantComponent participant : encounter.getParticipant()) {
            if (routed(participant)) {
                practitionerKeys(participant.getIndividual(), resources, practitioners);
            }
        }
        Set<String> units = new LinkedHashSet<>();
        for (EncounterLocationComponent location : encounter.getLocation()) {
            if (location.getStatus() == null || location.getStatus() == EncounterLocationStatus.ACTIVE) {
                unitKeys(location.getLocation(), resources, units);
            }
        }
        return new Recipients(List.copyOf(practitioners), List.copyOf(units));
    }

    private boolean routed(EncounterParticipantComponent participant) {
        for (var type : participant.getType()) {
            for (Coding coding : type.getCoding()) {
                boolean system = !coding.hasSystem() || PARTICIPATION_TYPE.equals(coding.getSystem());
                if (system && coding.hasCode() && participantTypes.contains(coding.getCode().toUpperCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void practitionerKeys(Reference individual, Map<String, Resource> resources, Set<String> out) {
        List<Identifier> identifiers = new ArrayList<>();
        if (individual.hasIdentifier()) {
            identifiers.add(individual.getIdentifier());
        }
        Resource target = individual.hasReference() ? resources.get(relative(individual.getReference())) : null;
        if (target instanceof PractitionerRole role && role.hasPractitioner()) {
            target = resources.get(relative(role.getPractitioner().getReference()));
        }
        if (target instanceof Practitioner practitioner) {
            identifiers.addAll(practitioner.getIdentifier());
        }
        for (Identifier identifier : identifiers) {
            if (identifier.hasValue() && !identifier.getValue().isBlank()) {
                String value = identifier.getValue().trim();
                out.add(value);
                if (identifier.hasSystem()) {
                    out.add(identifier.getSystem() + "|" + value);
                }
            }
        }
    }

    private static void unitKeys(Reference reference, Map<String, Resource> resources, Set<String> out) {
        if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
            out.add(reference.getIdentifier().getValue().trim());
            return;
        }
        Resource target = reference.hasReference() ? resources.get(relative(reference.getReference())) : null;
        if (target instanceof Location location) {
            List<String> pointOfCare = location.getIdentifier().stream()
                    .filter(i -> SummaryDocumentProfile.POINT_OF_CARE.equals(i.getSystem()) && i.hasValue())
                    .map(Identifier::getValue).toList();
            if (!pointOfCare.isEmpty()) {
                out.addAll(pointOfCare);
            } else if (location.hasIdentifier()) {
                location.getIdentifier().stream().filter(Identifier::hasValue).forEach(i -> out.add(i.getValue().trim()));
            } else if (location.hasName()) {
                out.add(location.getName().trim());
            }
        }
    }

    /** {@code Type/id} of a reference written relative, absolute ({@code .../Type/id}) or versioned. */
    static String relative(String reference) {
        return SummaryDocumentReader.relative(reference);
    }
}
