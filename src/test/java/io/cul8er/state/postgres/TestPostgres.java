package io.cul8er.state.postgres;

import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The private PostgreSQL cluster of the tests, started (once per JVM) by {@code
 * scripts/services/postgres.sh}, and a fresh schema per test so that each test sees an empty
 * backend.
 */
final class TestPostgres {
  private static final Path SCRIPT = Path.of("scripts/services/postgres.sh");
  private static Server server;

  /** The test database's URL (without a schema) and the file holding its role's password. */
  record Server(String url, Path passwordFile) {
    SecretRef passwordRef() {
      return new SecretRef.FromFile(passwordFile.toString(), SourcePos.NONE);
    }

    String password() {
      try {
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The URL of {@code schema} in the test database. */
    String url(String schema) {
      return url + "&currentSchema=" + schema;
    }

    Database database(String schema) {
      return new Database(
          new PostgresUrl(url(schema)),
          () -> PostgresPassword.read(Optional.of(passwordRef()), name -> null));
    }

    /** Creates an empty schema with a unique name and returns the name. */
    String createSchema() {
      String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      execute("CREATE SCHEMA " + schema);
      return schema;
    }

    void dropSchema(String schema) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    void execute(String sql) {
      try (Connection connection = connect(url);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("could not run `" + sql + "` on " + url, e);
      }
    }

    Connection connect(String jdbcUrl) throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("password", password());
      return DriverManager.getConnection(jdbcUrl, properties);
    }
  }

  private TestPostgres() {}

  /** Starts the cluster when it is not running (at most two minutes) and says how to reach it. */
  static synchronized Server server() {
    if (server == null) {
      server = start();
    }
    return server;
  }

  private static Server start() {
    try {
      Process process =
          new ProcessBuilder(List.of("bash", SCRIPT.toString(), "start"))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(SCRIPT + " start did not finish within 120 s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            SCRIPT + " start failed (exit " + process.exitValue() + "): " + output);
      }
      return new Server(value(output, "url"), Path.of(value(output, "password-file")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String value(String output, String key) {
    return output
        .lines()
        .filter(line -> line.startsWith(key + "="))
        .map(line -> line.substring(key.length() + 1))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + key + "= in: " + output));
  }
}
