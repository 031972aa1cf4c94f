package io.chartbrief.inbox.service;

import io.chartbrief.interop.event.SummaryDocumentProfile;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.inbox.SummaryBundles;
import io.chartbrief.inbox.service.InboxDocument.Recipients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class RecipientRouterTest {

    private final RecipientRouter router = new RecipientRouter(List.of("ATND", "ADM"));

    @Test
    void attendingAndAdmittingPractitionersAndTheCurrentUnit() {
        Bundle bundle = SummaryBundles.summary().participant("ATND", "4411").participant("ADM", "2288")
                .participant("REF", "9999").participant("CON", "7777").unit("5EAST").bundle();
        Recipients recipients = route(bundle);
        assertThat(recipients.practitioners()).containsExactly("4411", "urn:chartbrief:authority:RIVERSIDE|4411",
                "2288", "urn:chartbrief:authority:RIVERSIDE|2288");
        // the completed ED location is history, not a recipient
        assertThat(recipients.units()).containsExactly("5EAST");
    }

    @Test
    void configuredTypesDecide() {
        Bundle bundle = SummaryBundles.summary().participant("ATND", "4411").participant("CON", "7777").bundle();
        Recipients recipients = route(new RecipientRouter(List.of("con")), bundle);
        assertThat(recipients.practitioners()).containsExactly("7777", "urn:chartbrief:authority:RIVERSIDE|7777");
    }

    @Test
    void fhirLocationResourceGivesItsPointOfCareIdentifierElseItsName() {
        Location ward = new Location();
        ward.setId("loc-ward");
        ward.addIdentifier().setSystem("urn:other").setValue("W-17");
        ward.addIdentifier().setSystem(SummaryDocumentProfile.POINT_OF_CARE).setValue("4WEST");
        assertThat(route(SummaryBundles.summary().location(ward).bundle()).units()).containsExactly("4WEST");

        Location named = new Location();
        named.setId("loc-named");
        named.setName("ICU");
        assertThat(route(SummaryBundles.summary().location(named).bundle()).units()).containsExactly("ICU");
    }

    @Test
    void noParticipantsAndNoLocationRoutesToNobody() {
        Recipients recipients = route(SummaryBundles.summary().bundle());
        assertThat(recipients.practitioners()).isEmpty();
        assertThat(recipients.units()).isEmpty();
        assertThat(router.route(null, Map.of()).isEmpty()).isTrue();
    }

    @Test
    void logicalIdentifierReferenceWithoutPractitionerResource() {
        Encounter encounter = new Encounter();
        encounter.addParticipant().addType().addCoding().setSystem(RecipientRouter.PARTICIPATION_TYPE).setCode("ATND");
        encounter.getParticipantFirstRep().setIndividual(new Reference().setIdentifier(
                new org.hl7.fhir.r4.model.Identifier().setValue("5500")));
        assertThat(router.route(encounter, Map.of()).practitioners()).containsExactly("5500");
    }

    @Test
    void relativeReferences() {
        assertThat(RecipientRouter.relative("Practitioner/1")).isEqualTo("Practitioner/1");
        assertThat(RecipientRouter.relative("https://x.example/fhir/Practitioner/1")).isEqualTo("Practitioner/1");
        assertThat(RecipientRouter.relative("Practitioner/1/_history/3")).isEqualTo("Practitioner/1");
    }

    private Recipients route(Bundle bundle) {
        return route(router, bundle);
    }

    private static Recipients route(RecipientRouter router, Bundle bundle) {
        Map<String, Resource> resources = new HashMap<>();
        Encounter encounter = null;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource r = entry.getResource();
            resources.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            if (r instanceof Encounter e) {
                encounter = e;
            }
        }
        return router.route(encounter, resources);
    }
}
