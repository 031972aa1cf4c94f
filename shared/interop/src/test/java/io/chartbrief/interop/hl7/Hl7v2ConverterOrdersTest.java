package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.all;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static io.chartbrief.interop.hl7.Fixtures.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

class Hl7v2ConverterOrdersTest {

    private final Hl7v2Converter converter = new Hl7v2Converter();

    private static String txa(String trigger) {
        return seg("TXA", 1, "1", 2, "DS^Discharge summary^LN", 3, "TX", 4, "20240301090000", 5, "6006^AUTHOR^ANN",
                6, "20240301100000+0100", 9, "7007^SCRIBE^SAM", 12, "DOC-2^EHR", 13, "T10".equals(trigger)
                        ? "DOC-1^EHR" : "", 17, "AU", 22, "8008^SIGNER^SUE");
    }

    @Test
    void mdmT02BecomesDocumentReferenceWithBase64NoteText() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("MDM^T02^MDM_T02", "D-1", "2.6"), "EVN|T02|20240301100000",
                PID, "PV1|1|O||||||||||||||||V9", txa("T02"),
                "OBX|1|TX|NOTE^Note^L||Patient seen today.", "OBX|2|TX|NOTE^Note^L||Plan: rest \\T\\ fluids.",
                "OBX|3|FT|NOTE^Note^L||Follow up\\.br\\in 2 weeks"));
        DocumentReference d = one(e, DocumentReference.class);
        assertThat(d.getStatus()).isEqualTo(DocumentReferenceStatus.CURRENT);
        assertThat(d.getDocStatus()).isEqualTo(DocumentReference.ReferredDocumentStatus.FINAL);
        assertThat(d.getMasterIdentifier().getValue()).isEqualTo("DOC-2");
        assertThat(d.getType().getCodingFirstRep().getCode()).isEqualTo("DS");
        assertThat(d.getSubject().getReference()).isEqualTo(e.patientKey());
        assertThat(d.getDateElement().getValue().toInstant()).hasToString("2024-03-01T09:00:00Z");  // TXA-6 +0100
        assertThat(d.getContext().getPeriod().getStartElement().getValueAsString()).isEqualTo("2024-03-01T09:00:00-05:00");
        assertThat(d.getContext().getEncounterFirstRep().getReference()).startsWith("Encounter/");
        assertThat(d.getAuthor()).hasSize(3);
        assertThat(d.getAuthenticator().getReference()).startsWith("Practitioner/");
        assertThat(d.getContentFirstRep().getAttachment().getContentType()).startsWith("text/plain");
        assertThat(new String(d.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
                .isEqualTo("Patient seen today.\nPlan: rest & fluids.\nFollow up\nin 2 weeks");
        assertThat(d.getRelatesTo()).isEmpty();
        assertThat(all(e, Observation.class)).isEmpty();
    }

    @Test
    void mdmT10ReplacesTheParentDocument() throws Exception {
        NormalizedEvent original = converter.convert(msg(msh("MDM^T02", "D-0", "2.6"), PID,
                txa("T02").replace("DOC-2", "DOC-1"), "OBX|1|TX|N^N^L||v1"));
        NormalizedEvent replacement = converter.convert(msg(msh("MDM^T10", "D-2", "2.6"), PID, txa("T10"),
                "OBX|1|TX|N^N^L||v2"));
        DocumentReference d = one(replacement, DocumentReference.class);
        assertThat(d.getRelatesToFirstRep().getCode()).isEqualTo(DocumentReference.DocumentRelationshipType.REPLACES);
        assertThat(d.getRelatesToFirstRep().getTarget().getReference())
                .isEqualTo("DocumentReference/" + one(original, DocumentReference.class).getIdElement().getIdPart());
    }

    @Test
    void mdmAddendumAppendsToItsParentAndAnOriginalNamesNoRelation() throws Exception {
        NormalizedEvent addendum = converter.convert(msg(msh("MDM^T06", "D-4", "2.6"), PID,
                txa("T06").replace("|DOC-2^EHR|", "|DOC-3^EHR|DOC-1^EHR"), "OBX|1|TX|N^N^L||addendum"));
        DocumentReference d = one(addendum, DocumentReference.class);
        assertThat(d.getRelatesTo()).hasSize(1);
        assertThat(d.getRelatesToFirstRep().getCode()).isEqualTo(DocumentReference.DocumentRelationshipType.APPENDS);
        assertThat(d.getRelatesToFirstRep().getTarget().getReference())
                .isEqualTo("DocumentReference/" + DeterministicIds.of("DocumentReference", "DOC-1^EHR^"));

        NormalizedEvent original = converter.convert(msg(msh("MDM^T02", "D-5", "2.6"), PID,
                txa("T02").replace("|DOC-2^EHR|", "|DOC-4^EHR|DOC-1^EHR"), "OBX|1|TX|N^N^L||original"));
        assertThat(one(original, DocumentReference.class).getRelatesTo()).isEmpty();
        assertThat(original.warnings()).contains("TXA-13 (parent document number) on MDM^T02 names no replacement "
                + "or addendum; relatesTo not recorded");
    }

    @Test
    void mdmWithoutTxaIsRejected() {
        assertThatThrownBy(() -> converter.convert(msg(msh("MDM^T02", "D-3", "2.6"), PID, "OBX|1|TX|N^N^L||x")))
                .isInstanceOf(Hl7RejectedException.class).hasMessageContaining("TXA segment is missing");
    }

    @Test
    void rdeO11BecomesMedicationRequest() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("RDE^O11^RDE_O11", "P-1", "2.5.1"), PID,
                "PV1|1|I", seg("ORC", 1, "NW", 2, "ORD1^EHR", 3, "FIL1^PHARM", 9, "20240301083000",
                        12, "9009^PRESCRIBER^PAT"),
                seg("RXE", 1, "^BID", 2, "197361^Amlodipine 5 MG Oral Tablet^RXNORM", 3, "5", 4, "10",
                        5, "mg^milligram^UCUM", 7, "^Take one tablet by mouth twice daily", 10, "60", 11, "{tbl}",
                        12, "2"),
                "RXR|PO^Oral^HL70162"));
        MedicationRequest m = one(e, MedicationRequest.class);
        assertThat(m.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.ACTIVE);
        assertThat(m.getIntent()).isEqualTo(MedicationRequest.MedicationRequestIntent.ORDER);
        assertThat(m.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("197361");
        assertThat(m.getIdentifier()).extracting(i -> i.getValue()).containsExactly("ORD1", "FIL1");
        assertThat(m.getAuthoredOnElement().getValueAsString()).isEqualTo("2024-03-01T08:30:00-05:00");
        assertThat(m.getRequester().getReference()).startsWith("Practitioner/");
        assertThat(m.getDosageInstructionFirstRep().getText()).isEqualTo("Take one tablet by mouth twice daily");
        assertThat(m.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseRange().getLow().getValue())
                .isEqualByComparingTo("5");
        assertThat(m.getDosageInstructionFirstRep().getRoute().getCodingFirstRep().getCode()).isEqualTo("PO");
        assertThat(m.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("60");
        assertThat(m.getDispenseRequest().getNumberOfRepeatsAllowed()).isEqualTo(2);
        assertThat(m.getEncounter().getReference()).startsWith("Encounter/");
    }

    @Test
    void rdsO13BecomesMedicationDispenseAuthorizedByTheOrder() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("RDS^O13^RDS_O13", "P-2", "2.5.1"), PID,
                seg("ORC", 1, "RE", 2, "ORD1^EHR"), seg("RXE", 2, "197361^Amlodipine^RXNORM", 3, "5", 5, "mg"),
                seg("RXD", 1, "1", 2, "197361^Amlodipine^RXNORM", 3, "20240302", 4, "30", 5, "{tbl}", 7, "RX77",
                        10, "1111^PHARMACIST^PAM")));
        MedicationDispense d = one(e, MedicationDispense.class);
        MedicationRequest m = one(e, MedicationRequest.class);
        assertThat(d.getStatus()).isEqualTo(MedicationDispense.MedicationDispenseStatus.COMPLETED);
        assertThat(d.getIdentifierFirstRep().getValue()).isEqualTo("RX77");
        assertThat(d.getQuantity().getValue()).isEqualByComparingTo("30");
        assertThat(d.getWhenHandedOverElement().getValueAsString()).isEqualTo("2024-03-02");
        assertThat(d.getAuthorizingPrescriptionFirstRep().getReference())
                .isEqualTo("MedicationRequest/" + m.getIdElement().getIdPart());
        assertThat(d.getPerformerFirstRep().getActor().getReference()).startsWith("Practitioner/");
    }

    @Test
    void vxuV04BecomesImmunization() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("VXU^V04^VXU_V04", "V-1", "2.5.1"), PID,
                seg("ORC", 1, "RE", 3, "IZ-1^EHR"),
                seg("RXA", 1, "0", 2, "1", 3, "20240115", 5, "08^Hep B, adolescent or pediatric^CVX", 6, "0.5",
                        7, "mL^mL^UCUM", 9, "00^New immunization record^NIP001", 10, "2222^NURSE^NED",
                        15, "LOT123", 16, "20250101", 17, "MSD^Merck^MVX", 20, "CP", 21, "A"),
                "RXR|IM^Intramuscular^HL70162|LA^Left arm^HL70163",
                "OBX|1|CE|64994-7^Eligibility^LN|1|V02^VFC eligible^HL70064||||||F"));
        Immunization im = one(e, Immunization.class);
        assertThat(im.getStatus()).isEqualTo(Immunization.ImmunizationStatus.COMPLETED);
        assertThat(im.getVaccineCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/cvx");
        assertThat(im.getVaccineCode().getCodingFirstRep().getCode()).isEqualTo("08");
        assertThat(im.getOccurrenceDateTimeType().getValueAsString()).isEqualTo("2024-01-15");
        assertThat(im.getDoseQuantity().getValue()).isEqualByComparingTo("0.5");
        assertThat(im.getLotNumber()).isEqualTo("LOT123");
        assertThat(im.getExpirationDateElement().getValueAsString()).isEqualTo("2025-01-01");
        assertThat(im.getManufacturer().getDisplay()).isEqualTo("Merck");
        assertThat(im.getPrimarySource()).isTrue();
        assertThat(im.getRoute().getCodingFirstRep().getCode()).isEqualTo("IM");
        assertThat(im.getSite().getCodingFirstRep().getCode()).isEqualTo("LA");
        assertThat(im.getPerformerFirstRep().getActor().getReference()).startsWith("Practitioner/");
        assertThat(one(e, Observation.class).getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("V02");

        NormalizedEvent refused = converter.convert(msg(msh("VXU^V04", "V-2", "2.5.1"), PID,
                seg("RXA", 3, "20240115", 5, "08^HepB^CVX", 6, "999", 18, "00^Parental decision^NIP002", 20, "RE")));
        Immunization notDone = one(refused, Immunization.class);
        assertThat(notDone.getStatus()).isEqualTo(Immunization.ImmunizationStatus.NOTDONE);
        assertThat(notDone.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("00");
        assertThat(notDone.hasDoseQuantity()).isFalse();
    }

    @Test
    void pprPc1BecomesProblemListCondition() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("PPR^PC1", "PR-1", "2.3.1"), PID,
                seg("PRB", 1, "AD", 2, "20240301", 3, "38341003^Hypertension^SCT", 4, "PRB-1^EHR", 14, "ACTIVE",
                        16, "20230101")));
        Condition c = one(e, Condition.class);
        assertThat(c.getCode().getCodingFirstRep().getCode()).isEqualTo("38341003");
        assertThat(c.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("problem-list-item");
        assertThat(c.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
        assertThat(c.getOnsetDateTimeType().getValueAsString()).isEqualTo("2023-01-01");
        assertThat(c.getRecordedDateElement().getValueAsString()).isEqualTo("2024-03-01");
        NormalizedEvent deleted = converter.convert(msg(msh("PPR^PC3", "PR-2", "2.3.1"), PID,
                seg("PRB", 1, "DE", 3, "38341003^Hypertension^SCT", 4, "PRB-1^EHR")));
        Condition gone = one(deleted, Condition.class);
        assertThat(gone.getIdElement().getIdPart()).isEqualTo(c.getIdElement().getIdPart());
        assertThat(gone.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("entered-in-error");
    }

    @Test
    void ormKeepsPatientOrderObservationsAndProvenance() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ORM^O01^ORM_O01", "O-1", "2.3"), PID,
                seg("ORC", 1, "NW", 2, "ORD9^EHR"), seg("OBR", 1, "1", 2, "ORD9^EHR", 4, "X^Panel^L"),
                "OBX|1|NM|8339-4^Birth weight^LN|1|NOVALUE|g^gram^UCUM"));
        assertThat(e.bundle().getEntry()).extracting(x -> x.getResource().fhirType())
                .containsExactly("Patient", "ServiceRequest", "Observation", "Provenance");
        Provenance p = one(e, Provenance.class);
        assertThat(p.getTargetFirstRep().getReference()).isEqualTo(e.patientKey());
        assertThat(p.getActivity().getText()).isEqualTo("ORM^O01");
        assertThat(p.getRecordedElement().getValue().toInstant()).isEqualTo(e.eventTime());
        assertThat(p.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("O-1");
        assertThat(e.warnings()).containsExactly("OBX-5 (observation value) of type NM is not numeric; kept as text");
    }

    @Test
    void ackAndMessagesWithoutPatientAreRejected() {
        assertThatThrownBy(() -> converter.convert("MSH|^~\\&|A|B|C|D|||ACK|9|P|2.5.1\nMSA|AA|8"))
                .isInstanceOfSatisfying(Hl7RejectedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("ACK messages carry no clinical data");
                    assertThat(e.errorCode()).isEqualTo("200");
                });
        assertThatThrownBy(() -> converter.convert(msg(msh("ORM^O01", "O-2", "2.5.1"), "ORC|NW|1")))
                .isInstanceOf(ConversionException.class)
                .hasMessage("PID segment is missing; ORM^O01 needs patient identification");
        assertThatThrownBy(() -> converter.convert("")).isInstanceOf(Hl7RejectedException.class)
                .hasMessage("message is empty");
    }

    @Test
    void escapesAndEncodingVariantsDecode() throws Exception {
        NormalizedEvent e = converter.convert(msg("MSH|^~\\&#|A|B|C|D|20240301||ADT^A08|E-1|P|2.7",
                "PID|1||ID\\T\\1^^^H^MR||O\\S\\BRIEN^ANN"));
        Patient p = one(e, Patient.class);
        assertThat(p.getIdentifierFirstRep().getValue()).isEqualTo("ID&1");
        assertThat(p.getNameFirstRep().getFamily()).isEqualTo("O^BRIEN");
    }
}
