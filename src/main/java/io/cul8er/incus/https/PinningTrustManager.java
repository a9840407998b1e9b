package io.cul8er.incus.https;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server only when its certificate is exactly the pinned one. There is no CA and no host
 * name check: Incus servers present self-signed certificates, and the pin is stricter than both.
 * Being a client only, it refuses to judge client certificates.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final Server server;
  private final ServerPin pin;

  PinningTrustManager(Server server, ServerPin pin) {
    this.server = server;
    this.pin = pin;
  }

  /** Thrown during the handshake, before any request is written. */
  static final class ServerCertificateMismatch extends CertificateException {
    private static final long serialVersionUID = 1L;

    ServerCertificateMismatch(String message) {
      super(message);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("The Incus server at " + server + " presented no certificate");
    }
    Fingerprint presented = Fingerprint.of(chain[0]);
    if (!presented.equals(pin.fingerprint())) {
      throw new ServerCertificateMismatch(pin.refusal(server, presented));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("C U L8er's Incus connection is a client; it accepts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
