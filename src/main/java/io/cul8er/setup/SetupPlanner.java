package io.cul8er.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides, from what the probe found, what is fine and what to do on a host. Pure. */
public final class SetupPlanner {
  private SetupPlanner() {}

  public static List<SetupStep> plan(String platform, HostFacts facts) {
    return plan(platform, facts, Optional.empty());
  }

  /**
   * The host's steps; with {@code edge} (the host runs a release with exposed ports), its edge
   * service too, once Incus runs and is initialised (the service shares the socket's group).
   */
  public static List<SetupStep> plan(String platform, HostFacts facts, Optional<EdgeFacts> edge) {
    List<SetupStep> steps = incus(platform, facts);
    boolean initialised = steps.stream().noneMatch(s -> !(s instanceof SetupStep.Ok)
        && !s.what().equals("Incus socket access"));
    if (edge.isPresent() && initialised) {
      steps.add(EdgeService.step(platform, facts, edge.get()));
    }
    return steps;
  }

  private static List<SetupStep> incus(String platform, HostFacts facts) {
    List<SetupStep> steps = new ArrayList<>();
    if (!facts.installed()) {
      steps.add(install(platform, facts));
      return steps;
    }
    steps.add(new SetupStep.Ok("Incus installed", facts.incusPath().orElseThrow()));
    SocketFacts socket = facts.socket();
    if (!facts.running() && socket.present() && !socket.usable() && !facts.root() && !facts.sudo()) {
      steps.add(socketAccess(facts));
      return steps;
    }
    if (!facts.running()) {
      steps.add(facts.systemd()
          ? privileged("start the Incus daemon", SetupCommands.start(), facts)
          : new SetupStep.Manual("start the Incus daemon",
              "it does not answer (" + facts.daemonError() + ") and the host has no systemd; start incusd"
                  + " with the host's service manager, or give this user access to the incus socket"));
      return steps;
    }
    steps.add(new SetupStep.Ok("Incus daemon running", facts.daemon().orElseThrow()));
    steps.add(socketAccess(facts));
    if (facts.pools().isEmpty() && facts.bridges().isEmpty()) {
      steps.add(privileged("initialise Incus (storage pool and bridge)", SetupCommands.initialise(), facts));
      return steps;
    }
    steps.add(facts.pools().isEmpty()
        ? privileged("create the storage pool default", SetupCommands.createPool(), facts)
        : new SetupStep.Ok("storage pool", String.join(", ", facts.pools())));
    steps.add(facts.bridges().isEmpty()
        ? privileged("create the managed bridge incusbr0", SetupCommands.createBridge(), facts)
        : new SetupStep.Ok("managed bridge", String.join(", ", facts.bridges())));
    return steps;
  }

  /**
   * Whether the login user may use the Incus socket, which the SSH tunnel opens as that user: fine,
   * fixed by joining the group that owns the socket, or left to a person.
   */
  static SetupStep socketAccess(HostFacts facts) {
    SocketFacts socket = facts.socket();
    String what = "Incus socket access";
    if (!socket.present()) {
      return new SetupStep.Manual(what, "there is no Unix socket at " + socket.path() + ", the socket the host's"
          + " connection names; give the path Incus listens on (`ssh socket:` in the topology)");
    }
    if (socket.usable()) {
      return new SetupStep.Ok(what, facts.user() + " can read and write " + socket.path());
    }
    if (!socket.groupMayUse()) {
      return new SetupStep.Manual(what, facts.user() + " cannot use " + socket.path() + " (" + socket.mode() + ", group "
          + socket.group() + "), and its group may not read and write it; start incusd with `--group incus-admin`"
          + " and add " + facts.user() + " to that group, or log in as root");
    }
    if (socket.member()) {
      return new SetupStep.Ok(what, facts.user() + " is in group " + socket.group() + ", which may read and write "
          + socket.path() + " (from its next login on)");
    }
    return privileged("add " + facts.user() + " to group " + socket.group() + ", owner of the Incus socket "
        + socket.path(), SetupCommands.joinGroup(facts.user(), socket.group()), facts);
  }

  private static SetupStep install(String platform, HostFacts facts) {
    String what = "install Incus";
    if (!facts.os().isEmpty() && !matches(platform, facts.os())) {
      return new SetupStep.Manual(what, "the topology says platform " + platform + " but the host runs " + facts.os()
          + "; correct the platform, then run setup again");
    }
    Optional<String> command = SetupCommands.install(platform, facts);
    return command.map(c -> privileged(what, c, facts))
        .orElseGet(() -> new SetupStep.Manual(what, SetupCommands.manualInstall(platform, facts)));
  }

  static SetupStep privileged(String what, String command, HostFacts facts) {
    if (!facts.root() && !facts.sudo()) {
      return new SetupStep.Manual(what, "needs root, and this user is not root and has no passwordless sudo; run as"
          + " root: " + command);
    }
    return new SetupStep.Run(what, SetupCommands.asRoot(command, facts));
  }

  private static boolean matches(String platform, String os) {
    return platform.equals(os) || (platform.startsWith("arch") && os.equals("arch"));
  }
}
