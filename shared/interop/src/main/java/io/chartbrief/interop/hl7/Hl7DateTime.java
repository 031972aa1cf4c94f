package io.chartbrief.interop.hl7;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

/**
 * An HL7 DTM/TS value ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}) keeping its precision.
 * A value with a time but no offset is the sender's local time (HL7): it is read in the sender's zone
 * ({@link SenderTimeZones}; UTC when nothing says otherwise), with that zone's offset on that date, and always
 * written with an offset (docs/hl7v2-mapping.md).
 *
 * @param fhir    FHIR dateTime text, e.g. {@code 2024}, {@code 2024-02}, {@code 2024-02-21T01:52:00-05:00}
 * @param date    FHIR date text (date part only, precision kept)
 * @param instant the start of the value as an instant
 * @param offset  the offset the value was read with: its own, else its sender zone's on that date
 * @param offsetGiven whether the value carried its own offset
 */
record Hl7DateTime(String fhir, String date, Instant instant, ZoneOffset offset, boolean offsetGiven) {

    /**
     * @param dtm the HL7 value, possibly with a trailing {@code ^precision} component already stripped
     * @return the parsed value, or {@code null} when the text is not a valid DTM (callers warn)
     */
    static Hl7DateTime parse(String dtm) {
        return parse(dtm, ZoneOffset.UTC);
    }

    /**
     * @param dtm        the HL7 value
     * @param senderZone the zone an offset-less time is local to; in a daylight-saving gap or overlap the offset
     *                   before the transition is used, so the wall-clock text is kept as sent
     * @return the parsed value, or {@code null} when the text is not a valid DTM
     */
    static Hl7DateTime parse(String dtm, ZoneId senderZone) {
        String s = dtm == null ? "" : dtm.trim();
        if (s.length() < 4) {
            return null;
        }
        int signAt = -1;
        for (int i = 4; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '-') {
                signAt = i;
                break;
            }
        }
        String main = signAt < 0 ? s : s.substring(0, signAt);
        String offsetText = signAt < 0 ? null : s.substring(signAt);
        String fraction = "";
        int dot = main.indexOf('.');
        if (dot >= 0) {
            fraction = main.substring(dot + 1);
            main = main.substring(0, dot);
            if (main.length() != 14 || fraction.isEmpty() || fraction.length() > 4 || !digits(fraction)) {
                return null;
            }
        }
        int len = main.length();
        if (!digits(main) || (len != 4 && len != 6 && len != 8 && len != 10 && len != 12 && len != 14)) {
            return null;
        }
        try {
            int year = Integer.parseInt(main.substring(0, 4));
            if (year == 0) {
                return null; // FHIR has no year 0000 ("00000000" is a common "unknown" filler)
            }
            int month = len >= 6 ? Integer.parseInt(main.substring(4, 6)) : 1;
            int day = len >= 8 ? Integer.parseInt(main.substring(6, 8)) : 1;
            int hour = len >= 10 ? Integer.parseInt(main.substring(8, 10)) : 0;
            int minute = len >= 12 ? Integer.parseInt(main.substring(10, 12)) : 0;
            int second = len >= 14 ? Integer.parseInt(main.substring(12, 14)) : 0;
            String millis = fraction.isEmpty() ? "" : (fraction + "00").substring(0, 3);
            int nanos = millis.isEmpty() ? 0 : Integer.parseInt(millis) * 1_000_000;
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            ZoneOffset offset = senderZone.getRules().getOffset(local);
            if (offsetText != null) {
                if (offsetText.length() != 5 || !digits(offsetText.substring(1))) {
                    return null;
                }
                int oh = Integer.parseInt(offsetText.substring(1, 3));
                int om = Integer.parseInt(offsetText.substring(3, 5));
                if (oh > 14 || om > 59) {
                    return null;
                }
                int total = (oh * 3600 + om * 60) * (offsetText.charAt(0) == '-' ? -1 : 1);
                offset = ZoneOffset.ofTotalSeconds(total);
            }
            String date = main.substring(0, 4) + (len >= 6 ? "-" + main.substring(4, 6) : "")
                    + (len >= 8 ? "-" + main.substring(6, 8) : "");
            String fhir = date;
            if (len >= 10) {
                // FHIR dateTime needs seconds and a zone once a time is given
                fhir = date + "T" + main.substring(8, 10) + ":" + (len >= 12 ? main.substring(10, 12) : "00")
                        + ":" + (len >= 14 ? main.substring(12, 14) : "00") + (millis.isEmpty() ? "" : "." + millis)
                        + (offset.getTotalSeconds() == 0 && offsetText == null ? "Z" : offset.getId().equals("Z")
                                ? "+00:00" : offset.getId());
            }
            return new Hl7DateTime(fhir, date, local.toInstant(offset), offset, offsetText != null);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    DateTimeType toDateTime() {
        return new DateTimeType(fhir);
    }

    DateType toDate() {
        return new DateType(date);
    }

    boolean hasTime() {
        return fhir.length() > 10;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
