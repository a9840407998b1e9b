package io.cul8er.edge;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cul8er.model.Cul8erException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fragments of the host edge, one JSON file per topology in {@code topologies.d/} ({@code
 * shop.json}): the topology's services as data, snake_case, durations in ISO-8601. Written
 * atomically (a temporary file moved into place). The directory's name has a dot, which no
 * topology name has, so it cannot be taken for an old per-topology edge's directory.
 */
final class FragmentStore {
  static final String DIRECTORY = "topologies.d";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .addMixIn(HealthProbe.class, ProbeTypes.class)
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = HealthProbe.Http.class, name = "http"),
    @JsonSubTypes.Type(value = HealthProbe.Tcp.class, name = "tcp")
  })
  private interface ProbeTypes {}

  private final Path directory;

  FragmentStore(Path edgeDirectory) {
    this.directory = edgeDirectory.resolve(DIRECTORY);
  }

  Path directory() {
    return directory;
  }

  Optional<Fragment> read(String topology) {
    Path file = file(topology);
    return Files.isRegularFile(file) ? Optional.of(readFile(file)) : Optional.empty();
  }

  /** Every fragment, by topology name. */
  List<Fragment> all() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Fragment> fragments = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path file : files) {
        fragments.add(readFile(file));
      }
    } catch (IOException e) {
      throw new Cul8erException("Cannot list the host edge's fragments in " + directory + ": " + e.getMessage(), e);
    }
    fragments.sort(Comparator.comparing(Fragment::topology));
    return List.copyOf(fragments);
  }

  void write(Fragment fragment) {
    Path file = file(fragment.topology());
    try {
      Files.createDirectories(directory);
      Path next = directory.resolve("." + fragment.topology() + ".json.next");
      Files.writeString(next, json(fragment));
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new Cul8erException(
          "Cannot write the host edge's fragment of topology " + fragment.topology() + " to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the topology's fragment; false when it had none. */
  boolean delete(String topology) {
    Path file = file(topology);
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new Cul8erException("Cannot delete the host edge's fragment " + file + ": " + e.getMessage(), e);
    }
  }

  private Path file(String topology) {
    return directory.resolve(EdgeNames.topology(topology) + ".json");
  }

  private static Fragment readFile(Path file) {
    try {
      return parse(Files.readString(file), file.getFileName().toString(), file.toString());
    } catch (IOException e) {
      throw new Cul8erException("Cannot read the host edge's fragment " + file + ": " + e.getMessage(), e);
    }
  }

  /** The fragment as its file holds it. */
  static String json(Fragment fragment) {
    try {
      return MAPPER.writeValueAsString(fragment) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the fragment of " + fragment.topology() + " as JSON", e);
    }
  }

  /** The fragment in {@code text}, read from the file {@code fileName} (at {@code where}, for messages). */
  static Fragment parse(String text, String fileName, String where) {
    try {
      Fragment fragment = MAPPER.readValue(text, Fragment.class);
      String expected = fileName.replaceFirst("\\.json$", "");
      if (!fragment.topology().equals(expected)) {
        throw new Cul8erException(
            "The host edge's fragment " + where + " holds topology " + fragment.topology() + ", not " + expected);
      }
      return fragment;
    } catch (IOException | IllegalArgumentException e) {
      throw new Cul8erException("Cannot read the host edge's fragment " + where + ": " + message(e), e);
    }
  }

  private static String message(Exception e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }
}
