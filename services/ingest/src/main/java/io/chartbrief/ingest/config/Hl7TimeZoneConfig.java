package io.chartbrief.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * The time zones in which HL7 v2 senders write times without an offset ({@code chartbrief.ingest.hl7.*}); read by
 * {@link io.chartbrief.interop.hl7.SenderTimeZones}, documented in docs/hl7v2-mapping.md and docs/operations.md.
 */
@ConfigMapping(prefix = "chartbrief.ingest.hl7")
public interface Hl7TimeZoneConfig {

    /**
     * Zone for feeds without a setting of their own whose MSH-7 carries no offset: an IANA id
     * ({@code America/Chicago}), {@code UTC} or an offset ({@code +01:00}).
     */
    @WithDefault("UTC")
    String defaultTimeZone();

    /**
     * Per feed: key {@code "APP^FACILITY"} (MSH-3.1 and MSH-4.1), {@code APP} or {@code "^FACILITY"}, value an
     * IANA zone id, e.g. {@code chartbrief.ingest.hl7.time-zones."LAB^NORTH"=America/Denver}. A feed's zone wins
     * over MSH-7's offset (it knows daylight saving time); a value's own offset wins over both.
     */
    Map<String, String> timeZones();
}
