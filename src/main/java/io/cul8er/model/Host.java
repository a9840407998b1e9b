package io.cul8er.model;

/** A machine running Incus, and how C U L8er reaches it. */
public record Host(String name, String address, String platform, Connection connection, SourcePos pos)
    implements Positioned {

  public boolean isLocal() {
    return connection instanceof Connection.LocalSocket;
  }
}
