package io.cul8er.dsl;

import io.cul8er.dsl.ast.Value;
import io.cul8er.model.DomainNames;
import io.cul8er.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code expose ..., domains: ["shop.example.com"]}: the host names an {@code :http} or {@code
 * :https} port answers on the edge. Each name is checked where it is written; a list that is empty,
 * names one twice or names one a wildcard of the list already covers is refused.
 */
final class DomainsReader {
  private DomainsReader() {}

  static List<String> read(Checked c, Optional<Protocol> protocol, Diagnostics diagnostics) {
    Optional<Value> written = c.keyword("domains");
    if (written.isEmpty() || !(written.get() instanceof Value.ListOf list)) {
      return List.of();
    }
    if (protocol.isPresent() && protocol.get() != Protocol.HTTP && protocol.get() != Protocol.HTTPS) {
      diagnostics.error(list.pos(), "`domains:` is for `protocol: :http` or `:https`, where the edge reads the"
          + " host name of each request", "remove `domains:`, or use `protocol: :http` or `:https`");
      return List.of();
    }
    if (list.items().isEmpty()) {
      diagnostics.error(list.pos(), "`domains:` is empty", "name at least one host name, e.g. [\"shop.example.com\"],"
          + " or remove `domains:` (the port then answers every name and is the topology's alone on each host)");
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (Value item : list.items()) {
      Value.Str name = (Value.Str) item;
      Optional<DomainNames.Problem> problem = DomainNames.problem(name.value());
      if (problem.isPresent()) {
        diagnostics.error(name.pos(), "domain \"" + name.value() + "\" " + problem.get().reason(), problem.get().hint());
        continue;
      }
      Optional<String> before = names.stream().filter(n -> DomainNames.overlap(n, name.value())).findFirst();
      if (before.isPresent()) {
        diagnostics.error(name.pos(), before.get().equals(name.value())
            ? "`domains:` names \"" + name.value() + "\" twice"
            : "domain \"" + name.value() + "\" overlaps \"" + before.get() + "\" in the same `domains:`",
            "list each name once");
        continue;
      }
      names.add(name.value());
    }
    return List.copyOf(names);
  }
}
