package io.cul8er.incus.https;

import io.cul8er.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS server on loopback presenting its own self-signed certificate, standing in for a server
 * that replaced (or impersonates) a pinned one. It counts the application bytes it receives.
 */
final class ImpostorTlsServer implements AutoCloseable {
  private final SSLServerSocket socket;
  private final X509Certificate certificate;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final CompletableFuture<Void> done;

  ImpostorTlsServer() throws GeneralSecurityException, IOException {
    KeyPair keys = SelfSignedCertificate.newKeyPair();
    certificate = SelfSignedCertificate.clientCertificate(keys, "impostor", Instant.now());
    char[] password = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, password);
    store.setKeyEntry("impostor", keys.getPrivate(), password, new Certificate[] {certificate});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, password);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keyManagers.getKeyManagers(), null, null);
    socket = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 4, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(30_000);
    done = CompletableFuture.runAsync(this::serveOne);
  }

  private void serveOne() {
    try (Socket client = socket.accept()) {
      connections.incrementAndGet();
      client.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      byte[] buffer = new byte[4096];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        received.addAndGet(n);
      }
    } catch (IOException expected) {
      // the client aborts the handshake
    }
  }

  Server server() {
    return new Server("127.0.0.1", socket.getLocalPort());
  }

  Fingerprint fingerprint() {
    return Fingerprint.of(certificate);
  }

  /** Waits for the one connection to end, then says how many request bytes arrived. */
  long bytesReceived() {
    done.join();
    return received.get();
  }

  long connections() {
    done.join();
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
