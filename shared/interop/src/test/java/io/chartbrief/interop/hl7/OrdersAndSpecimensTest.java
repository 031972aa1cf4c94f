package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.all;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirContexts;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ServiceRequest per OBR, Specimen from SPM (v2.5+) or OBR-15 (older), and OBR-26/OBR-29 parent/child orders
 * (issue 13, report identity). Every fixture's bundle is also checked with HAPI's validator (0 errors).
 */
class OrdersAndSpecimensTest {

    private static FhirValidator validator;
    private final Hl7v2Converter converter = new Hl7v2Converter();

    /** A blood culture (placer PL-900, filler FL-900) that grew S. aureus, and its susceptibility panel. */
    private static final String[] CULTURE_AND_SUSCEPTIBILITY = {
        msh("ORU^R01^ORU_R01", "MICRO-1", "2.5.1"), PID,
        "PV1|1|I|4W^401^A||||1234^WELBY^MARCUS|||||||||||||V-555^^^GHH^VN",
        "ORC|RE|PL-900^EHR|FL-900^LAB||CM||||20240301070000|||1234^WELBY^MARCUS",
        "OBR|1|PL-900^EHR|FL-900^LAB|600-7^Blood culture^LN|||20240301071500|||||||||1234^WELBY^MARCUS||||||"
                + "20240303100000|||F",
        "TQ1|1||||||||S",
        "OBX|1|CWE|600-7^Bacteria identified^LN|1|3092008^Staphylococcus aureus^SCT||||||F",
        Fixtures.seg("SPM", 1, "1", 2, "SP-1&EHR^SP-1F&LAB", 4, "119297000^Blood specimen^SCT", 7, "^Venipuncture",
                8, "368208006^Left arm^SCT", 17, "20240301071500", 18, "20240301080000"),
        "ORC|RE|PL-901^EHR|FL-901^LAB||CM",
        Fixtures.seg("OBR", 1, "2", 2, "PL-901^EHR", 3, "FL-901^LAB", 4, "18769-0^Antibiotic susceptibility^LN",
                7, "20240302090000", 11, "G", 16, "1234^WELBY^MARCUS", 22, "20240303100000", 25, "F",
                26, "600-7&Bacteria identified&LN^1^Staphylococcus aureus", 29, "PL-900&EHR^FL-900&LAB"),
        "OBX|1|SN|18964-7^Oxacillin [Susceptibility]^LN|1|<=^0.25|ug/mL^^UCUM||S|||F",
        "OBX|2|SN|18993-6^Vancomycin [Susceptibility]^LN|1|^1|ug/mL^^UCUM||S|||F",
    };

