package io.cul8er.incus.https;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.LiveComponents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Incus daemon on this machine, listening on 127.0.0.1 for the duration of a test class:
 * sets {@code core.https_address} when it is unset (and unsets it on close), issues trust tokens
 * with the {@code incus} command, and removes every token and certificate a test added.
 */
public final class LocalIncusHttps implements AutoCloseable {
  private static final Path SERVER_CERTIFICATE = Path.of("/var/lib/incus/server.crt");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server server;
  private final boolean addressSetHere;
  private final List<String> issuedTokens = new ArrayList<>();
  private final Set<Fingerprint> addedClients = new HashSet<>();

  private LocalIncusHttps(Server server, boolean addressSetHere) {
    this.server = server;
    this.addressSetHere = addressSetHere;
  }

  /** Makes the local daemon listen on loopback; without Incus here, skips the test (fails it under CI). */
  public static LocalIncusHttps start() {
    LiveComponents.requireIncus();
    String current = incus("config", "get", "core.https_address").strip();
    if (!current.isEmpty()) {
      // Someone else (another test run) made it listen: share it and leave it as it is.
      int port = Integer.parseInt(current.substring(current.lastIndexOf(':') + 1));
      return new LocalIncusHttps(new Server("127.0.0.1", port), false);
    }
    Server server = new Server("127.0.0.1", freePort());
    incus("config", "set", "core.https_address", server.toString());
    return new LocalIncusHttps(server, true);
  }

  public Server server() {
    return server;
  }

  /** A fresh token from {@code incus config trust add NAME}, as the command prints it. */
  public String issueToken(String clientName) {
    issuedTokens.add(clientName);
    String output = incus("config", "trust", "add", clientName).strip();
    return output.substring(output.lastIndexOf('\n') + 1).strip();
  }

  public boolean tokenPending(String clientName) {
    for (JsonNode token : json("config", "trust", "list-tokens", "--format", "json")) {
      if (token.path("client_name").asText().equals(clientName)) {
        return true;
      }
    }
    return false;
  }

  /** The fingerprints of every client certificate the daemon trusts. */
  public Set<Fingerprint> trustedClients() {
    Set<Fingerprint> trusted = new HashSet<>();
    json("config", "trust", "list", "--format", "json")
        .forEach(entry -> trusted.add(Fingerprint.parse(entry.path("fingerprint").asText())));
    return trusted;
  }

  /** Removes the daemon's trust in {@code client} now, and at the latest on close. */
  public void untrust(Fingerprint client) {
    if (trustedClients().contains(client)) {
      incus("config", "trust", "remove", client.hex());
    }
    addedClients.remove(client);
  }

  /** Records that a test made the daemon trust {@code client}, to remove it on close. */
  public void added(Fingerprint client) {
    addedClients.add(client);
  }

  /** What the daemon's own certificate file says, independent of any token. */
  public Fingerprint serverFingerprint() {
    try (InputStream in = Files.newInputStream(SERVER_CERTIFICATE)) {
      return Fingerprint.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException("Could not read " + SERVER_CERTIFICATE, e);
    }
  }

  @Override
  public void close() {
    for (String name : issuedTokens) {
      if (tokenPending(name)) {
        incus("config", "trust", "revoke-token", name);
      }
    }
    for (Fingerprint client : Set.copyOf(addedClients)) {
      untrust(client);
    }
    if (addressSetHere) {
      incus("config", "unset", "core.https_address");
    }
  }

  private static JsonNode json(String... arguments) {
    try {
      return JSON.readTree(incus(arguments));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String incus(String... arguments) {
    List<String> command = new ArrayList<>(List.of("incus", "--force-local"));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed: "
            + new String(output, StandardCharsets.UTF_8));
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free loopback port", e);
    }
  }
}
