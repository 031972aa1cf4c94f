package io.chartbrief.ingest;

/** Small synthetic HL7 v2 and FHIR inputs written for these tests (no real patients). */
public final class Fixtures {

    private Fixtures() {
    }

    public static String adtA01(String controlId, String mrn) {
        return String.join("\r",
                "MSH|^~\\&|ADT1|GOODHEALTH|CHARTBRIEF|CB|20260301101500||ADT^A01^ADT_A01|" + controlId + "|P|2.5.1",
                "EVN|A01|20260301101400",
                "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^ALICE^Q||19700214|F|||1 MAIN ST^^SPRINGFIELD^IL^62701||(217)555-0100",
                "PV1|1|I|4WEST^401^A^GOODHEALTH||||1234^ATTENDING^ANNA^^^DR^^^GOODHEALTH|||MED||||7|||1234^ATTENDING^ANNA^^^DR^^^GOODHEALTH||V" + mrn + "^^^GOODHEALTH^VN|||||||||||||||||||||||||20260301100000",
                "DG1|1||I10^Essential hypertension^I10||20260301|A",
                "AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives",
                "OBX|1|NM|8867-4^Heart rate^LN||88|/min^beats per minute^UCUM|60-100|N|||F",
                "ZXT|custom|segment") + "\r";
    }

    public static String oruR01(String controlId, String mrn) {
        return String.join("\r",
                "MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|20260301120000||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^ALICE||19700214|F",
                "OBR|1|PL" + controlId + "|FL" + controlId + "|24323-8^Comprehensive metabolic panel^LN|||20260301113000|||||||||||||||20260301115500|||F",
                "OBX|1|NM|2823-3^Potassium^LN||5.9|mmol/L^millimole per liter^UCUM|3.5-5.1|H|||F|||20260301113000",
                "OBX|2|NM|2951-2^Sodium^LN||139|mmol/L^millimole per liter^UCUM|135-145|N|||F|||20260301113000",
                "NTE|1||Hemolyzed specimen; repeat advised") + "\r";
    }

    /** A message the header reader must refuse: MSH-10 (control id) is empty. */
    public static String withoutControlId() {
        return "MSH|^~\\&|ADT1|GOODHEALTH|CHARTBRIEF|CB|20260301101500||ADT^A01^ADT_A01||P|2.5.1\r"
                + "PID|1||X1^^^GOODHEALTH^MR||TESTPATIENT^BOB\r";
    }

    public static String fhirPatient(String id, String mrn) {
        return """
                {"resourceType":"Patient","id":"%s",
                 "identifier":[{"system":"urn:oid:2.16.840.1.113883.19.5","value":"%s"}],
                 "name":[{"family":"Testpatient","given":["Carol"]}],
                 "gender":"female","birthDate":"1980-05-06"}""".formatted(id, mrn);
    }

    public static String fhirTransaction(String patientUuid, String observationUuid) {
        return """
                {"resourceType":"Bundle","type":"transaction","id":"tx-%s","timestamp":"2026-03-01T10:00:00Z",
                 "entry":[
                  {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","id":"%s",
                    "identifier":[{"system":"urn:oid:2.16.840.1.113883.19.5","value":"MRN-%s"}],
                    "name":[{"family":"Testpatient","given":["Dana"]}],"gender":"female"},
                   "request":{"method":"PUT","url":"Patient/%s"}},
                  {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Observation","id":"%s","status":"final",
                    "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                    "subject":{"reference":"urn:uuid:%s"},
                    "valueQuantity":{"value":72,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}},
                   "request":{"method":"PUT","url":"Observation/%s"}}
                 ]}""".formatted(patientUuid, patientUuid, patientUuid, patientUuid, patientUuid,
                observationUuid, observationUuid, patientUuid, observationUuid);
    }

    /** An ORU^R01 with {@code count} OBX segments that all share set id 1 and code (the twin-id worst case). */
    public static String oruWithTwinObx(String controlId, String mrn, int count) {
        StringBuilder b = new StringBuilder(String.join("\r",
                "MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|20260301120000||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^ALICE||19700214|F",
                "OBR|1|PL" + controlId + "|FL" + controlId + "|24323-8^Comprehensive metabolic panel^LN|||20260301113000"));
        for (int i = 0; i < count; i++) {
            b.append("\rOBX|1|NM|2823-3^Potassium^LN||4.").append(i % 10).append("|mmol/L^mmol/L^UCUM||||F");
        }
        return b.append('\r').toString();
    }

    /** A bearer token with the ingest role, signed by the test key (application.properties, %test). */
    public static String intakeToken() {
        return io.smallrye.jwt.build.Jwt.issuer("https://chartbrief.local/issuer").subject("interface-engine")
                .groups(java.util.Set.of("ingest")).expiresIn(3600).sign();
    }
}