    @BeforeAll
    static void buildValidator() {
        FhirContext context = FhirContexts.r4();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context));
        validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
    }

    private NormalizedEvent convert(String... segments) throws Exception {
        NormalizedEvent e = converter.convert(msg(segments));
        List<String> errors = validator.validateWithResult(e.bundle()).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
        assertThat(errors).as("HAPI validator errors").isEmpty();
        return e;
    }

    private static Map<String, ServiceRequest> ordersByCode(NormalizedEvent e) {
        return all(e, ServiceRequest.class).stream()
                .collect(Collectors.toMap(r -> r.getCode().getCodingFirstRep().getCode(), Function.identity()));
    }

    private static String ref(org.hl7.fhir.r4.model.Resource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }

    private static String identifier(List<Identifier> ids, String type) {
        return ids.stream().filter(i -> type.equals(i.getType().getCodingFirstRep().getCode()))
                .map(i -> i.getValue() + "|" + i.getSystem()).findFirst().orElse(null);
    }

    @Test
    void everyOrderOfAResultMessageIsAServiceRequestTheReportIsBasedOn() throws Exception {
        NormalizedEvent e = convert(CULTURE_AND_SUSCEPTIBILITY);
        Map<String, ServiceRequest> orders = ordersByCode(e);
        assertThat(orders).containsOnlyKeys("600-7", "18769-0");
        ServiceRequest culture = orders.get("600-7");
        assertThat(identifier(culture.getIdentifier(), "PLAC")).isEqualTo("PL-900|urn:chartbrief:authority:EHR");
        assertThat(identifier(culture.getIdentifier(), "FILL")).isEqualTo("FL-900|urn:chartbrief:authority:LAB");
        assertThat(culture.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED); // ORC-5 CM
        assertThat(culture.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
        assertThat(culture.getSubject().getReference()).isEqualTo(e.patientKey());
        assertThat(culture.getEncounter().getReference()).startsWith("Encounter/");
        assertThat(culture.getAuthoredOnElement().getValueAsString()).isEqualTo("2024-03-01T07:00:00-05:00");
        assertThat(culture.getRequester().getReference()).startsWith("Practitioner/");
        assertThat(culture.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.STAT); // TQ1-9 after OBR
        assertThat(orders.get("18769-0").hasPriority()).isFalse();
        for (DiagnosticReport report : all(e, DiagnosticReport.class)) {
            ServiceRequest order = orders.get(report.getCode().getCodingFirstRep().getCode());
            assertThat(report.getBasedOn()).extracting(Reference::getReference).containsExactly(ref(order));
        }
        assertThat(all(e, Observation.class)).allSatisfy(o -> assertThat(o.getBasedOn()).hasSize(1));
    }

    @Test
    void childOrderKeepsItsParentOrderAndTheParentResultItTests() throws Exception {
        NormalizedEvent e = convert(CULTURE_AND_SUSCEPTIBILITY);
        Map<String, ServiceRequest> orders = ordersByCode(e);
        ServiceRequest culture = orders.get("600-7");
        ServiceRequest susceptibility = orders.get("18769-0");
        assertThat(culture.hasBasedOn()).isFalse();
        assertThat(susceptibility.getBasedOn()).extracting(Reference::getReference).containsExactly(ref(culture));
        Map<String, Observation> byCode = all(e, Observation.class).stream()
                .collect(Collectors.toMap(o -> o.getCode().getCodingFirstRep().getCode(), Function.identity()));
        Observation isolate = byCode.get("600-7");
        assertThat(isolate.hasDerivedFrom()).isFalse();
        for (String drug : List.of("18964-7", "18993-6")) {
            assertThat(byCode.get(drug).getDerivedFrom()).extracting(Reference::getReference)
                    .containsExactly(ref(isolate));
            assertThat(byCode.get(drug).getBasedOn().get(0).getReference()).isEqualTo(ref(susceptibility));
        }
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void parentOrderOutsideTheMessageIsALogicalReferenceByItsNumber() throws Exception {
        NormalizedEvent e = convert(msh("ORU^R01^ORU_R01", "MICRO-2", "2.5.1"), PID,
                CULTURE_AND_SUSCEPTIBILITY[8], CULTURE_AND_SUSCEPTIBILITY[9], CULTURE_AND_SUSCEPTIBILITY[10]);
        ServiceRequest child = one(e, ServiceRequest.class);
        Reference parent = child.getBasedOnFirstRep();
        assertThat(parent.hasReference()).isFalse(); // never a dangling literal reference
        assertThat(parent.getType()).isEqualTo("ServiceRequest");
        assertThat(parent.getIdentifier().getValue()).isEqualTo("FL-900");
        assertThat(parent.getIdentifier().getSystem()).isEqualTo("urn:chartbrief:authority:LAB");
        assertThat(parent.getIdentifier().getType().getCodingFirstRep().getCode()).isEqualTo("FILL");
        Observation result = one(e, Observation.class);
        assertThat(result.hasDerivedFrom()).isFalse(); // the isolate is not in this message
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void spmBecomesTheSpecimenOfTheReportItsOrderAndItsResults() throws Exception {
        NormalizedEvent e = convert(CULTURE_AND_SUSCEPTIBILITY);
        Specimen blood = one(e, Specimen.class);
        assertThat(identifier(blood.getIdentifier(), "PLAC")).isEqualTo("SP-1|urn:chartbrief:authority:EHR");
        assertThat(identifier(blood.getIdentifier(), "FILL")).isEqualTo("SP-1F|urn:chartbrief:authority:LAB");
        assertThat(blood.getType().getCodingFirstRep().getCode()).isEqualTo("119297000");
        assertThat(blood.getCollection().getBodySite().getCodingFirstRep().getCode()).isEqualTo("368208006");
        assertThat(blood.getCollection().getMethod().getText()).isEqualTo("Venipuncture");
        // offset-less times in the sender's zone (MSH-7 -0500), like every other time
        assertThat(blood.getCollection().getCollectedDateTimeType().getValueAsString())
                .isEqualTo("2024-03-01T07:15:00-05:00");
        assertThat(blood.getReceivedTimeElement().getValueAsString()).isEqualTo("2024-03-01T08:00:00-05:00");
        assertThat(blood.getSubject().getReference()).isEqualTo(e.patientKey());
        ServiceRequest culture = ordersByCode(e).get("600-7");
        assertThat(blood.getRequest()).extracting(Reference::getReference).containsExactly(ref(culture));
        assertThat(culture.getSpecimen()).extracting(Reference::getReference).containsExactly(ref(blood));
        DiagnosticReport cultureReport = all(e, DiagnosticReport.class).stream()
                .filter(r -> "600-7".equals(r.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
        assertThat(cultureReport.getSpecimen()).extracting(Reference::getReference).containsExactly(ref(blood));
        Observation isolate = all(e, Observation.class).stream()
                .filter(o -> "600-7".equals(o.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
        assertThat(isolate.getSpecimen().getReference()).isEqualTo(ref(blood)); // the OBX before the SPM too
    }

    @Test
    void olderMessageTakesTheSpecimenFromObr15() throws Exception {
        NormalizedEvent e = convert(msh("ORU^R01", "U-23", "2.3"), PID,
                "OBR|1|PL-5^EHR|FL-5^LAB|24323-8^Comprehensive metabolic panel^LN|||20240301080000|20240301081000|"
                        + "|||||20240301090000|SER&Serum&HL70070^^^LACF&Left antecubital fossa&L||||||||||F",
                "OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^^UCUM|3.5-5.1|N|||F");
        Specimen serum = one(e, Specimen.class);
        assertThat(serum.getType().getCodingFirstRep().getCode()).isEqualTo("SER");
        assertThat(serum.getType().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0070");
        assertThat(serum.getCollection().getBodySite().getCodingFirstRep().getCode()).isEqualTo("LACF");
        assertThat(serum.getCollection().getCollectedPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-03-01T08:00:00-05:00");
        assertThat(serum.getCollection().getCollectedPeriod().getEndElement().getValueAsString())
                .isEqualTo("2024-03-01T08:10:00-05:00");
        assertThat(serum.getReceivedTimeElement().getValueAsString()).isEqualTo("2024-03-01T09:00:00-05:00");
        assertThat(one(e, Observation.class).getSpecimen().getReference()).isEqualTo(ref(serum));
        assertThat(one(e, DiagnosticReport.class).getSpecimen().get(0).getReference()).isEqualTo(ref(serum));
        ServiceRequest order = one(e, ServiceRequest.class);
        assertThat(order.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED); // OBR-25 F
        assertThat(order.hasRequester()).isFalse();
    }

    @Test
    void ormOrderAndItsResultNameTheSameServiceRequest() throws Exception {
        NormalizedEvent order = convert(msh("ORM^O01^ORM_O01", "ORD-1", "2.3"), PID,
                "PV1|1|O|CLINIC||||||||||||||||V-777^^^GHH^VN",
                "ORC|NW|PL-42^EHR|||||||20240301063000|||5678^KILDARE^JAMES",
                "OBR|1|PL-42^EHR||2345-7^Glucose^LN||||||||||||5678^KILDARE^JAMES|||||||||||^^^^^A||||"
                        + "R73.9^Hyperglycemia^I10");
        ServiceRequest ordered = one(order, ServiceRequest.class);
        assertThat(ordered.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE); // ORC-1 NW
        assertThat(ordered.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.ASAP); // OBR-27.6
        assertThat(ordered.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("R73.9");
        assertThat(ordered.getAuthoredOnElement().getValueAsString()).isEqualTo("2024-03-01T06:30:00-05:00");
        assertThat(ordered.getEncounter().getReference()).startsWith("Encounter/");
        assertThat(all(order, DiagnosticReport.class)).isEmpty(); // an order is not a report
        // the result names the order by the same placer number (and adds the filler's): the same ServiceRequest
        NormalizedEvent result = convert(msh("ORU^R01", "RES-1", "2.3"), PID,
                "OBR|1|PL-42^EHR|FL-42^LAB|2345-7^Glucose^LN|||20240301070000||||||||||||||||||P",
                "OBX|1|NM|2345-7^Glucose^LN||131|mg/dL^^UCUM|70-99|H|||P");
        ServiceRequest resulted = one(result, ServiceRequest.class);
        assertThat(resulted.getIdElement().getIdPart()).isEqualTo(ordered.getIdElement().getIdPart());
        assertThat(resulted.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE); // preliminary
        // a resend (new MSH-10) hits the same ids
        NormalizedEvent resend = convert(msh("ORU^R01", "RES-2", "2.3"), PID,
                "OBR|1|PL-42^EHR|FL-42^LAB|2345-7^Glucose^LN|||20240301070000||||||||||||||||||F",
                "OBX|1|NM|2345-7^Glucose^LN||131|mg/dL^^UCUM|70-99|H|||F");
        assertThat(one(resend, ServiceRequest.class).getIdElement().getIdPart())
                .isEqualTo(ordered.getIdElement().getIdPart());
        assertThat(one(resend, ServiceRequest.class).getStatus())
                .isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
        assertThat(one(resend, Observation.class).getIdElement().getIdPart())
                .isEqualTo(one(result, Observation.class).getIdElement().getIdPart());
    }

    @Test
    void specimenFirstOulAppliesEachSpecimenToTheOrdersAfterIt() throws Exception {
        NormalizedEvent e = convert(msh("OUL^R22^OUL_R22", "OUL-1", "2.5.1"), PID,
                "SPM|1|^TUBE-1&LAB||122555007^Venous blood specimen^SCT",
                "OBR|1|PL-1^EHR|FL-1^LAB|2345-7^Glucose^LN|||20240301080000||||||||||||||||||F",
                "OBX|1|NM|2345-7^Glucose^LN||99|mg/dL^^UCUM|70-99|N|||F",
                "OBR|2|PL-2^EHR|FL-2^LAB|2823-3^Potassium^LN|||20240301080000||||||||||||||||||F",
                "OBX|1|NM|2823-3^Potassium^LN||4.0|mmol/L^^UCUM|3.5-5.1|N|||F");
        Specimen tube = one(e, Specimen.class);
        assertThat(tube.getRequest()).hasSize(2);
        assertThat(all(e, DiagnosticReport.class)).hasSize(2)
                .allSatisfy(r -> assertThat(r.getSpecimenFirstRep().getReference()).isEqualTo(ref(tube)));
        assertThat(all(e, Observation.class)).allSatisfy(o -> assertThat(o.getSpecimen().getReference())
                .isEqualTo(ref(tube)));
    }

    @Test
    void orderStatusMapping() {
        assertThat(ServiceRequestMapper.status("CA", "", null)).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
        assertThat(ServiceRequestMapper.status("NW", "HD", null)).isEqualTo(ServiceRequest.ServiceRequestStatus.ONHOLD);
        assertThat(ServiceRequestMapper.status("RE", "", "X")).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
        assertThat(ServiceRequestMapper.status("RE", "", "W"))
                .isEqualTo(ServiceRequest.ServiceRequestStatus.ENTEREDINERROR);
        assertThat(ServiceRequestMapper.status("RE", "", "")).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(ServiceRequestMapper.status("", "", null)).isEqualTo(ServiceRequest.ServiceRequestStatus.UNKNOWN);
    }

    @Test
    void oneSpecimenForTwoOrdersIsOneSpecimenRequestedByBoth() throws Exception {
        String spm = "SPM|1|^TUBE-7&LAB||122555007^Venous blood specimen^SCT";
        NormalizedEvent e = convert(msh("ORU^R01^ORU_R01", "R-77", "2.5.1"), PID,
                "OBR|1|PL-77|FL-77^LAB|58410-2^CBC panel^LN|||20240301080000||||||||||||||||||F",
                "OBX|1|NM|718-7^Hemoglobin^LN||9.1|g/dL^^UCUM|12-16|L|||F", spm,
                "OBR|2|PL-77|FL-77^LAB|51990-0^Basic metabolic panel^LN|||20240301080000||||||||||||||||||F",
                "OBX|1|NM|2823-3^Potassium^LN||3.1|mmol/L^^UCUM|3.5-5.1|L|||F", spm);
        Specimen tube = one(e, Specimen.class);
        assertThat(tube.getRequest()).hasSize(2);
        assertThat(all(e, Observation.class)).allSatisfy(o -> assertThat(o.getSpecimen().getReference())
                .isEqualTo(ref(tube)));
        assertThat(all(e, ServiceRequest.class)).hasSize(2)
                .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED));
    }
}
