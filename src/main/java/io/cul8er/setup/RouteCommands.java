package io.cul8er.setup;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell text for routes between hosts, as pure strings: what to probe, turning IP forwarding
 * on, adding and removing a route. The files that keep routes across reboots are {@link RouteFiles}.
 */
public final class RouteCommands {
  static final String FORWARD_CONF = "/etc/sysctl.d/60-cul8er-forward.conf";

  private RouteCommands() {}

  /**
   * Prints machine_id, ip_forward, networkd and network_manager (running), one {@code route=} line
   * per IPv4 route, {@code addr=DEV CIDR} per address, {@code link=DEV IFUPDOWN NETWORK_FILE} per
   * interface with an address, {@code peer=PEER ADDRESS ROUTE-GET} per peer and, for every route
   * file setup wrote, {@code owned=PATH} followed by its lines as {@code owned_line=LINE}.
   */
  static String probe(List<String> peers) {
    String names = peers.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    return String.join("\n",
        "echo \"machine_id=$(cat /etc/machine-id 2>/dev/null)\"",
        "echo \"ip_forward=$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null)\"",
        // a non-root systemctl needs D-Bus, which minimal hosts lack: the daemons' files in /run tell too
        "if systemctl is-active --quiet systemd-networkd 2>/dev/null || [ -e /run/systemd/netif/state ]; then echo networkd=yes; fi",
        "if systemctl is-active --quiet NetworkManager 2>/dev/null || [ -e /run/NetworkManager/NetworkManager.pid ]; then",
        "  echo network_manager=yes",
        "fi",
        "if command -v ip >/dev/null 2>&1; then",
        "  ip -4 route show 2>/dev/null | sed 's/^/route=/'",
        "  ip -4 -o addr show 2>/dev/null | awk '{print \"addr=\" $2 \" \" $4}'",
        "  for d in $(ip -4 -o addr show 2>/dev/null | awk '$2 != \"lo\" {print $2}' | sort -u); do",
        "    f=''; i=$(cat /sys/class/net/$d/ifindex 2>/dev/null)",
        "    if [ -n \"$i\" ]; then f=$(sed -n 's/^NETWORK_FILE=//p' /run/systemd/netif/links/$i 2>/dev/null); fi",
        "    u=no; if command -v ifquery >/dev/null 2>&1 && ifquery \"$d\" >/dev/null 2>&1; then u=yes; fi",
        "    echo \"link=$d $u ${f:--}\"",
        "  done",
        "  for p in " + names + "; do",
        "    case \"$p\" in *[!0-9.]*) a=$(getent ahostsv4 \"$p\" 2>/dev/null | awk 'NR==1 {print $1}');; *) a=$p;; esac",
        "    r=''; if [ -n \"$a\" ]; then r=$(ip -4 route get \"$a\" 2>/dev/null | head -n 1); fi",
        "    echo \"peer=$p ${a:--} $r\"",
        "  done",
        "fi",
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
