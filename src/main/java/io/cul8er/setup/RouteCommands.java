package io.cul8er.setup;

import io.cul8er.network.Cidr;
import io.cul8er.network.NetworkProbe;
import java.util.List;

/**
 * The shell text for routes between hosts, as pure strings: what to probe, turning IP forwarding
 * on, adding and removing a route. The files that keep routes across reboots are {@link RouteFiles}.
 */
public final class RouteCommands {
  static final String FORWARD_CONF = "/etc/sysctl.d/60-cul8er-forward.conf";

  private RouteCommands() {}

  /**
   * What {@link NetworkProbe#routes} prints, then, for every route file setup wrote, {@code
   * owned=PATH} followed by its lines as {@code owned_line=LINE}.
   */
  static String probe(List<String> peers) {
    return String.join("\n",
        NetworkProbe.routes(peers),
        "for f in " + RouteFiles.PROBED + "; do",
        "  if [ -f \"$f\" ]; then echo \"owned=$f\"; sed 's/^/owned_line=/' \"$f\"; fi",
        "done");
  }

  /** Turns IPv4 forwarding on now and at every boot. */
  static String forwardOn() {
    return "sysctl -w net.ipv4.ip_forward=1 && echo 'net.ipv4.ip_forward = 1' > " + FORWARD_CONF;
  }

  static String replace(Cidr subnet, String gateway) {
    return "ip route replace " + subnet + " via " + gateway;
  }

  static String delete(Cidr subnet, String gateway) {
    return "ip route del " + subnet + " via " + gateway;
  }
}
