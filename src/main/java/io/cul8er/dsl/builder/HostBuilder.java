package io.cul8er.dsl.builder;

import io.cul8er.dsl.Defaults;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.util.Optional;

/** A host: address and platform (both required), and how it is reached (default: {@link Defaults}). */
public final class HostBuilder {
  private final String name;
  private String address;
  private String platform;
  private Connection connection;

  HostBuilder(String name) {
    this.name = name;
  }

  public HostBuilder address(String value) {
    address = value;
    return this;
  }

  public HostBuilder platform(String value) {
    platform = value;
    return this;
  }

  /** SSH with explicit settings; null leaves a setting to ~/.ssh/config. */
  public HostBuilder ssh(String user, Integer port, String keyFile) {
    connection = new Connection.Ssh(Optional.ofNullable(user), Optional.ofNullable(port),
        Optional.ofNullable(keyFile), Connection.DEFAULT_SOCKET, SourcePos.NONE);
    return this;
  }

  public HostBuilder ssh(String user, Integer port, String keyFile, String remoteSocket) {
    connection = new Connection.Ssh(Optional.ofNullable(user), Optional.ofNullable(port),
        Optional.ofNullable(keyFile), remoteSocket, SourcePos.NONE);
    return this;
  }

  public HostBuilder https(int port, SecretRef trustToken) {
    connection = new Connection.Https(port, Optional.ofNullable(trustToken), SourcePos.NONE);
    return this;
  }

  public HostBuilder socket(String path) {
    connection = new Connection.LocalSocket(path, SourcePos.NONE);
    return this;
  }

  Host build() {
    if (address == null || platform == null) {
      throw new IllegalStateException("host `" + name + "` needs an address and a platform");
    }
    Connection how = connection != null ? connection : Defaults.connectionFor(address, SourcePos.NONE);
    return new Host(name, address, platform, how, SourcePos.NONE);
  }
}
