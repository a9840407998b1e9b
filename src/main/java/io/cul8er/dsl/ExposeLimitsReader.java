package io.cul8er.dsl;

import io.cul8er.dsl.ast.Arg;
import io.cul8er.dsl.ast.Value;
import io.cul8er.model.EdgeLimits;
import io.cul8er.model.Protocol;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code do ... end} block of an {@code expose}: the limits the edge puts on the port. A value
 * that would make a limit unlimited or refuse everything (0, a timeout HAProxy reads as none) is an
 * error at that value; a setting for HTTP on a TCP port, or {@code hsts} on a port without TLS, is an
 * error at the setting. Whatever is wrong keeps its default, so that nothing else is reported for it.
 */
final class ExposeLimitsReader {
  /** HAProxy keeps timeouts in signed 32-bit milliseconds: about 24.8 days. */
  static final Duration LONGEST_TIMEOUT = Duration.ofDays(24);

  private final Diagnostics diagnostics;
  private final Optional<Protocol> protocol;
  private final int port;
  private long maxBody = EdgeLimits.DEFAULT.maxBodyBytes();
  private Duration connect = EdgeLimits.DEFAULT.connectTimeout();
  private Duration client = EdgeLimits.DEFAULT.clientTimeout();
  private Duration server = EdgeLimits.DEFAULT.serverTimeout();
  private int maxConnections = EdgeLimits.DEFAULT.maxConnections();
  private EdgeLimits.RateLimit rateLimit = EdgeLimits.DEFAULT.rateLimit();
  private Optional<Duration> hsts = EdgeLimits.DEFAULT.hsts();

  private ExposeLimitsReader(Diagnostics diagnostics, Optional<Protocol> protocol, int port) {
    this.diagnostics = diagnostics;
    this.protocol = protocol;
    this.port = port;
  }

  /** The limits of {@code expose}, the defaults for what its block (if any) does not set. */
  static EdgeLimits read(Checked expose, Optional<Protocol> protocol, Diagnostics diagnostics) {
    ExposeLimitsReader reader = new ExposeLimitsReader(diagnostics, protocol, Checked.narrow(
        expose.keywordInt("as").or(() -> expose.keywordInt("port")).orElse(0L)));
    Schemas.EXPOSE.read(expose.body(), diagnostics, reader::setting);
    return new EdgeLimits(reader.maxBody, reader.connect, reader.client, reader.server, reader.maxConnections,
        reader.rateLimit, reader.hsts);
  }

  private void setting(Checked c) {
    switch (c.name()) {
      case "max_body" -> {
        if (httpOnly(c)) {
          Units.bytes(c, diagnostics).filter(bytes -> atLeastOne(c, bytes, "would refuse every request with a body",
              "give at least 1 byte; the default is `megabytes: 10`")).ifPresent(bytes -> maxBody = bytes);
        }
      }
      case "connect_timeout" -> timeout(c).ifPresent(d -> connect = d);
      case "client_timeout" -> timeout(c).ifPresent(d -> client = d);
      case "server_timeout" -> timeout(c).ifPresent(d -> server = d);
      case "max_connections" -> {
        long n = c.integer(0);
        if (n < 1) {
          diagnostics.error(c.arg(0).pos(), "`max_connections " + n + "` would let no connection reach an instance",
              "give at least 1 connection per instance; the default is 100");
        } else {
          maxConnections = Checked.narrow(n);
        }
      }
      case "rate_limit" -> rateLimit(c);
      case "hsts" -> hsts(c);
      default -> throw new IllegalStateException("no reader for expose setting " + c.name());
    }
  }

  private Optional<Duration> timeout(Checked c) {
    return Units.duration(c, diagnostics).filter(d -> {
      Value value = c.onlyKeyword().value();
      if (d.isZero()) {
        diagnostics.error(value.pos(), "`" + text(c) + "` is no time at all: HAProxy reads 0 as no timeout",
            "give at least `milliseconds: 1`");
        return false;
      }
      if (d.compareTo(LONGEST_TIMEOUT) > 0) {
        diagnostics.error(value.pos(), "`" + text(c) + "` is longer than HAProxy's longest timeout",
            "give at most `hours: " + LONGEST_TIMEOUT.toHours() + "`");
        return false;
      }
      return true;
    });
  }

  private void rateLimit(Checked c) {
    long requests = c.integer(0);
    Optional<Duration> per = Units.duration(c, diagnostics);
    if (requests < 1) {
      diagnostics.error(c.arg(0).pos(), "`rate_limit " + requests + "` would refuse every request",
          "give at least 1 request per period; the default is `rate_limit 10_000, seconds: 10`");
      return;
    }
    if (per.isPresent() && per.get().isZero()) {
      diagnostics.error(c.onlyKeyword().value().pos(), "`rate_limit " + requests + ", "
          + keywordText(c.onlyKeyword()) + "` has no period", "count the requests over at least `seconds: 1`");
      return;
    }
    if (per.isPresent() && per.get().compareTo(LONGEST_TIMEOUT) > 0) {
      diagnostics.error(c.onlyKeyword().value().pos(), "`rate_limit " + requests + ", "
          + keywordText(c.onlyKeyword()) + "` counts over more than HAProxy can", "count over at most `hours: "
          + LONGEST_TIMEOUT.toHours() + "`");
      return;
    }
    per.ifPresent(d -> rateLimit = new EdgeLimits.RateLimit(Checked.narrow(requests), d));
  }

  private void hsts(Checked c) {
    if (!protocol.equals(Optional.of(Protocol.HTTPS))) {
      protocol.ifPresent(p -> diagnostics.error(c.pos(), "`hsts` is for `protocol: :https`, where the edge terminates"
          + " TLS; port " + port + " is `:" + Choices.PROTOCOL.atomOf(p) + "`",
          "add `protocol: :https` to the `expose` or remove `hsts`"));
      return;
    }
    hsts = Units.duration(c, diagnostics);
  }

  /** Body limits are for HTTP; a port of an unknown protocol was reported already. */
  private boolean httpOnly(Checked c) {
    if (protocol.isEmpty() || protocol.get() == Protocol.HTTP || protocol.get() == Protocol.HTTPS) {
      return true;
    }
    diagnostics.error(c.pos(), "`" + c.name() + "` is for HTTP ports; port " + port + " is `:"
        + Choices.PROTOCOL.atomOf(protocol.get()) + "`", "use `protocol: :http` or `:https`, or remove `" + c.name() + "`");
    return false;
  }

  private boolean atLeastOne(Checked c, long amount, String consequence, String hint) {
    if (amount >= 1) {
      return true;
    }
    diagnostics.error(c.onlyKeyword().value().pos(), "`" + text(c) + "` " + consequence, hint);
    return false;
  }

  private static String text(Checked c) {
    return c.name() + " " + keywordText(c.onlyKeyword());
  }

  private static String keywordText(Arg.Keyword kw) {
    return kw.key() + ": " + ((Value.Int) kw.value()).value();
  }
}
