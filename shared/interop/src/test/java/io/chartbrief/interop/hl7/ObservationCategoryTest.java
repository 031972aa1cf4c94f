package io.chartbrief.interop.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class ObservationCategoryTest {

    private static Map<String, String> categoryByCode(String message) throws Exception {
        return new Hl7v2Converter().convert(message).bundle().getEntry().stream()
                .filter(e -> e.getResource() instanceof Observation)
                .map(e -> (Observation) e.getResource())
                .collect(Collectors.toMap(o -> o.getCode().getCodingFirstRep().getCode(),
                        o -> o.hasCategory() ? o.getCategoryFirstRep().getCodingFirstRep().getCode() : "none"));
    }

    @Test
    void loincVitalSignsAreCategorizedAsVitalsInAdmissionsAndResults() throws Exception {
        String adt = "MSH|^~\\&|A|H|CB|CB|20260301101500||ADT^A01|C1|P|2.5.1\r"
                + "PID|1||M1^^^H^MR||DOE^JO\r"
                + "PV1|1|I|W^1^A\r"
                + "OBX|1|NM|8867-4^Heart rate^LN||88|/min|||||F\r"
                + "OBX|2|NM|99999-9^Local score^L||3||||||F\r";
        assertThat(categoryByCode(adt)).containsEntry("8867-4", "vital-signs").containsEntry("99999-9", "none");

        String oru = "MSH|^~\\&|L|H|CB|CB|20260301120000||ORU^R01|C2|P|2.5.1\r"
                + "PID|1||M1^^^H^MR||DOE^JO\r"
                + "OBR|1|P1|F1|24323-8^Panel^LN\r"
                + "OBX|1|NM|2823-3^Potassium^LN||5.9|mmol/L|||||F\r"
                + "OBX|2|NM|8310-5^Body temperature^LN||38.6|Cel|||||F\r";
        assertThat(categoryByCode(oru)).containsEntry("2823-3", "laboratory").containsEntry("8310-5", "vital-signs");
    }
}
