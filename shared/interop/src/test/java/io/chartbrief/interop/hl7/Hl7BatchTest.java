package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Files and batches of several messages are split or refused loudly, never half-converted (issue 13 point 5). */
class Hl7BatchTest {

    private static final String A04 = msh("ADT^A04^ADT_A04", "B-1", "2.5.1") + "\r" + PID + "\rPV1|1|O";
    private static final String A08 = msh("ADT^A08^ADT_A01", "B-2", "2.5.1") + "\r" + PID + "\rPV1|1|O";

    @Test
    void aBatchSplitsIntoItsMessagesWithoutTheEnvelope() {
        String batch = "FHS|^~\\&|LAB\rBHS|^~\\&|LAB\r" + A04 + "\r" + A08 + "\rBTS|2\rFTS|1";
        Hl7Batch.Split split = Hl7Batch.split(batch);
        assertThat(split.messages()).containsExactly(A04, A08);
        assertThat(split.warnings()).isEmpty();
        assertThat(Hl7Batch.split(batch.replace("BTS|2", "BTS|3")).warnings())
                .containsExactly("BTS-1 (batch message count) says 3 but the batch holds 2");
    }

    @Test
    void aFileOfMessagesWrittenOneAfterAnotherSplitsToo() {
        assertThat(Hl7Batch.split(A04 + "\n\n" + A08 + "\n").messages()).containsExactly(A04, A08);
        assertThat(Hl7Batch.split(A04).messages()).containsExactly(A04);
    }

    @Test
    void theConverterAndTheMllpHeaderCheckRefuseSeveralMessagesInsteadOfConvertingTheFirst() {
        Hl7v2Converter converter = new Hl7v2Converter();
        assertThatThrownBy(() -> converter.convert(A04 + "\r" + A08)).isInstanceOf(Hl7RejectedException.class)
                .hasMessageContaining("input holding 2 messages");
        assertThatThrownBy(() -> Hl7HeaderReader.read("FHS|^~\\&\rBHS|^~\\&\r" + A04 + "\rBTS|1\rFTS|1"))
                .isInstanceOf(Hl7RejectedException.class).hasMessageContaining("an HL7 batch (FHS/BHS) holding 1 message");
    }

    @Test
    void framingJunkInFrontOfMshIsDroppedAndSaidNotCalledAnEmptyMessage() throws Exception {
        var event = new Hl7v2Converter().convert("[SOM]" + A04 + "[EOM]");
        assertThat(event.warnings()).contains("dropped 5 characters before MSH on its line");
        assertThatThrownBy(() -> new Hl7v2Converter().convert("just some text\nand more"))
                .hasMessageContaining("first segment is not MSH");
        assertThatThrownBy(() -> new Hl7v2Converter().convert("junk line\nMSHX not a header"))
                .isInstanceOf(Hl7RejectedException.class);
    }
}
