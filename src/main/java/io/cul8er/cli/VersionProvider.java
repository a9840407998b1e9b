package io.cul8er.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the Implementation-Version the jar's manifest carries (Maven writes the
 * project's version there), or "development build" when run from classes without a manifest.
 */
final class VersionProvider implements IVersionProvider {
  static final String UNPACKAGED = "development build";

  private final String packageVersion;

  VersionProvider() {
    this(RootCommand.class.getPackage().getImplementationVersion());
  }

  VersionProvider(String packageVersion) {
    this.packageVersion = packageVersion;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "cul8er " + (packageVersion == null || packageVersion.isBlank() ? UNPACKAGED : packageVersion),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
