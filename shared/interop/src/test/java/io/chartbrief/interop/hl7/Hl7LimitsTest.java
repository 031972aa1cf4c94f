package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.all;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.interop.event.NormalizedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Per-message bounds: limits refused as AR before parsing, and linear work below them. */
class Hl7LimitsTest {

    private static final Hl7Limits SMALL = new Hl7Limits(50, 10, 5, 100, 200, 32);

    private static String oru(List<String> body) {
        List<String> segments = new ArrayList<>();
        segments.add(msh("ORU^R01^ORU_R01", "LIM-1", "2.5.1"));
        segments.add(PID);
        segments.add("OBR|1|PL1|FL1|24331-1^Lipid panel^LN|||20240301073000");
        segments.addAll(body);
        return msg(segments.toArray(String[]::new));
    }

    private static List<String> obx(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add("OBX|" + i + "|NM|2093-3^Cholesterol^LN||" + i + "|mg/dL^mg/dL^UCUM||||F");
        }
        return out;
    }

    private static Hl7RejectedException refusal(Hl7Limits limits, String message) {
        Hl7RejectedException e = (Hl7RejectedException) org.assertj.core.api.Assertions.catchThrowable(
                () -> new Hl7v2Converter(limits).convert(message));
        assertThat(e).isNotNull();
        assertThat(e.ackCode()).isEqualTo("AR");
        return e;
    }

    @Test
    void refusesTooManyObxNamingTheLimit() {
        Hl7RejectedException e = refusal(SMALL, oru(obx(11)));
        assertThat(e.getMessage()).isEqualTo("message exceeds the limit max-obx (10)");
        assertThat(e.segment()).isEqualTo("OBX");
    }

    @Test
    void refusesTooManySegments() {
        List<String> body = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            body.add("ZXX|" + i);
        }
        assertThat(refusal(SMALL, oru(body)).getMessage()).contains("max-segments (50)");
    }

    @Test
    void refusesTooManyRepetitionsAndTooLongFields() {
        assertThat(refusal(SMALL, oru(List.of("OBX|1|ST|X^Y^L||a~b~c~d~e~f||||F"))).getMessage())
                .contains("max-repetitions (5)");
        Hl7RejectedException tooLong = refusal(SMALL, oru(List.of("OBX|1|ST|X^Y^L||" + "x".repeat(101) + "||||F")));
        assertThat(tooLong.getMessage()).contains("max-field-chars (100)");
        assertThat(tooLong.segment()).isEqualTo("OBX");
        assertThat(tooLong.field()).isEqualTo(5);
    }

    @Test
    void refusesTooMuchNoteText() {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            notes.add("NTE|" + i + "||" + "n".repeat(60));
        }
        assertThat(refusal(SMALL, oru(notes)).getMessage()).contains("max-note-chars (200)");
    }

    @Test
    void refusesNulCharacters() {
        assertThat(refusal(Hl7Limits.DEFAULTS, oru(List.of("OBX|1|ST|X^Y^L||a\0b||||F"))).getMessage())
                .contains("NUL");
    }

    @Test
    void acceptsAMessageAtTheLimits() throws Exception {
        NormalizedEvent e = new Hl7v2Converter(SMALL).convert(oru(obx(10)));
        assertThat(all(e, Observation.class)).hasSize(10);
    }

    @Test
    void aMillionDigitNumberIsKeptAsTextNotParsed() throws Exception {
        String digits = "9".repeat(1_000_000);
        NormalizedEvent e = new Hl7v2Converter().convert(oru(List.of(
                "OBX|1|NM|2093-3^Cholesterol^LN||" + digits + "x|mg/dL||||F",
                "OBX|2|SN|2093-3^Cholesterol^LN||^" + digits + "|mg/dL||||F",
                "OBX|3|NM|2093-3^Cholesterol^LN||" + digits + "|mg/dL|" + digits + "-" + digits + "|||F")));
        List<Observation> observations = all(e, Observation.class);
        assertThat(observations).hasSize(3).allSatisfy(o -> assertThat(o.hasValueQuantity()).isFalse());
        assertThat(e.warnings()).anyMatch(w -> w.contains("not numeric"));
    }

    @Test
    void numbersAreReadInOnePass() {
        assertThat(Hl7Numbers.parse("+5.0", 32)).isEqualByComparingTo("5.0");
        assertThat(Hl7Numbers.parse("-.5", 32)).isEqualByComparingTo("-0.5");
        assertThat(Hl7Numbers.parse("7.", 32)).isEqualByComparingTo("7");
        assertThat(Hl7Numbers.parse(".", 32)).isNull();
        assertThat(Hl7Numbers.parse("1.2.3", 32)).isNull();
        assertThat(Hl7Numbers.parse("1e5", 32)).isNull();
        assertThat(Hl7Numbers.parse("", 32)).isNull();
        assertThat(Hl7Numbers.parse("1".repeat(33), 32)).isNull();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a benchmark: quadratic took minutes
    void eightThousandObxSharingSetIdAndCodeGetDistinctIdsInLinearWork() throws Exception {
        List<String> body = new ArrayList<>();
        for (int i = 0; i < 8_000; i++) {
            body.add("OBX|1|NM|2093-3^Cholesterol^LN||" + i + "|mg/dL^mg/dL^UCUM||||F");
        }
        String message = oru(body);
        NormalizedEvent e = new Hl7v2Converter().convert(message);
        List<Observation> observations = all(e, Observation.class);
        Set<String> ids = new HashSet<>();
        observations.forEach(o -> ids.add(o.getIdElement().getIdPart()));
        assertThat(observations).hasSize(8_000);
        assertThat(ids).hasSize(8_000);
        assertThat(all(e, DiagnosticReport.class).get(0).getResult()).hasSize(8_000);

        // the id walk makes a bounded number of lookups per OBX, not one per earlier twin
        Er7Text.Cleaned cleaned = Er7Text.clean(message);
        Hl7MessageHeader header = Hl7HeaderReader.fromCleaned(cleaned.text());
        List<Er7Segment> segments = new ArrayList<>();
        for (String line : cleaned.text().split("\r")) {
            segments.add(Er7Segment.parse(line, Er7Delimiters.of(header)));
        }
        MessageWalk walk = new MessageWalk(new ConversionContext(header, segments, Hl7Limits.DEFAULTS, java.time.ZoneOffset.UTC));
        walk.run();
        assertThat(walk.idProbes()).isLessThanOrEqualTo(3L * 8_000);
    }

    @Test
    void repeatIdsAreTheSameAsBefore() throws Exception {
        // ids of twins are base/repeat/1, base/repeat/2, ... in message order (stable across replays)
        NormalizedEvent e = new Hl7v2Converter().convert(oru(List.of(
                "OBX|1|NM|2093-3^Cholesterol^LN||1|mg/dL||||F",
                "OBX|1|NM|2093-3^Cholesterol^LN||2|mg/dL||||F",
                "OBX|1|NM|2093-3^Cholesterol^LN||3|mg/dL||||F")));
        List<Observation> o = all(e, Observation.class);
        String base = o.get(0).getIdElement().getIdPart();
        assertThat(o.get(1).getIdElement().getIdPart()).isEqualTo(DeterministicIds.of("Observation", base, "repeat", "1"));
        assertThat(o.get(2).getIdElement().getIdPart()).isEqualTo(DeterministicIds.of("Observation", base, "repeat", "2"));
    }

    @Test
    void manyConclusionNotesAreJoinedInOrder() throws Exception {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            notes.add("NTE|" + i + "||line " + i);
        }
        NormalizedEvent e = new Hl7v2Converter().convert(oru(notes));
        assertThat(all(e, DiagnosticReport.class).get(0).getConclusion()).isEqualTo("line 0\nline 1\nline 2");
    }

    @Test
    void headerAloneIsRefusedNotAnInternalError() {
        assertThatThrownBy(() -> Hl7HeaderReader.read("MSH|^~\\&"))
                .isInstanceOfSatisfying(Hl7RejectedException.class, e -> {
                    assertThat(e.ackCode()).isEqualTo("AR");
                    assertThat(e.getMessage()).contains("MSH-9");
                });
        assertThatThrownBy(() -> new Hl7v2Converter().convert("MSH|^~\\&|"))
                .isInstanceOfSatisfying(Hl7RejectedException.class, e -> assertThat(e.ackCode()).isEqualTo("AR"));
    }
}
