package io.cul8er.state.postgres;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh schema in the test database for each test, dropped afterwards, so that every test starts
 * from an empty backend. Register with {@code @RegisterExtension}.
 */
final class SchemaPerTest implements BeforeEachCallback, AfterEachCallback {
  final TestPostgres.Server server = TestPostgres.server();
  private String name;

  @Override
  public void beforeEach(ExtensionContext context) {
    name = server.createSchema();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.dropSchema(name);
  }

  String name() {
    return name;
  }

  /** The JDBC URL of this test's schema. */
  String url() {
    return server.url(name);
  }

  /** The DSL line that keeps a topology's state in this test's schema. */
  String stateBlock() {
    return "  state backend: :postgres, url: \""
        + url()
        + "\", password: [from: :file, path: \""
        + server.passwordFile()
        + "\"]\n";
  }

  Database database() {
    return server.database(name);
  }
}
