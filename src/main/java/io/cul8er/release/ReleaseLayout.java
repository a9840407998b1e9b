package io.cul8er.release;

import io.cul8er.model.Release;

/**
 * Where a release lives inside an instance. Every version is unpacked in its own directory; {@code
 * current} points at the active one, so switching versions (and switching back) is one symlink.
 *
 * <pre>
 * /opt/cul8er/NAME/releases/VERSION/   the unpacked artifact
 * /opt/cul8er/NAME/current -> releases/VERSION
 * /opt/cul8er/NAME/run                 the supervised start script
 * /opt/cul8er/NAME/env                 cluster settings and secrets (0600, root)
 * /var/log/cul8er/NAME.log             the release's output
 * /run/cul8er/NAME.pid                 the running process
 * </pre>
 */
public record ReleaseLayout(String name) {
  public static final String ROOT = "/opt/cul8er";

  public ReleaseLayout {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("Not a usable release name: '" + name + "'");
    }
  }

  public static ReleaseLayout of(Release release) {
    return new ReleaseLayout(release.name());
  }

  public String home() {
    return ROOT + "/" + name;
  }

  public String versionDir(String version) {
    return home() + "/releases/" + version;
  }

  public String current() {
    return home() + "/current";
  }

  public String runScript() {
    return home() + "/run";
  }

  public String envFile() {
    return home() + "/env";
  }

  public String upload(String version) {
    return home() + "/incoming-" + version + ".tar.gz";
  }

  public String log() {
    return "/var/log/cul8er/" + name + ".log";
  }

  public String pidFile() {
    return "/run/cul8er/" + name + ".pid";
  }

  /** The supervisor's service name (systemd unit, OpenRC service). */
  public String service() {
    return "cul8er-" + name;
  }
}
