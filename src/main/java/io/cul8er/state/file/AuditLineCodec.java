package io.cul8er.state.file;

import io.cul8er.state.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** One audit entry as one line of JSON, newline included. */
final class AuditLineCodec {
  static final int VERSION = 1;

  private AuditLineCodec() {}

  static byte[] encode(AuditEntry entry) {
    return JsonLines.encode(Line.of(entry));
  }

  static AuditEntry decode(String line, String source) {
    return JsonLines.decode(line, Line.class, VERSION, "audit", "audit entry", source);
  }

  record Line(
      int version,
      Instant at,
      String user,
      String host,
      String operation,
      String topology,
      String outcome,
      Duration duration,
      String lineage,
      long serialBefore,
      long serialAfter,
      String summary)
      implements JsonLines.Shape<AuditEntry> {

    Line {
      Object[] values = {at, user, host, operation, topology, outcome, duration, lineage, summary};
      String[] names = {
        "at", "user", "host", "operation", "topology", "outcome", "duration", "lineage", "summary"
      };
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          throw new IllegalArgumentException("\"" + names[i] + "\" is missing");
        }
      }
    }

    static Line of(AuditEntry e) {
      return new Line(
          VERSION,
          e.at(),
          e.user(),
          e.host(),
          e.operation(),
          e.topology(),
          e.outcome().name().toLowerCase(Locale.ROOT),
          e.duration(),
          e.lineage(),
          e.serialBefore(),
          e.serialAfter(),
          e.summary());
    }

    @Override
    public AuditEntry value() {
      return new AuditEntry(
          at,
          user,
          host,
          operation,
          topology,
          AuditEntry.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)),
          duration,
          lineage,
          serialBefore,
          serialAfter,
          summary);
    }
  }
}
