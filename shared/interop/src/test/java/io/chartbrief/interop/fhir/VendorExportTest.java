package io.chartbrief.interop.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.interop.event.NormalizedEvent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** What vendor exports and newer Synthea bundles send (issue 13 point 8). */
class VendorExportTest {

    private final FhirEventNormalizer normalizer = new FhirEventNormalizer();

    private static final String BROKEN_NARRATIVE = """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:7f3b1c2e-0000-4000-8000-000000000001","resource":{"resourceType":"Patient",
               "id":"p-ips","text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\"><p>Unclosed <b>bold</div>"},
               "name":[{"family":"Export","given":["Ida"]}],"gender":"female","birthDate":"1950-01-01"}},
              {"resource":{"resourceType":"Condition","id":"c-1","subject":{"reference":"Patient/p-ips"},
               "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">&nbsp;</div>"},
               "code":{"text":"Hypertension"}}}]}
            """;

    @Test
    void aNarrativeThatIsNotXhtmlIsDroppedWithAWarningAndTheResourcesAreKept() throws Exception {
        NormalizedEvent event = normalizer.normalize(BROKEN_NARRATIVE);
        assertThat(event.bundle().getEntry()).hasSize(2);
        Patient patient = (Patient) event.bundle().getEntry().get(0).getResource();
        assertThat(patient.hasText()).isFalse();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Export");
        assertThat(event.bundle().getEntry().get(1).getResource()).isInstanceOf(Condition.class);
        assertThat(event.warnings().get(0)).startsWith("2 narrative(s) dropped: not valid XHTML (first at "
                + "Bundle.entry[0].resource.text)");
    }

    @Test
    void notJsonNamesWhereItBroke() {
        assertThatThrownBy(() -> normalizer.normalize("{\"resourceType\":\"Patient\",\n \"id\": p1}"))
                .isInstanceOf(FhirInputException.class).hasMessageContaining("at line 2, column");
    }

    @Test
    void conditionalReferencesResolveToTheOneMatchingEntry() throws Exception {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:7f3b1c2e-0000-4000-8000-000000000002","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"urn:oid:2.16.840.1.113883.19.5","value":"MRN-7"}]},
                   "request":{"method":"POST","url":"Patient"}},
                  {"fullUrl":"urn:uuid:7f3b1c2e-0000-4000-8000-000000000003","resource":{"resourceType":"Practitioner",
                   "identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"9999999999"}]},
                   "request":{"method":"POST","url":"Practitioner"}},
                  {"fullUrl":"urn:uuid:7f3b1c2e-0000-4000-8000-000000000004","resource":{"resourceType":"Encounter",
                   "status":"finished","class":{"code":"AMB"},
                   "subject":{"reference":"Patient?identifier=urn:oid:2.16.840.1.113883.19.5|MRN-7"},
                   "participant":[{"individual":{"reference":"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi%7C9999999999"}}],
                   "serviceProvider":{"reference":"Organization?identifier=http://hl7.org/fhir/sid/us-npi|123"}},
                   "request":{"method":"POST","url":"Encounter"}}]}
                """;
        NormalizedEvent event = normalizer.normalize(bundle);
        Encounter encounter = (Encounter) event.bundle().getEntry().get(2).getResource();
        assertThat(encounter.getSubject().getReference()).isEqualTo("Patient/7f3b1c2e-0000-4000-8000-000000000002");
        assertThat(encounter.getParticipantFirstRep().getIndividual().getReference())
                .isEqualTo("Practitioner/7f3b1c2e-0000-4000-8000-000000000003");
        // the organization is not in the submission: left as sent, and said
        assertThat(encounter.getServiceProvider().getReference()).startsWith("Organization?identifier=");
        assertThat(event.warnings()).anyMatch(w -> w.startsWith("1 conditional references left unresolved"));
    }
}
