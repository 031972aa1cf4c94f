package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.all;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

class Hl7v2ConverterAdtTest {

    private static final String PV1 = Fixtures.seg("PV1", 1, "1", 2, "I", 3, "4W^401^B^GHH",
            7, "1001^HOUSE^GREGORY^^^DR^^^GHH&2.16.840.1.113883.19.5&ISO", 8, "2002^WILSON^JAMES", 10, "MED",
            17, "3003^CUDDY^LISA", 19, "V100^^^GHH^VN", 44, "20240301080000-0500", 45, "20240305120000-0500");
    private final Hl7v2Converter converter = new Hl7v2Converter();

    private NormalizedEvent adt(String trigger, String pv1, String... more) throws ConversionException {
        String[] segs = new String[3 + more.length];
        segs[0] = msh("ADT^" + trigger + "^ADT_" + trigger, "C-" + trigger, "2.5.1");
        segs[1] = "EVN|" + trigger + "|20240301081500";
        segs[2] = PID;
        System.arraycopy(more, 0, segs, 3, more.length);
        String[] withPv1 = new String[segs.length + 1];
        System.arraycopy(segs, 0, withPv1, 0, 3);
        withPv1[3] = pv1;
        System.arraycopy(segs, 3, withPv1, 4, more.length);
        return converter.convert(msg(withPv1));
    }

