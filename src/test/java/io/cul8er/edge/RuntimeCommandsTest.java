package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.edge.RuntimeCommand.Answer;
import io.cul8er.model.EdgeLimits;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeCommandsTest {
  private static final EdgeServer WEB_1 = new EdgeServer("web-1", "10.147.0.11", 4000, 100);

  @Test
  void addServerRepeatsTheCheckTimingsBecauseDynamicServersIgnoreDefaultServer() {
    assertThat(RuntimeCommands.addServer("be_web", WEB_1, 0, CheckTiming.FAST))
        .isEqualTo(
            new RuntimeCommand(
                "add server be_web/web-1 10.147.0.11:4000 weight 100 check maxconn 100 inter 1s fastinter 200ms downinter 200ms fall 2 rise 2",
                Answer.SERVER_ADDED));
    assertThat(RuntimeCommands.addServer("be_web", WEB_1, 4001, new CheckTiming(Duration.ofMillis(250), Duration.ofSeconds(2), 1, 3)).line())
        .isEqualTo("add server be_web/web-1 10.147.0.11:4000 weight 100 check port 4001 maxconn 100 inter 250ms fastinter 2s downinter 2s fall 1 rise 3");
  }

  @Test
  void anInstanceOfAnotherHostIsAddedAsABackup() {
    assertThat(RuntimeCommands.addServer("be_web", new EdgeServer("web-2", "10.210.2.5", 4000, 0, true), 0,
        CheckTiming.FAST).line()).isEqualTo("add server be_web/web-2 10.210.2.5:4000 weight 0 backup check maxconn 100 inter 1s"
            + " fastinter 200ms downinter 200ms fall 2 rise 2");
  }

  @Test
  void addServerGivesTheServiceItsMaximumOfConnections() {
    EdgeLimits limits = new EdgeLimits(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 7,
        new EdgeLimits.RateLimit(1, Duration.ofSeconds(1)), Optional.empty());
    assertThat(RuntimeCommands.addServer("be_web", WEB_1, 0, CheckTiming.FAST, limits).line())
        .isEqualTo("add server be_web/web-1 10.147.0.11:4000 weight 100 check maxconn 7 inter 1s fastinter 200ms"
            + " downinter 200ms fall 2 rise 2");
  }

  @Test
  void readsARingAndAcceptsAnyAnswerButAnUnknownRing() {
    RuntimeCommand showEvents = RuntimeCommands.showEvents("log_shop");
    assertThat(showEvents).isEqualTo(new RuntimeCommand("show events log_shop", Answer.EVENTS));
    assertThat(showEvents.repeatable()).isTrue();
    assertThat(Answer.EVENTS.accepts("\n")).isTrue();
    assertThat(Answer.EVENTS.accepts("2026-12-07T18:12:47.218311+00:00 127.0.0.1:60776 [07/Dec/2026:18:12:47.167] ...\n"))
        .isTrue();
    assertThat(Answer.EVENTS.accepts("No such event sink. Use 'show events' to see them.\n")).isFalse();
    assertThatThrownBy(() -> RuntimeCommands.showEvents("log_shop; shutdown")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildsEveryCommandExactly() {
    assertThat(RuntimeCommands.deleteServer("be_web", "web-1"))
        .isEqualTo(new RuntimeCommand("del server be_web/web-1", Answer.SERVER_DELETED));
    assertThat(RuntimeCommands.enableServer("be_web", "web-1"))
        .isEqualTo(new RuntimeCommand("enable server be_web/web-1", Answer.NOTHING));
    assertThat(RuntimeCommands.disableServer("be_web", "web-1").line()).isEqualTo("disable server be_web/web-1");
    assertThat(RuntimeCommands.enableHealth("be_web", "web-1").line()).isEqualTo("enable health be_web/web-1");
    assertThat(RuntimeCommands.setHealth("be_web", "web-1", ServerHealth.DOWN).line())
        .isEqualTo("set server be_web/web-1 health down");
    assertThat(RuntimeCommands.setHealth("be_web", "web-1", ServerHealth.UP).line())
        .isEqualTo("set server be_web/web-1 health up");
    assertThat(RuntimeCommands.setState("be_web", "web-1", ServerAdminState.READY).line())
        .isEqualTo("set server be_web/web-1 state ready");
    assertThat(RuntimeCommands.setState("be_web", "web-1", ServerAdminState.DRAIN).line())
        .isEqualTo("set server be_web/web-1 state drain");
    assertThat(RuntimeCommands.setState("be_web", "web-1", ServerAdminState.MAINT).line())
        .isEqualTo("set server be_web/web-1 state maint");
    assertThat(RuntimeCommands.setWeight("be_web", "web-1", 90))
        .isEqualTo(new RuntimeCommand("set weight be_web/web-1 90", Answer.NOTHING));
    assertThat(RuntimeCommands.showServersState("be_web"))
        .isEqualTo(new RuntimeCommand("show servers state be_web", Answer.SERVERS_STATE));
    assertThat(RuntimeCommands.showServersState().line()).isEqualTo("show servers state");
    assertThat(RuntimeCommands.showStat("be_web"))
        .isEqualTo(new RuntimeCommand("show stat be_web 4 -1", Answer.STAT_CSV));
    assertThat(RuntimeCommands.showStat().line()).isEqualTo("show stat");
    assertThat(RuntimeCommands.showInfo()).isEqualTo(new RuntimeCommand("show info", Answer.INFO));
    assertThat(RuntimeCommands.showProc()).isEqualTo(new RuntimeCommand("show proc", Answer.PROC));
    assertThat(RuntimeCommands.reload()).isEqualTo(new RuntimeCommand("reload", Answer.NOTHING));
  }

  @Test
  void namesCannotInjectCommandsOrArguments() {
    assertThatThrownBy(() -> RuntimeCommands.enableServer("be_web", "web-1\nshutdown sessions"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server name 'web-1\\nshutdown sessions' is not usable by HAProxy");
    assertThatThrownBy(() -> RuntimeCommands.deleteServer("be_web;show info", "web-1"))
        .hasMessageContaining("backend name 'be_web;show info'");
    assertThatThrownBy(() -> RuntimeCommands.setWeight("be_web", "web 1", 1)).hasMessageContaining("'web 1'");
    assertThatThrownBy(() -> RuntimeCommands.setWeight("be_web", "", 1)).hasMessageContaining("''");
    assertThatThrownBy(() -> RuntimeCommands.showStat(null)).hasMessageContaining("backend name null");
    assertThatThrownBy(() -> new RuntimeCommand("show info; show stat", Answer.INFO))
        .hasMessageContaining("one line without ';'");
  }

  @Test
  void weightsStayWithinHaproxysRange() {
    assertThat(RuntimeCommands.setWeight("be", "s", 0).line()).isEqualTo("set weight be/s 0");
    assertThat(RuntimeCommands.setWeight("be", "s", 256).line()).isEqualTo("set weight be/s 256");
    assertThatThrownBy(() -> RuntimeCommands.setWeight("be", "s", 257)).hasMessage("weight 257 is outside HAProxy's 0-256");
    assertThatThrownBy(() -> RuntimeCommands.setWeight("be", "s", -1)).hasMessage("weight -1 is outside HAProxy's 0-256");
  }

  @Test
  void answersAreRecognisedByTheirSuccessForm() {
    assertThat(Answer.NOTHING.accepts("\n")).isTrue();
    assertThat(Answer.NOTHING.accepts("No such server.\n")).isFalse();
    assertThat(Answer.SERVER_ADDED.accepts("New server registered.\n\n")).isTrue();
    assertThat(Answer.SERVER_ADDED.accepts("Already exists a server with the same name in backend.\n")).isFalse();
    assertThat(Answer.SERVER_DELETED.accepts("Server deleted.\n")).isTrue();
    assertThat(Answer.SERVER_DELETED.accepts("Only servers in maintenance mode can be deleted.\n")).isFalse();
    assertThat(Answer.SERVERS_STATE.accepts("1\n# be_id be_name\n")).isTrue();
    assertThat(Answer.SERVERS_STATE.accepts("Can't find backend.\n")).isFalse();
    assertThat(Answer.STAT_CSV.accepts("# pxname,svname\n")).isTrue();
    assertThat(Answer.STAT_CSV.accepts("No such proxy.\n")).isFalse();
    assertThat(Answer.INFO.accepts("Name: HAProxy\nVersion: 2.6.12\n")).isTrue();
    assertThat(Answer.INFO.accepts("Permission denied\n")).isFalse();
  }
}
