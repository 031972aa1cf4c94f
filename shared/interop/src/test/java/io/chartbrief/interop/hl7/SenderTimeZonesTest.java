package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.interop.event.NormalizedEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

/**
 * Offset-less HL7 times are the sender's local time: read in the feed's configured zone (DST by date), else in
 * MSH-7's offset, else in the default zone — so the times of one message agree with each other (issue 13 point 1).
 */
class SenderTimeZonesTest {

    private static final String PV1 = Fixtures.seg("PV1", 1, "1", 2, "I", 3, "4W^401^B^GHH", 10, "MED",
            19, "V100^^^GHH^VN", 44, "20240701080000");
    private static final String OBX = "OBX|1|NM|8867-4^Heart rate^LN||88|/min^^UCUM|||||F|||20240701083000";

    private static String adt(String sendingApp, String facility, String msh7, String pv1) {
        return msg("MSH|^~\\&|" + sendingApp + "|" + facility + "|CB|CBFAC|" + msh7 + "||ADT^A01^ADT_A01|TZ-1|P|2.5.1",
                "EVN|A01|20240701081500", PID, pv1, OBX);
    }

    private static NormalizedEvent convert(SenderTimeZones zones, String message) throws Exception {
        return new Hl7v2Converter(zones).convert(message);
    }

    @Test
    void msh7OffsetReadsTheOtherTimesOfTheMessage() throws Exception {
        NormalizedEvent e = convert(SenderTimeZones.UTC, adt("ADT", "GHH", "20240701082000-0400", PV1));
        Encounter encounter = one(e, Encounter.class);
        assertThat(encounter.getPeriod().getStartElement().getValueAsString()).isEqualTo("2024-07-01T08:00:00-04:00");
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2024-07-01T12:15:00Z"));
        assertThat(one(e, Observation.class).getEffectiveDateTimeType().getValueAsString())
                .isEqualTo("2024-07-01T08:30:00-04:00");
        assertThat(one(e, Provenance.class).getRecorded().toInstant()).isEqualTo(Instant.parse("2024-07-01T12:15:00Z"));
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void theFeedsZoneAppliesDaylightSavingTimeByTheDateOfEachValue() throws Exception {
        SenderTimeZones zones = SenderTimeZones.of("UTC", Map.of("ADT^GHH", "America/New_York"));
        String winterAdmission = PV1.replace("20240701080000", "20240115080000");
        NormalizedEvent e = convert(zones, adt("ADT", "GHH", "20240701082000", winterAdmission));
        assertThat(one(e, Encounter.class).getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-01-15T08:00:00-05:00");
        assertThat(one(e, Observation.class).getEffectiveDateTimeType().getValueAsString())
                .isEqualTo("2024-07-01T08:30:00-04:00");
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2024-07-01T12:15:00Z"));
    }

    @Test
    void aValuesOwnOffsetAlwaysWins() throws Exception {
        SenderTimeZones zones = SenderTimeZones.of("UTC", Map.of("ADT", "America/Chicago"));
        String pv1 = PV1.replace("20240701080000", "20240701080000+0200");
        NormalizedEvent e = convert(zones, adt("ADT", "ANYWHERE", "20240701082000", pv1));
        assertThat(one(e, Encounter.class).getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-07-01T08:00:00+02:00");
        assertThat(one(e, Observation.class).getEffectiveDateTimeType().getValueAsString())
                .isEqualTo("2024-07-01T08:30:00-05:00");  // Chicago in July, by the application-only key
    }

    @Test
    void feedKeysMatchApplicationAndFacilityThenEitherAloneCaseInsensitively() {
        SenderTimeZones zones = SenderTimeZones.of("Europe/Berlin", Map.of(
                "\"LAB^NORTH\"", "America/Denver", "LAB", "America/Chicago", "^SOUTH", "America/Phoenix"));
        assertThat(zones.configured(header("lab", "north"))).isEqualTo(ZoneId.of("America/Denver"));
        assertThat(zones.configured(header("LAB", "EAST"))).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(zones.configured(header("PHARM", "SOUTH"))).isEqualTo(ZoneId.of("America/Phoenix"));
        assertThat(zones.configured(header("PHARM", "EAST"))).isNull();
        assertThat(zones.defaultZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void theDefaultZoneReadsFeedsWithoutSettingOrMsh7Offset() throws Exception {
        SenderTimeZones zones = SenderTimeZones.of("Europe/Berlin", Map.of());
        NormalizedEvent e = convert(zones, adt("ADT", "GHH", "20240701082000", PV1));
        assertThat(one(e, Encounter.class).getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-07-01T08:00:00+02:00");
        // nothing configured at all: UTC, written with Z
        NormalizedEvent utc = convert(SenderTimeZones.UTC, adt("ADT", "GHH", "20240701082000", PV1));
        assertThat(one(utc, Encounter.class).getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-07-01T08:00:00Z");
    }

    @Test
    void aFeedZoneThatContradictsMsh7IsReportedAndStillUsed() throws Exception {
        SenderTimeZones zones = SenderTimeZones.of("UTC", Map.of("ADT^GHH", "America/New_York"));
        NormalizedEvent e = convert(zones, adt("ADT", "GHH", "20240701082000-0500", PV1));
        assertThat(e.warnings()).containsExactly("MSH-7 (date/time of message) has offset -05:00 but this feed's "
                + "time zone America/New_York was -04:00 then; times without an offset are read in America/New_York");
        assertThat(one(e, Encounter.class).getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-07-01T08:00:00-04:00");
    }

    @Test
    void dstGapAndOverlapKeepTheWallClockAsSent() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 2024-03-10 02:30 does not exist in New York; 2024-11-03 01:30 happens twice
        assertThat(Hl7DateTime.parse("202403100230", newYork).fhir()).isEqualTo("2024-03-10T02:30:00-05:00");
        assertThat(Hl7DateTime.parse("202411030130", newYork).fhir()).isEqualTo("2024-11-03T01:30:00-04:00");
        assertThat(Hl7DateTime.parse("20241103", newYork).fhir()).isEqualTo("2024-11-03");
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> SenderTimeZones.of("Mars/Olympus", Map.of()))
                .hasMessageContaining("the default").hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> SenderTimeZones.of("UTC", Map.of("LAB", "EST5EDTX")))
                .hasMessageContaining("feed LAB");
        assertThatThrownBy(() -> SenderTimeZones.of("UTC", Map.of("^", "UTC"))).hasMessageContaining("empty");
    }

    private static Hl7MessageHeader header(String app, String facility) {
        return new Hl7MessageHeader("|", "^~\\&", app, facility, "", "", "", "ADT", "A01", "", "1", "P", "2.5.1");
    }
}
