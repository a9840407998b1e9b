package io.cul8er.incus.endpoint;

/** {@code GET} of an instance log file by its API path (exec output, console log). */
public record GetLogFile(String logPath) implements IncusEndpoint<byte[]> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return logPath;
  }

  @Override
  public boolean rawResponse() {
    return true;
  }

  @Override
  public String action() {
    return "fetch log " + logPath.substring(logPath.lastIndexOf('/') + 1);
  }

  @Override
  public byte[] decode(Reply reply) {
    return reply.body();
  }
}
