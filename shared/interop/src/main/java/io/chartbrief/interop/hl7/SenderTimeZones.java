package io.chartbrief.interop.hl7;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The time zone in which a sender writes HL7 times that carry no offset. HL7 says such a time is "the local time of
 * the sender", which only the hospital knows: a feed is named by MSH-3 (sending application) and MSH-4 (sending
 * facility) and given an IANA zone, so daylight saving time is applied by the date of each value.
 *
 * <p>Which zone reads an offset-less time of a message, first match wins:
 * <ol>
 *   <li>the feed's configured zone: key {@code APP^FACILITY}, then {@code APP} (any facility), then
 *       {@code ^FACILITY} (any application) — matched case-insensitively on MSH-3.1 / MSH-4.1;</li>
 *   <li>the offset MSH-7 carries (the sender's offset when it sent the message; fixed, no DST rules);</li>
 *   <li>the default zone ({@code UTC} unless configured).</li>
 * </ol>
 * A value's own offset always wins over all three. Immutable; share between threads.
 */
public final class SenderTimeZones {

    /** Offset-less times read as UTC, no feeds configured: what a conversion without settings does. */
    public static final SenderTimeZones UTC = new SenderTimeZones(ZoneOffset.UTC, Map.of());

    private final ZoneId defaultZone;
    private final Map<String, ZoneId> feeds;

    private SenderTimeZones(ZoneId defaultZone, Map<String, ZoneId> feeds) {
        this.defaultZone = Objects.requireNonNull(defaultZone);
        this.feeds = feeds;
    }

    /**
     * @param defaultZone zone id for feeds without a setting and without an offset in MSH-7 ({@code UTC},
     *                    {@code America/Chicago}, {@code +01:00})
     * @param feeds       feed key ({@code APP^FACILITY}, {@code APP} or {@code ^FACILITY}) to zone id
     * @throws IllegalArgumentException naming the key whose zone id is not a valid zone, or an empty key
     */
    public static SenderTimeZones of(String defaultZone, Map<String, String> feeds) {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        feeds.forEach((key, zone) -> {
            String normalized = normalizeKey(key);
            if (normalized.isEmpty() || normalized.equals("^")) {
                throw new IllegalArgumentException("an HL7 time zone feed key is empty: use APP^FACILITY, APP or ^FACILITY");
            }
            zones.put(normalized, zone(zone, "feed " + key));
        });
        return new SenderTimeZones(zone(defaultZone, "the default"), Map.copyOf(zones));
    }

    private static ZoneId zone(String id, String what) {
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("the HL7 time zone of " + what + " is not a time zone id: '" + id
                    + "' (use an IANA id such as America/Chicago, UTC or an offset such as +01:00)");
        }
    }

    private static String normalizeKey(String key) {
        String k = key == null ? "" : key.trim();
        // Quarkus config map keys arrive with their quotes when written as "APP^FAC"
        if (k.length() >= 2 && k.startsWith("\"") && k.endsWith("\"")) {
            k = k.substring(1, k.length() - 1);
        }
        return k.toUpperCase(Locale.ROOT);
    }

    /** The feed's own setting, or {@code null} when the feed has none. */
    ZoneId configured(Hl7MessageHeader header) {
        String app = header.sendingApplication().toUpperCase(Locale.ROOT);
        String facility = header.sendingFacility().toUpperCase(Locale.ROOT);
        ZoneId zone = feeds.get(app + "^" + facility);
        if (zone == null && !app.isEmpty()) {
            zone = feeds.get(app);
        }
        if (zone == null && !facility.isEmpty()) {
            zone = feeds.get("^" + facility);
        }
        return zone;
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** Feed keys (upper case) and their zones, for start-up logs and docs. */
    public Map<String, ZoneId> feeds() {
        return feeds;
    }
}
