package io.cul8er.incus.endpoint;

/** {@code DELETE} of an instance log file by its API path. */
public record DeleteLogFile(String logPath) implements IncusEndpoint<Void> {

  @Override
  public String method() {
    return "DELETE";
  }

  @Override
  public String path() {
    return logPath;
  }

  @Override
  public String action() {
    return "delete log " + logPath.substring(logPath.lastIndexOf('/') + 1);
  }

  @Override
  public Void decode(Reply reply) {
    return null;
  }
}
