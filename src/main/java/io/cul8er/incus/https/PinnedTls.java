package io.cul8er.incus.https;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The TLS 1.3 settings of one connection: our client certificate, and only the pinned server. */
final class PinnedTls {
  static final String PROTOCOL = "TLSv1.3";

  private PinnedTls() {}

  static SslContextFactory.Client factory(Server server, ServerPin pin, ClientIdentity identity) {
    SslContextFactory.Client factory = new SslContextFactory.Client();
    factory.setSslContext(context(server, pin, identity));
    factory.setIncludeProtocols(PROTOCOL);
    // The pin replaces host name verification: Incus certificates name no IP address.
    factory.setEndpointIdentificationAlgorithm(null);
    return factory;
  }

  private static SSLContext context(Server server, ServerPin pin, ClientIdentity identity) {
    try {
      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, password);
      keys.setKeyEntry("cul8er", identity.privateKey(), password,
          new Certificate[] {identity.certificate()});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(keyManagers.getKeyManagers(),
          new TrustManager[] {new PinningTrustManager(server, pin)}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Could not set up TLS for the Incus server at " + server, e);
    }
  }
}
