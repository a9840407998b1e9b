package io.cul8er.dsl;

import io.cul8er.model.LocalHooks;
import io.cul8er.model.Release;
import io.cul8er.model.ReleaseHooks;
import io.cul8er.model.SourcePos;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hooks do ... end}. In a resource: {@code before_switch} (a migration; or {@code migrate:}
 * on {@code deploy}) and {@code after_deploy}, run in an instance of the release. In a topology:
 * {@code pre_deploy} and {@code post_deploy}, run on the deploying machine. A hook written in the
 * wrong block is an error that says where it belongs.
 */
final class HooksReader {
  private static final Map<String, String> IN_INSTANCE = Map.of(
      "before_switch", "runs in an instance of a release, not on the deploying machine",
      "after_deploy", "runs in an instance of a release, not on the deploying machine");
  private static final Map<String, String> ON_THIS_MACHINE = Map.of(
      "pre_deploy", "runs on the deploying machine, not in an instance of the release",
      "post_deploy", "runs on the deploying machine, not in an instance of the release");

  private HooksReader() {}

  /** The topology's hooks: {@code pre_deploy}, {@code post_deploy}, {@code timeout}. */
  static LocalHooks local(Checked block, Diagnostics diagnostics) {
    Map<String, String> commands = new HashMap<>();
    Duration timeout = read(block, diagnostics, commands, IN_INSTANCE,
        "move it into the `hooks` block of the resource that deploys the release", LocalHooks.DEFAULT_TIMEOUT);
    return new LocalHooks(Optional.ofNullable(commands.get("pre_deploy")),
        Optional.ofNullable(commands.get("post_deploy")), timeout, block.pos());
  }

  /**
   * A resource's release with its hooks: those of its {@code hooks} block (if any) and its
   * {@code migrate:}. A {@code hooks} block without a release is an error.
   */
  static Optional<Release> release(String resource, Optional<Release> release, Optional<String> migrate,
      SourcePos migratePos, Optional<Checked> block, Diagnostics diagnostics) {
    Map<String, String> commands = new HashMap<>();
    Duration timeout = block.map(b -> read(b, diagnostics, commands, ON_THIS_MACHINE,
        "move it into the topology's `hooks` block", ReleaseHooks.DEFAULT_TIMEOUT)).orElse(ReleaseHooks.DEFAULT_TIMEOUT);
    if (block.isPresent() && release.isEmpty()) {
      diagnostics.error(block.get().pos(), "the hooks of resource `" + resource + "` run in an instance of its"
          + " release, but it deploys none", "add `deploy release: :name, version: \"1.0.0\"`, or move `pre_deploy`"
          + " and `post_deploy` into the topology's `hooks` block");
      return release;
    }
    if (migrate.isPresent()) {
      if (commands.containsKey("before_switch")) {
        diagnostics.error(migratePos, "resource `" + resource + "` gives its migration twice: `migrate:` and"
            + " `before_switch`", "keep one of them");
      } else {
        nonEmpty("migrate:", migrate.get(), migratePos, diagnostics);
        commands.put("before_switch", migrate.get());
      }
    }
    SourcePos pos = block.map(Checked::pos).orElse(migratePos == null ? SourcePos.NONE : migratePos);
    ReleaseHooks hooks = new ReleaseHooks(Optional.ofNullable(commands.get("before_switch")),
        Optional.ofNullable(commands.get("after_deploy")), timeout, pos);
    return release.map(r -> new Release(r.name(), r.version(), r.runtime(), r.artifact(), r.start(), hooks, r.pos()));
  }

  /** Reads the commands into {@code commands}, refusing those of {@code elsewhere}; returns the timeout. */
  private static Duration read(Checked block, Diagnostics diagnostics, Map<String, String> commands,
      Map<String, String> elsewhere, String move, Duration timeout) {
    Duration[] bound = {timeout};
    Schemas.HOOKS.read(block.body(), diagnostics, c -> {
      if (c.name().equals("timeout")) {
        Units.duration(c, diagnostics).ifPresent(d -> {
          if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            diagnostics.error(c.pos(), "a hook `timeout` of " + d.toMillis() + " ms is shorter than a second",
                "give at least `seconds: 1`");
          } else {
            bound[0] = d;
          }
        });
      } else if (elsewhere.containsKey(c.name())) {
        diagnostics.error(c.pos(), "`" + c.name() + "` " + elsewhere.get(c.name()), move);
      } else if (nonEmpty("`" + c.name() + "`", c.string(0), c.arg(0).pos(), diagnostics)) {
        commands.put(c.name(), c.string(0));
      }
    });
    return bound[0];
  }

  private static boolean nonEmpty(String what, String command, SourcePos pos, Diagnostics diagnostics) {
    if (command.isBlank()) {
      diagnostics.error(pos, what + " is an empty command", "give the command to run, e.g. \"bin/my_app migrate\"");
      return false;
    }
    return true;
  }
}
