package io.cul8er.incus.api;

import java.util.List;

/** What {@code GET /1.0} says about the daemon. */
public record ServerInfo(
    String apiVersion, List<String> apiExtensions, String auth, Environment environment) {

  public ServerInfo {
    apiExtensions = Copies.list(apiExtensions);
  }

  public boolean hasExtension(String extension) {
    return apiExtensions.contains(extension);
  }

  /** The daemon's environment, as far as C U L8er cares. */
  public record Environment(
      String serverName, String serverVersion, String kernel, String kernelVersion,
      String storage) {}
}
