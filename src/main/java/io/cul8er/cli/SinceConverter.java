package io.cul8er.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --since}: a duration back from now ({@code 90s}, {@code 10m}, {@code 2h}), or an
 * RFC 3339 time ({@code 2026-12-08T09:30:00Z}, {@code 2026-12-08T10:30:00+01:00}).
 */
final class SinceConverter implements ITypeConverter<Instant> {
  private final Clock clock;

  SinceConverter() {
    this(Clock.systemUTC());
  }

  SinceConverter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(String text) {
    String t = text.trim();
    if (t.matches("\\d{4}-.*")) {
      try {
        return OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT)).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + text + "' is not an RFC 3339 time; write e.g. 2026-12-08T09:30:00Z"
            + " (a zone or offset is needed), or a duration back from now such as 10m");
      }
    }
    try {
      return clock.instant().minus(new DurationConverter().convert(t));
    } catch (TypeConversionException e) {
      throw new TypeConversionException("'" + text + "' is neither a duration back from now (90s, 10m, 2h) nor an"
          + " RFC 3339 time (2026-12-08T09:30:00Z)");
    }
  }
}
