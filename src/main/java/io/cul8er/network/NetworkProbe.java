package io.cul8er.network;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell text that reads a host's networking for {@link NetworkFacts#parse}, as pure strings.
 * Nothing here needs root: {@code cul8er setup} runs it within its own probe, a plan alone, as the
 * deploy user, over the host's SSH session.
 */
public final class NetworkProbe {
  private NetworkProbe() {}

  /** What a plan runs on a host: {@link #routes} and {@link #bridges}, as the login user. */
  public static String script(List<String> peers) {
    return String.join("\n", "S=''", routes(peers), "if command -v incus >/dev/null 2>&1; then", bridges(), "fi");
  }

  /**
   * Prints machine_id, ip_forward, networkd and network_manager (running), one {@code route=} line
   * per IPv4 route, {@code addr=DEV CIDR} per address, {@code link=DEV IFUPDOWN NETWORK_FILE} per
   * interface with an address, and {@code peer=PEER ADDRESS ROUTE-GET} per peer.
   */
  public static String routes(List<String> peers) {
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
        "fi");
  }

  /**
   * Sets {@code B} to the managed bridges and prints {@code bridge=NAME IPV4 NAT} for each and
   * {@code default_bridge=} (the network of the default profile's {@code eth0}), through the
   * {@code incus} command, prefixed with {@code $S} ({@code sudo -n} or nothing).
   */
  public static String bridges() {
    return String.join("\n",
        "  B=$($S incus network list -f csv -c ntm 2>/dev/null | awk -F, '$2==\"bridge\" && $3==\"YES\" {print $1}')",
        "  for b in $B; do",
        "    a=$($S incus network get \"$b\" ipv4.address 2>/dev/null); n=$($S incus network get \"$b\" ipv4.nat 2>/dev/null)",
        "    echo \"bridge=$b ${a:--} ${n:--}\"",
        "  done",
        "  d=$($S incus profile device get default eth0 network 2>/dev/null) || d=''",
        "  [ -n \"$d\" ] || d=$($S incus profile device get default eth0 parent 2>/dev/null) || d=''",
        "  echo \"default_bridge=$d\"");
  }
}
