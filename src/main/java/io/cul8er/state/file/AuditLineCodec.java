package io.cul8er.state.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cul8er.state.AuditEntry;
import io.cul8er.state.StateFormatException;
import io.cul8er.state.StateJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** One audit entry as one line of JSON, newline included. */
final class AuditLineCodec {
  static final int VERSION = 1;

  private AuditLineCodec() {}

  static byte[] encode(AuditEntry entry) {
    try {
      return (StateJson.mapper().writeValueAsString(Line.of(entry)) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an audit entry of " + entry.topology(), e);
    }
  }

  static AuditEntry decode(String line, String source) {
    try {
      Line parsed = StateJson.mapper().readValue(line, Line.class);
      if (parsed.version() != VERSION) {
        throw new StateFormatException(
            source, "it has audit format version " + parsed.version() + ", not " + VERSION);
      }
      return parsed.toEntry();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String reason =
          e instanceof JsonProcessingException j ? StateJson.describe(j) : e.getMessage();
      throw new StateFormatException(source, "it is not a valid audit entry: " + reason, e);
    }
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
      String summary) {

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

    AuditEntry toEntry() {
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
