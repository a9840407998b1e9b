package io.cul8er.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.cli.CookieMember;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster with a cookie deployed with its state in the test PostgreSQL: the cookie is in no row
 * of any table of the backend (state versions, history, locks, audit), while the audit rows and the
 * cookie's keyed digest are there.
 */
class PostgresSecretsIT {
  @RegisterExtension final SchemaPerTest schema = new SchemaPerTest();
  private final String name = "pgs" + UUID.randomUUID().toString().substring(0, 6);
  private final String cookie = "pgc00kie-" + UUID.randomUUID();
  @TempDir Path dir;
  private Path file;

  @AfterEach
  void cleanUp() throws Exception {
    if (file != null) {
      Cul8erProcess.run(environment(), "destroy", name, "-f", file.toString(), "--yes");
    }
    for (String instance : run("incus", "list", name + "-", "-c", "n", "-f", "csv").split("\n")) {
      if (!instance.isBlank()) {
        run("incus", "delete", "-f", instance.trim());
      }
    }
  }

  @Test
  void theCookieIsInNoRowOfTheBackendAndTheAuditIs() throws Exception {
    file = dir.resolve(name + ".cul8");
    Files.writeString(file, "topology :" + name + " do\n"
        + "  host :local do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  state backend: :postgres, url: \"" + schema.url() + "\", password: [from: :file, path: \""
        + schema.server.passwordFile() + "\"]\n"
        + CookieMember.resources(dir)
        + "end\n");

    Cul8erProcess deploy = Cul8erProcess.run(environment(), "deploy", name, "-f", file.toString());

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(deploy.output()).contains("Cluster hello formed").doesNotContain(cookie);
    assertThat(CookieMember.startedCookies(name)).containsOnly(CookieMember.sha256(cookie));
    List<String> rows = everyRow();
    assertThat(rows).as("rows of the backend").anyMatch(row -> row.contains("deploy") && row.contains(name))
        .anyMatch(row -> row.contains("user.cul8er.secret.cluster-hello-cookie"))
        .allSatisfy(row -> assertThat(row).doesNotContain(cookie));
  }

  private Map<String, String> environment() {
    return Map.of(CookieMember.COOKIE_VARIABLE, cookie);
  }

  /** Every row of every table of this test's schema, as text. */
  private List<String> everyRow() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = schema.server.connect(schema.url())) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
        query.setString(1, schema.name());
        try (ResultSet result = query.executeQuery()) {
          while (result.next()) {
            tables.add(result.getString(1));
          }
        }
      }
      assertThat(tables).as("tables of schema " + schema.name()).isNotEmpty();
      for (String table : tables) {
        try (Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery(
                "SELECT t::text FROM " + schema.name() + ".\"" + table + "\" t")) {
          while (result.next()) {
            rows.add(table + ": " + result.getString(1));
          }
        }
      }
    }
    return rows;
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return output;
  }
}
