package io.cul8er.incus.https;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server certificates pinned at first contact, one small JSON file per server:
 * {@code servers/127.0.0.1_8443.fingerprint}, mode 0600, holding the server, the fingerprint and
 * when it was pinned. Removing a file makes the next contact a first contact again.
 */
public final class ServerPins {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;

  /** Pins kept in {@code directory} (for example {@code ~/.config/cul8er/servers}). */
  public ServerPins(Path directory) {
    this.directory = directory;
  }

  public Path fileFor(Server server) {
    return directory.resolve(server.fileKey() + ".fingerprint");
  }

  /**
   * The pin of {@code server}, if it has one.
   *
   * @throws Cul8erException when its file exists but cannot be read as a pin
   */
  public Optional<ServerPin.Stored> find(Server server) {
    Path file = fileFor(server);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode json = JSON.readTree(file.toFile());
      return Optional.of(new ServerPin.Stored(
          Fingerprint.parse(json.path("fingerprint").asText()),
          Instant.parse(json.path("pinned_at").asText()),
          file));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      throw new Cul8erException("Tried to read the pinned certificate of the Incus server at "
          + server + " from " + file + ", but it is not a pin file (" + e.getMessage()
          + "): remove it and re-run with a new trust token", e);
    }
  }

  /** Pins {@code fingerprint} for {@code server}, replacing any earlier pin. */
  public ServerPin.Stored pin(Server server, Fingerprint fingerprint, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> content = new LinkedHashMap<>();
    content.put("server", server.toString());
    content.put("fingerprint", fingerprint.toString());
    content.put("pinned_at", at.toString());
    Path file = fileFor(server);
    try {
      PrivateFiles.write(file, JSON.writeValueAsBytes(content));
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings always encodes", e);
    }
    return new ServerPin.Stored(fingerprint, at, file);
  }
}