    @Test
    void a01MapsPatientEncounterDiagnosisAllergyAndObservation() throws Exception {
        NormalizedEvent e = adt("A01", PV1, "PV2|||CHEST PAIN^Chest pain^L",
                "DG1|1||I21.9^Acute myocardial infarction^I10||20240301|A",
                "AL1|1|DA|70618^Penicillin^RXNORM|SV|HIVES~WHEEZING",
                "OBX|1|NM|8867-4^Heart rate^LN||88|/min^^UCUM|60-100|N|||F",
                "ZPI|custom|stuff");

        assertThat(e.format()).isEqualTo("hl7v2");
        assertThat(e.sourceId()).isEqualTo("C-A01");
        assertThat(e.eventType()).isEqualTo("ADT^A01");
        // EVN-2 has no offset: the sender's local time, in the offset MSH-7 carries (-0500)
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2024-03-01T13:15:00Z"));
        assertThat(e.warnings()).isEmpty();
        Bundle b = e.bundle();
        assertThat(b.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(b.getTimestamp().toInstant()).isEqualTo(e.eventTime());
        for (Bundle.BundleEntryComponent entry : b.getEntry()) {
            String id = entry.getResource().getIdElement().getIdPart();
            assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:" + id);
            assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
            assertThat(entry.getRequest().getUrl()).isEqualTo(entry.getResource().fhirType() + "/" + id);
        }

        Patient p = one(e, Patient.class);
        assertThat(e.patientKey()).isEqualTo("Patient/" + p.getIdElement().getIdPart());
        assertThat(p.getIdentifierFirstRep().getSystem()).isEqualTo("urn:oid:2.16.840.1.113883.19.5");
        assertThat(p.getIdentifierFirstRep().getValue()).isEqualTo("MRN123");
        assertThat(p.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("MR");
        assertThat(p.getIdentifier().get(1).getSystem()).isEqualTo("urn:chartbrief:authority:SSA");
        assertThat(p.getNameFirstRep().getFamily()).isEqualTo("DOE");
        assertThat(p.getNameFirstRep().getGivenAsSingleString()).isEqualTo("JANE Q");
        assertThat(p.getNameFirstRep().getSuffixAsSingleString()).isEqualTo("JR");
        assertThat(p.getNameFirstRep().getPrefixAsSingleString()).isEqualTo("DR");
        assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1980-02-15");
        assertThat(p.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(p.getAddressFirstRep().getCity()).isEqualTo("SPRINGFIELD");
        assertThat(p.getAddressFirstRep().getLine()).hasSize(2);
        assertThat(p.getTelecom()).extracting(ContactPoint::getValue)
                .containsExactly("+1 (217) 5551234", "jane@example.org", "(217) 5559876");
        assertThat(p.getTelecom().get(1).getSystem()).isEqualTo(ContactPoint.ContactPointSystem.EMAIL);
        assertThat(p.getTelecom().get(2).getUse()).isEqualTo(ContactPoint.ContactPointUse.WORK);
        assertThat(p.getDeceasedBooleanType().booleanValue()).isFalse();

        Encounter enc = one(e, Encounter.class);
        assertThat(enc.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(enc.getClass_().getCode()).isEqualTo("IMP");
        assertThat(enc.getSubject().getReference()).isEqualTo(e.patientKey());
        assertThat(enc.getIdentifierFirstRep().getValue()).isEqualTo("V100");
        assertThat(enc.getPeriod().getStartElement().getValueAsString()).isEqualTo("2024-03-01T08:00:00-05:00");
        assertThat(enc.getPeriod().getEndElement().getValueAsString()).isEqualTo("2024-03-05T12:00:00-05:00");
        assertThat(enc.getLocationFirstRep().getLocation().getDisplay()).isEqualTo("4W 401 B GHH");
        assertThat(enc.getLocationFirstRep().getLocation().getIdentifier().getSystem())
                .isEqualTo("urn:chartbrief:point-of-care");
        assertThat(enc.getLocationFirstRep().getLocation().getIdentifier().getValue()).isEqualTo("4W");
        assertThat(enc.getParticipant()).extracting(x -> x.getTypeFirstRep().getCodingFirstRep().getCode())
                .containsExactly("ATND", "REF", "ADM");
        assertThat(enc.getServiceType().getCodingFirstRep().getCode()).isEqualTo("MED");
        assertThat(enc.getReasonCodeFirstRep().getText()).isEqualTo("Chest pain");
        Practitioner attending = (Practitioner) e.bundle().getEntry().stream().map(x -> x.getResource())
                .filter(r -> ("Practitioner/" + r.getIdElement().getIdPart())
                        .equals(enc.getParticipantFirstRep().getIndividual().getReference()))
                .findFirst().orElseThrow();
        assertThat(attending.getIdentifierFirstRep().getValue()).isEqualTo("1001");
        assertThat(attending.getIdentifierFirstRep().getSystem()).isEqualTo("urn:oid:2.16.840.1.113883.19.5");
        assertThat(attending.getNameFirstRep().getFamily()).isEqualTo("HOUSE");
        assertThat(all(e, Practitioner.class)).hasSize(3);

        Condition dx = one(e, Condition.class);
        assertThat(dx.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
        assertThat(dx.getCode().getCodingFirstRep().getCode()).isEqualTo("I21.9");
        assertThat(dx.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("encounter-diagnosis");
        assertThat(dx.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
        assertThat(dx.getEncounter().getReference()).isEqualTo("Encounter/" + enc.getIdElement().getIdPart());
        assertThat(dx.getOnsetDateTimeType().getValueAsString()).isEqualTo("2024-03-01");

        AllergyIntolerance al = one(e, AllergyIntolerance.class);
        assertThat(al.getCategory().get(0).getValue())
                .isEqualTo(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
        assertThat(al.getCode().getCodingFirstRep().getSystem())
                .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
        assertThat(al.getCriticality()).isEqualTo(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
        assertThat(al.getReactionFirstRep().getSeverity())
                .isEqualTo(AllergyIntolerance.AllergyIntoleranceSeverity.SEVERE);
        assertThat(al.getReactionFirstRep().getManifestation()).extracting(c -> c.getText())
                .containsExactly("HIVES", "WHEEZING");

        Observation hr = one(e, Observation.class);
        assertThat(hr.getValueQuantity().getValue()).isEqualByComparingTo("88");
        assertThat(hr.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(hr.getReferenceRangeFirstRep().getLow().getValue()).isEqualByComparingTo("60");
        assertThat(hr.getReferenceRangeFirstRep().getHigh().getValue()).isEqualByComparingTo("100");
        assertThat(hr.getEncounter().getReference()).isEqualTo("Encounter/" + enc.getIdElement().getIdPart());

        Provenance prov = one(e, Provenance.class);
        assertThat(prov.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("C-A01");
        assertThat(prov.getActivity().getText()).isEqualTo("ADT^A01");
        assertThat(prov.getTarget()).hasSize(b.getEntry().size() - 1);
    }

    @Test
    void a03FinishesTheEncounterAndA13ReopensItWithoutEnd() throws Exception {
        Encounter finished = one(adt("A03", PV1), Encounter.class);
        assertThat(finished.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(finished.getPeriod().hasEnd()).isTrue();
        Encounter reopened = one(adt("A13", PV1), Encounter.class);
        assertThat(reopened.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(reopened.getPeriod().hasEnd()).isFalse();
        // same visit number: same Encounter across messages
        assertThat(reopened.getIdElement().getIdPart()).isEqualTo(finished.getIdElement().getIdPart());
    }

    @Test
    void statusAndClassByTrigger() throws Exception {
        assertThat(one(adt("A11", PV1), Encounter.class).getStatus())
                .isEqualTo(Encounter.EncounterStatus.CANCELLED);
        assertThat(one(adt("A05", "PV1|1|P"), Encounter.class).getStatus())
                .isEqualTo(Encounter.EncounterStatus.PLANNED);
        Encounter outpatient = one(adt("A04", "PV1|1|O"), Encounter.class);
        assertThat(outpatient.getStatus()).isEqualTo(Encounter.EncounterStatus.ARRIVED);
        assertThat(outpatient.getClass_().getCode()).isEqualTo("AMB");
        assertThat(one(adt("A06", "PV1|1|E"), Encounter.class).getClass_().getCode()).isEqualTo("EMER");
        Encounter transfer = one(adt("A02", "PV1|1|I|5E^501^A|||4W^401^B||||||||||||V100^^^GHH"), Encounter.class);
        assertThat(transfer.getLocation()).extracting(l -> l.getLocation().getDisplay())
                .containsExactly("5E 501 A", "4W 401 B");
        assertThat(transfer.getLocation().get(1).getStatus()).isEqualTo(Encounter.EncounterLocationStatus.COMPLETED);
        // Only the current location is a routing unit.
        assertThat(transfer.getLocation().get(0).getLocation().getIdentifier().getValue()).isEqualTo("5E");
        assertThat(transfer.getLocation().get(1).getLocation().hasIdentifier()).isFalse();
    }

    @Test
    void eventsThatDoNotChangeWhereTheVisitStandsKeepItInProgress() throws Exception {
        // tracking, pending and cancel-pending events PUT the Encounter too: never as "unknown" over an admission
        for (String trigger : new String[] {"A08", "A09", "A10", "A15", "A16", "A25", "A26", "A32", "A33", "A52"}) {
            String pv1 = PV1.replace("|20240305120000-0500", "|");
            assertThat(one(adt(trigger, pv1), Encounter.class).getStatus()).as(trigger)
                    .isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        }
        // the same events on a discharged visit or a pre-admission say so
        assertThat(one(adt("A09", PV1), Encounter.class).getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(one(adt("A08", "PV1|1|P"), Encounter.class).getStatus())
                .isEqualTo(Encounter.EncounterStatus.PLANNED);
    }

    @Test
    void leaveOfAbsenceDeletedVisitsAndPendingAdmissions() throws Exception {
        assertThat(one(adt("A21", PV1), Encounter.class).getStatus()).isEqualTo(Encounter.EncounterStatus.ONLEAVE);
        assertThat(one(adt("A53", PV1), Encounter.class).getStatus()).isEqualTo(Encounter.EncounterStatus.ONLEAVE);
        assertThat(one(adt("A22", PV1), Encounter.class).getStatus())
                .isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(one(adt("A23", PV1), Encounter.class).getStatus())
                .isEqualTo(Encounter.EncounterStatus.ENTEREDINERROR);
        assertThat(one(adt("A14", "PV1|1|I"), Encounter.class).getStatus())
                .isEqualTo(Encounter.EncounterStatus.PLANNED);
        assertThat(one(adt("A27", "PV1|1|I"), Encounter.class).getStatus())
                .isEqualTo(Encounter.EncounterStatus.CANCELLED);
    }

    @Test
    void outputStaysValidFhirForOddSenders() throws Exception {
        // an authority that already carries urn:oid:, a 0000 "unknown" date, no readable message time
        String pid = "PID|1||M77^^^HOSP&urn:oid:1.2.840.114350&ISO^MR||ODD^SENDER||00000000|F";
        NormalizedEvent e = converter.convert(msg(
                "MSH|^~\\&|ADT|GHH|CB|CBFAC|||ADT^A04^ADT_A04|ODD-1|P|2.5.1", pid, "PV1|1|O"));
        Patient p = one(e, Patient.class);
        assertThat(p.getIdentifierFirstRep().getSystem()).isEqualTo("urn:oid:1.2.840.114350");
        assertThat(p.hasBirthDate()).isFalse();
        assertThat(e.warnings()).anyMatch(w -> w.startsWith("PID-7 (date of birth) is not a valid HL7 date/time"));
        assertThat(all(e, Provenance.class)).isEmpty();
        assertThat(e.warnings()).contains(
                "no Provenance: the message has no readable time (EVN-2, MSH-7) for Provenance.recorded");
        // an ISO-typed universal id that is no OID is not written as urn:oid:
        NormalizedEvent notOid = converter.convert(msg(
                "MSH|^~\\&|ADT|GHH|CB|CBFAC|20240301||ADT^A04^ADT_A04|ODD-2|P|2.5.1",
                "PID|1||M78^^^HOSP&not-an-oid&ISO^MR||ODD^SENDER", "PV1|1|O"));
        assertThat(one(notOid, Patient.class).getIdentifierFirstRep().getSystem()).isEqualTo("urn:chartbrief:authority:HOSP");
    }

    @Test
    void a40LinksTheRetiredPatientToTheSurvivor() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ADT^A40^ADT_A39", "M1", "2.5.1"),
                "EVN|A40|20240301", PID, "MRG|OLD77^^^GHH&2.16.840.1.113883.19.5&ISO^MR"));
        Patient survivor = all(e, Patient.class).get(0);
        Patient retired = all(e, Patient.class).get(1);
        assertThat(e.patientKey()).isEqualTo("Patient/" + survivor.getIdElement().getIdPart());
        assertThat(survivor.getLinkFirstRep().getType()).isEqualTo(Patient.LinkType.REPLACES);
        assertThat(survivor.getLinkFirstRep().getOther().getReference())
                .isEqualTo("Patient/" + retired.getIdElement().getIdPart());
        assertThat(retired.getActive()).isFalse();
        assertThat(retired.getIdentifierFirstRep().getValue()).isEqualTo("OLD77");
        assertThat(retired.getLinkFirstRep().getType()).isEqualTo(Patient.LinkType.REPLACEDBY);
        assertThat(retired.getLinkFirstRep().getOther().getReference()).isEqualTo(e.patientKey());
        // the retired id is the id the old identifier had as a surviving patient
        NormalizedEvent old = converter.convert(msg(msh("ADT^A08", "M0", "2.5.1"),
                "PID|1||OLD77^^^GHH&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE"));
        assertThat(old.patientKey()).isEqualTo("Patient/" + retired.getIdElement().getIdPart());
    }

    @Test
    void a40WithSeveralPidMrgPairsRecordsOneMergePerPair() throws Exception {
        // A merge batch: two survivors; the second absorbs two prior records, listed as two pairs.
        NormalizedEvent e = converter.convert(msg(msh("ADT^A40^ADT_A39", "M2", "2.5.1"), "EVN|A40|20240301",
                "PID|1||S1^^^GHH^MR||ONE^ANNA", "PD1|||GHH clinic", "MRG|P1^^^GHH^MR",
                "PID|2||S2^^^GHH^MR||TWO^BEN", "MRG|P2^^^GHH^MR||||||TWO^BENJAMIN", "PV1|1|O",
                "PID|3||S2^^^GHH^MR||TWO^BEN", "MRG|P3^^^GHH^MR"));
        List<Patient> patients = all(e, Patient.class);
        Map<String, Patient> byIdentifier = new java.util.HashMap<>();
        patients.forEach(p -> byIdentifier.put(p.getIdentifierFirstRep().getValue(), p));
        assertThat(byIdentifier.keySet()).containsExactlyInAnyOrder("S1", "P1", "S2", "P2", "P3");
        assertThat(patients).hasSize(5);   // S2 once, however often its PID repeats
        Patient s1 = byIdentifier.get("S1");
        Patient s2 = byIdentifier.get("S2");
        assertThat(e.patientKey()).isEqualTo("Patient/" + s1.getIdElement().getIdPart());
        assertThat(replacedBy(byIdentifier.get("P1"))).isEqualTo("Patient/" + s1.getIdElement().getIdPart());
        assertThat(replacedBy(byIdentifier.get("P2"))).isEqualTo("Patient/" + s2.getIdElement().getIdPart());
        assertThat(replacedBy(byIdentifier.get("P3"))).isEqualTo("Patient/" + s2.getIdElement().getIdPart());
        assertThat(byIdentifier.get("P2").getNameFirstRep().getGivenAsSingleString()).isEqualTo("BENJAMIN");
        assertThat(s2.getLink()).extracting(l -> l.getType(), l -> l.getOther().getReference()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Patient.LinkType.REPLACES,
                        "Patient/" + byIdentifier.get("P2").getIdElement().getIdPart()),
                org.assertj.core.groups.Tuple.tuple(Patient.LinkType.REPLACES,
                        "Patient/" + byIdentifier.get("P3").getIdElement().getIdPart()));
        assertThat(s1.getLink()).singleElement().extracting(l -> l.getOther().getReference())
                .isEqualTo("Patient/" + byIdentifier.get("P1").getIdElement().getIdPart());
        assertThat(e.warnings()).noneMatch(w -> w.contains("more than one PID"));
        // not a merge event: a second PID is still another patient's data, left out and said so
        NormalizedEvent update = converter.convert(msg(msh("ADT^A08", "M3", "2.5.1"), "EVN|A08|20240301",
                "PID|1||S1^^^GHH^MR||ONE^ANNA", "PID|2||S2^^^GHH^MR||TWO^BEN"));
        assertThat(all(update, Patient.class)).hasSize(1);
        assertThat(update.warnings()).contains("message holds more than one PID; only the first patient was converted");
    }

    private static String replacedBy(Patient retired) {
        assertThat(retired.getActive()).isFalse();
        assertThat(retired.getLinkFirstRep().getType()).isEqualTo(Patient.LinkType.REPLACEDBY);
        return retired.getLinkFirstRep().getOther().getReference();
    }

    @Test
    void convertingTwiceGivesByteIdenticalJsonAndSamePatientAcrossMessages() throws Exception {
        String raw = msg(msh("ADT^A01", "D1", "2.5.1"), "EVN|A01|20240301081500.1234+0100", PID, PV1,
                "DG1|1||I10^Hypertension^I10", "OBX|1|ST|X^Note^L||text");
        var json = FhirContext.forR4Cached().newJsonParser();
        String first = json.encodeResourceToString(converter.convert(raw).bundle());
        String second = json.encodeResourceToString(new Hl7v2Converter().convert(raw).bundle());
        assertThat(first).isEqualTo(second);
        NormalizedEvent other = converter.convert(msg(msh("ORU^R01", "D2", "2.3"), PID.replace("DOE", "DOE-SMITH"),
                "OBR|1||F1|X^Y^L", "OBX|1|NM|X^Y^L||1"));
        assertThat(other.patientKey()).isEqualTo(converter.convert(raw).patientKey());
        assertThat(converter.convert(raw).bundle().getIdElement().getIdPart())
                .isNotEqualTo(other.bundle().getIdElement().getIdPart());
    }

    @Test
    void toleratesLineBreakStylesBomJunkAndZSegments() throws Exception {
        String base = msg(msh("ADT^A01", "S1", "2.3"), "EVN|A01|20240301", PID, "ZXY|1|2", "PV1|1|I");
        NormalizedEvent cr = converter.convert(base);
        for (String variant : new String[] {base.replace("\r", "\n"), base.replace("\r", "\r\n"),
                "\uFEFF" + base.replace("\r", "\n\n"), "junk\r\njunk\n" + base.replace("\r", "\r\n\n")}) {
            NormalizedEvent e = converter.convert(variant);
            assertThat(e.patientKey()).isEqualTo(cr.patientKey());
            assertThat(e.bundle().getEntry()).hasSameSizeAs(cr.bundle().getEntry());
        }
        assertThat(converter.convert("junk\r\njunk\n" + base).warnings()).contains("dropped 2 lines before MSH");
    }

    @Test
    void patientWithoutIdentifiersIsRejected() {
        assertThatThrownBy(() -> converter.convert(msg(msh("ADT^A01", "P1", "2.5"), "PID|1||||DOE^JANE")))
                .isInstanceOfSatisfying(Hl7RejectedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("PID-3 patient identifier list is empty");
                    assertThat(e.errorCode()).isEqualTo("101");
                    assertThat(e.segment()).isEqualTo("PID");
                    assertThat(e.field()).isEqualTo(3);
                });
    }

    @Test
    void invalidDatesBecomeWarningsWithoutValues() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ADT^A08", "W1", "2.5"),
                "PID|1||X1^^^H^MR||DOE^J||DOB|SEX"));
        assertThat(e.warnings()).containsExactly(
                "PID-7 (date of birth) is not a valid HL7 date/time; skipped",
                "PID-8 (administrative sex) is not an HL7 table 0001 code; mapped to unknown");
        assertThat(one(e, Patient.class).hasBirthDate()).isFalse();
        assertThat(one(e, Patient.class).getGender()).isEqualTo(AdministrativeGender.UNKNOWN);
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2024-03-01T17:30:00Z")); // MSH-7 with -0500
    }
}
