package io.cul8er.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** How one member is asked which members it sees. Data only: the engine runs it. */
public sealed interface ProbeSpec {

  /**
   * A command to run inside the member's instance, from the release's directory, with the
   * member's cluster environment (the env file sourced); it prints the members it sees.
   */
  record Exec(List<String> argv) implements ProbeSpec {
    public Exec {
      argv = List.copyOf(argv);
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("a membership probe command cannot be empty");
      }
    }
  }

  /**
   * An HTTP GET that answers {@code {"members":[...]}}. A URL naming the instance itself
   * ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}) is sent to the member's address, as
   * health checks are; any other host is used as written.
   */
  record Http(URI url) implements ProbeSpec {
    public Http {
      String scheme = url.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException("membership probe endpoint '" + url + "' is not an http:// URL with a host");
      }
    }

    public static Http parse(String url) {
      try {
        return new Http(new URI(url));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "membership probe endpoint '" + url + "' is not a URL: " + e.getReason(), e);
      }
    }

    /** The URL to request from the host for {@code member}. */
    public URI urlFor(Member member) {
      String host = url.getHost().toLowerCase(Locale.ROOT);
      boolean local = host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
      if (!local) {
        return url;
      }
      try {
        return new URI(url.getScheme(), url.getRawUserInfo(), member.address(), url.getPort(),
            url.getPath(), url.getQuery(), url.getFragment());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "membership probe endpoint '" + url + "' cannot be sent to " + member.address() + ": " + e.getReason(), e);
      }
    }
  }
}
