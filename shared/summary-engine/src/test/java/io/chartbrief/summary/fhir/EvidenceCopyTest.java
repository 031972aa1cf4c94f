package io.chartbrief.summary.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class EvidenceCopyTest {

    @Test
    void anUnresolvedConditionalReferenceBecomesTypeAndIdentifier() {
        Encounter encounter = new Encounter();
        encounter.addParticipant().setIndividual(new Reference(
                "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999996919").setDisplay("Dr. Ana Ruiz"));
        encounter.setServiceProvider(new Reference("Organization/known"));
        encounter.setSubject(new Reference("Patient?name=Smith"));

        Encounter copy = (Encounter) EvidenceCopy.of(encounter, "e1");

        Reference practitioner = copy.getParticipantFirstRep().getIndividual();
        assertThat(practitioner.hasReference()).isFalse();
        assertThat(practitioner.getType()).isEqualTo("Practitioner");
        assertThat(practitioner.getIdentifier().getSystem()).isEqualTo("http://hl7.org/fhir/sid/us-npi");
        assertThat(practitioner.getIdentifier().getValue()).isEqualTo("9999996919");
        assertThat(practitioner.getDisplay()).isEqualTo("Dr. Ana Ruiz");
        assertThat(copy.getServiceProvider().getReference()).isEqualTo("Organization/known");
        // without an identifier there is nothing faithful to put instead: left as it is
        assertThat(copy.getSubject().getReference()).isEqualTo("Patient?name=Smith");
        // the chart's own resource is not touched
        assertThat(encounter.getParticipantFirstRep().getIndividual().getReference()).startsWith("Practitioner?");
    }
}
