package io.chartbrief.cli.dlq;

import io.chartbrief.cli.DurationConverter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A time bound: an ISO-8601 instant or offset date-time, a local date-time or date (read as UTC), or a duration
 * back from now ({@code 90m}, {@code 2h}, {@code P1D}).
 */
final class TimeBoundConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Instant.now().minus(new DurationConverter().convert(v));
        } catch (TypeConversionException e) {
            throw new TypeConversionException("'" + value + "' is neither an ISO-8601 time (2026-12-04T08:00:00Z,"
                    + " 2026-12-04) nor a duration back from now (90m, 2h, P1D)");
        }
    }
}
