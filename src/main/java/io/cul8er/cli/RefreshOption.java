package io.cul8er.cli;

import io.cul8er.engine.Engine;
import picocli.CommandLine.Option;

/** {@code --refresh-images}, of the commands that plan a deploy (plan, apply, deploy). */
final class RefreshOption {
  @Option(
      names = "--refresh-images",
      description = "Replace, through the strategy, the instances whose image alias names a newer build than the one"
          + " they were created from (the plan lists them as `image updated`). Default: leave them, and say so.")
  boolean refreshImages;

  Engine.Settings applyTo(Engine.Settings settings) {
    return settings.withRefreshImages(refreshImages);
  }
}
