package io.cul8er.dsl;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.util.Optional;
import java.util.Set;

/** {@code host :name do address "..."; platform :debian; ssh ... end}. */
final class HostReader {
  private final Diagnostics diagnostics;
  private final Origins origins;
  private String address;
  private SourcePos platformPos;
  private String platform;
  private Connection connection;
  private String connectionSetting;

  private HostReader(Diagnostics diagnostics, Origins origins) {
    this.diagnostics = diagnostics;
    this.origins = origins;
  }

  static Host read(Checked host, Diagnostics diagnostics, Origins origins) {
    return new HostReader(diagnostics, origins).host(host);
  }

  private Host host(Checked host) {
    String name = host.declaredName();
    Set<String> attempted = Schemas.HOST.read(host.body(), diagnostics, this::setting);
    boolean written = host.call().block().isPresent();
    if (address == null && written && !attempted.contains("address")) {
      diagnostics.error(host.pos(), "host `" + name + "` has no address", "add `address \"10.0.1.20\"` (or \"localhost\")");
    }
    if (platform == null && written && !attempted.contains("platform")) {
      diagnostics.error(host.pos(), "host `" + name + "` has no platform", "add `platform :debian`");
    }
    address = address == null ? "" : address;
    platform = platform == null ? "" : platform;
    if (connection == null) {
      connection = Defaults.connectionFor(address, host.pos());
    }
    Host read = new Host(name, address, platform, connection, host.pos());
    if (platformPos != null) {
      origins.record(read, "platform", platformPos);
    }
    if (!host.has(0)) {
      origins.markBroken(read);
    }
    return read;
  }

  private void setting(Checked c) {
    switch (c.name()) {
      case "address" -> address = c.string(0);
      case "platform" -> {
        platform = c.atom(0);
        platformPos = c.arg(0).pos();
      }
      case "socket" -> connect(c, new Connection.LocalSocket(c.string(0), c.pos()));
      case "ssh" -> connect(c, new Connection.Ssh(
          c.keywordString("user"),
          c.keywordInt("port").map(Checked::narrow),
          c.keywordString("key"),
          c.keywordString("socket").orElse(Connection.DEFAULT_SOCKET),
          c.pos()));
      case "https" -> {
        Optional<SecretRef> token = Optional.empty();
        if (c.keyword("token").isPresent()) {
          token = SecretReader.fromList("`https token:`", c.keyword("token").get(), diagnostics);
          if (token.isEmpty()) {
            return;
          }
        }
        int port = c.keywordInt("port").map(Checked::narrow).orElse(Defaults.HTTPS_PORT);
        connect(c, new Connection.Https(port, token, c.pos()));
      }
      default -> throw new IllegalStateException("no reader for host setting " + c.name());
    }
  }

  private void connect(Checked c, Connection chosen) {
    if (connection != null) {
      diagnostics.error(c.pos(), "a host is reached one way: `" + c.name() + "` conflicts with `"
          + connectionSetting + "`", "keep one of socket, ssh and https");
      return;
    }
    connection = chosen;
    connectionSetting = c.name();
  }
}
