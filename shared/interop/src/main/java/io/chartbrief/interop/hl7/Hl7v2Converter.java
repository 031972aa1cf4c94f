package io.chartbrief.interop.hl7;

import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Converts one HL7 v2 message (v2.3 to v2.8, ER7) to a {@link NormalizedEvent} holding a FHIR R4 transaction
 * Bundle with deterministic resource ids. Stateless: construct once and share between threads.
 *
 * <p>Mapping rules, id rules and per-message-type coverage are in {@code docs/hl7v2-mapping.md}.
 */
public final class Hl7v2Converter {

    /** Value of {@link NormalizedEvent#format()} for HL7 v2 input. */
    public static final String FORMAT = "hl7v2";

    private final Hl7Limits limits;
    private final SenderTimeZones timeZones;

    /** A converter with {@link Hl7Limits#DEFAULTS}; offset-less times read as UTC unless MSH-7 has an offset. */
    public Hl7v2Converter() {
        this(Hl7Limits.DEFAULTS, SenderTimeZones.UTC);
    }

    /** A converter that refuses messages over these limits before parsing them. */
    public Hl7v2Converter(Hl7Limits limits) {
        this(limits, SenderTimeZones.UTC);
    }

    /** @param timeZones the zones offset-less times of each feed are local to */
    public Hl7v2Converter(SenderTimeZones timeZones) {
        this(Hl7Limits.DEFAULTS, timeZones);
    }

    /**
     * @param limits    messages over these are refused before they are parsed
     * @param timeZones the zones offset-less times of each feed are local to
     */
    public Hl7v2Converter(Hl7Limits limits, SenderTimeZones timeZones) {
        this.limits = limits;
        this.timeZones = timeZones;
    }

    /** @return the limits this converter checks */
    public Hl7Limits limits() {
        return limits;
    }

    /**
     * @param raw ER7 text as received (any line break style; BOM and junk before MSH tolerated)
     * @return the event; its warnings list problems that did not stop the conversion
     * @throws Hl7RejectedException for an unusable header, an ACK, a message over a limit, or a missing
     *                              PID/PID-3/TXA
     * @throws ConversionException  never anything else: unexpected failures are wrapped as code 207
     */
    public NormalizedEvent convert(String raw) throws ConversionException {
        Er7Text.Cleaned cleaned = Er7Text.clean(raw);
        Hl7MessageHeader header = Hl7HeaderReader.fromCleaned(cleaned);
        Hl7Batch.rejectIfSeveral(raw, cleaned.text());
        if ("ACK".equals(header.messageCode())) {
            throw new Hl7RejectedException(Hl7RejectedException.UNSUPPORTED_MESSAGE_TYPE, "MSH", 9, true,
                    "ACK messages carry no clinical data");
        }
        limits.checkCleaned(cleaned.text());
        try {
            return convert(cleaned, header);
        } catch (ConversionException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a mapper bug must not take the consumer down; the reason names the exception type, not data
            throw new Hl7RejectedException(Hl7RejectedException.APPLICATION_INTERNAL_ERROR, "", 0, false,
                    "internal error converting " + header.messageType() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private NormalizedEvent convert(Er7Text.Cleaned cleaned, Hl7MessageHeader header) throws ConversionException {
        Er7Delimiters delimiters = Er7Delimiters.of(header);
        String text = cleaned.text();
        List<Er7Segment> segments = new ArrayList<>(32);
        int start = 0;
        while (start <= text.length()) {
            int cr = text.indexOf('\r', start);
            int stop = cr < 0 ? text.length() : cr;
            if (stop > start) {
                segments.add(Er7Segment.parse(text.substring(start, stop), delimiters));
            }
            if (cr < 0) {
                break;
            }
            start = cr + 1;
        }
        ZoneId configured = timeZones.configured(header);
        Hl7DateTime sent = Hl7DateTime.parse(header.timestamp());
        ZoneOffset sentOffset = sent != null && sent.offsetGiven() && sent.hasTime() ? sent.offset() : null;
        ZoneId senderZone = configured != null ? configured
                : sentOffset != null ? sentOffset : timeZones.defaultZone();
        ConversionContext ctx = new ConversionContext(header, segments, limits, senderZone);
        cleaned.warnings().forEach(ctx::warn);
        if (configured != null && sentOffset != null
                && !configured.getRules().getOffset(sent.instant()).equals(sentOffset)) {
            ctx.warn("MSH-7 (date/time of message) has offset " + sentOffset.getId() + " but this feed's time zone "
                    + configured.getId() + " was " + configured.getRules().getOffset(sent.instant()).getId()
                    + " then; times without an offset are read in " + configured.getId());
        }
        headerWarnings(text, header, ctx);
        eventTime(segments, ctx);
        new MessageWalk(ctx).run();
        ProvenanceMapper.map(ctx);
        Bundle bundle = ctx.bundle.build(DeterministicIds.of("Bundle", ctx.messageKey), ctx.eventTime);
        return new NormalizedEvent(bundle, ctx.patient.getReference(), header.messageType(), ctx.eventTime,
                header.controlId(), FORMAT, ctx.warnings);
    }

    private static void headerWarnings(String text, Hl7MessageHeader h, ConversionContext ctx) {
        if (text.startsWith("MSH" + h.fieldSeparator() + Hl7HeaderReader.DOUBLED_ESCAPE + h.fieldSeparator())) {
            ctx.warn("MSH-2 (encoding characters) has a doubled escape character; read as ^~\\&");
        }
        if (h.sendingApplication().isEmpty()) {
            ctx.warn("MSH-3 (sending application) is empty");
        }
        if (h.version().isEmpty()) {
            ctx.warn("MSH-12 (version id) is empty; read as 2.5.1");
        }
    }

    /** EVN-2 (recorded date/time) when present and valid, else MSH-7. */
    private static void eventTime(List<Er7Segment> segments, ConversionContext ctx) {
        Hl7DateTime time = null;
        for (Er7Segment s : segments) {
            if ("EVN".equals(s.name())) {
                time = ctx.dateTime(s, 2, "recorded date/time");
                break;
            }
        }
        if (time == null) {
            time = ctx.dateTime(segments.get(0), 7, "date/time of message");
        }
        if (time != null) {
            ctx.eventTime = time.instant();
            ctx.eventDateTime = time.toDateTime();
        } else {
            ctx.warn("no event time: EVN-2 and MSH-7 are empty or invalid");
        }
    }
}
