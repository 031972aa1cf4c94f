package io.chartbrief.interop.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Er7TextTest {

    @Test
    void normalizesEveryLineBreakStyleToCarriageReturn() {
        assertThat(Er7Text.clean("MSH|a\nPID|b\r\nPV1|c\rOBX|d\n").text()).isEqualTo("MSH|a\rPID|b\rPV1|c\rOBX|d");
    }

    @Test
    void stripsBomBlankLinesAndTrailingWhitespace() {
        Er7Text.Cleaned c = Er7Text.clean("\uFEFFMSH|a  \r\n\r\n   \r\nPID|b\t\r\n\r\n");
        assertThat(c.text()).isEqualTo("MSH|a\rPID|b");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void dropsJunkBeforeMshWithWarning() {
        Er7Text.Cleaned c = Er7Text.clean("junk\njunk\n\njunk\nMSH|^~\\&|X\nPID|1");
        assertThat(c.text()).isEqualTo("MSH|^~\\&|X\rPID|1");
        assertThat(c.warnings()).containsExactly("dropped 3 lines before MSH");
    }

    @Test
    void emptyAndNullGiveEmptyText() {
        assertThat(Er7Text.clean("").text()).isEmpty();
        assertThat(Er7Text.clean(null).text()).isEmpty();
    }

    @Test
    void textWithoutMshIsKeptForTheHeaderReaderToReject() {
        assertThat(Er7Text.clean("PID|1\nPV1|1").text()).isEqualTo("PID|1\rPV1|1");
    }
}
