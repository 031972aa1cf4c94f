package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/** Only units UCUM defines are written as UCUM codes (issue 13 point 3, the unit part). */
class QuantityUnitsTest {

    private static Quantity value(String units) throws Exception {
        String oru = msg(msh("ORU^R01^ORU_R01", "U-" + units.hashCode(), "2.5.1"), PID,
                "OBR|1||F-U^LAB|2345-7^Glucose^LN", "OBX|1|NM|2345-7^Glucose^LN||104|" + units + "|||||F");
        return one(new Hl7v2Converter().convert(oru), Observation.class).getValueQuantity();
    }

    @Test
    void aUcumCodeLabelledOrNotIsWrittenAsUcum() throws Exception {
        assertThat(value("mg/dL^milligram per deciliter^UCUM")).satisfies(q -> {
            assertThat(q.getSystem()).isEqualTo("http://unitsofmeasure.org");
            assertThat(q.getCode()).isEqualTo("mg/dL");
            assertThat(q.getUnit()).isEqualTo("milligram per deciliter");
        });
        assertThat(value("10*3/uL").getSystem()).isEqualTo("http://unitsofmeasure.org");
    }

    @Test
    void aLocalCodeLabelledUcumIsKeptAsTextOnly() throws Exception {
        for (String local : new String[] {"MG/DL^^UCUM", "BG^^UCUM", "TAB", "gm/dl", "43"}) {
            Quantity q = value(local);
            assertThat(q.hasSystem()).as(local).isFalse();
            assertThat(q.hasCode()).as(local).isFalse();
            assertThat(q.getUnit()).as(local).isEqualTo(local.split("\\^")[0]);
        }
    }

    @Test
    void aSendersOwnCodingSystemKeepsItsCode() throws Exception {
        Quantity q = value("MG/DL^mg per dl^L");
        assertThat(q.getSystem()).isEqualTo("urn:chartbrief:codesystem:L");
        assertThat(q.getCode()).isEqualTo("MG/DL");
    }
}
