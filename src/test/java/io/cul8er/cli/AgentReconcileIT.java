package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reconcile :auto} for real: a limit changed behind C U L8er's back on the live Incus is
 * found by the agent's next pass and re-applied through a deploy; then {@code plan} finds nothing.
 */
class AgentReconcileIT {
  @TempDir Path dir;

  @Test
  void driftIsReappliedWhenTheTopologyOptsIn() throws Exception {
    LiveComponents.requireIncus();
    LiveTopology topology = new LiveTopology(dir, """
          resource :box, type: :container, on: :local do
            from_image "cul8er/busybox"
            limits do
              memory megabytes: 64
            end
          end
          agent do
            interval seconds: 1
            reconcile :auto
          end
        """);
    Process agent = null;
    try {
      Cli.Run deploy = Cli.run("deploy", topology.name, "-f", topology.f());
      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
      String deployed = Shell.ok("incus", "config", "get", topology.instance("box"), "limits.memory");
      agent = CliProcess.start("agent", topology.name, "-f", topology.f());
      CliProcess.Output output = CliProcess.Output.of(agent);
      output.await(topology.name + ": agent started, a pass every 1.0 s");

      Shell.ok("incus", "config", "set", topology.instance("box"), "limits.memory=96MiB");

      output.await(topology.name + ": re-apply the topology: ", Duration.ofSeconds(60));
      assertThat(output.text()).contains(topology.instance("box"));
      assertThat(Shell.ok("incus", "config", "get", topology.instance("box"), "limits.memory")).isEqualTo(deployed);
      Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--detailed-exitcode");
      assertThat(plan.exitCode()).as(plan.all()).isZero();
      Shell.ok("kill", "-TERM", Long.toString(agent.pid()));
      assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as(output.text()).isTrue();
      assertThat(output.text()).contains(topology.name + ": agent stopped after ");
    } finally {
      if (agent != null && agent.isAlive()) {
        agent.destroyForcibly();
      }
      topology.destroy();
    }
  }
}
