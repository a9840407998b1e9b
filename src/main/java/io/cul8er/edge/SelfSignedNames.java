package io.cul8er.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The names a host's self-signed edge certificate is made for: localhost, the host's name and its addresses. */
final class SelfSignedNames {
  private SelfSignedNames() {}

  static List<String> ofThisHost() {
    List<String> names = new ArrayList<>();
    try {
      InetAddress host = InetAddress.getLocalHost();
      names.add(host.getHostName());
      names.add(host.getHostAddress());
    } catch (UnknownHostException unnamed) {
      // localhost and 127.0.0.1 still name it
    }
    return of(names);
  }

  /** localhost, 127.0.0.1, then {@code hostNamesAndAddresses} (a remote host's, as it says them), each once. */
  static List<String> of(List<String> hostNamesAndAddresses) {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
    hostNamesAndAddresses.stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(n -> addNew(names, n));
    return names;
  }

  private static void addNew(List<String> names, String name) {
    if (!names.contains(name) && !name.contains("%")) {
      names.add(name);
    }
  }
}
