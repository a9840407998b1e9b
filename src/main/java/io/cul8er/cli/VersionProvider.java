package io.cul8er.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = RootCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "cul8er " + (version == null ? "development build" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
