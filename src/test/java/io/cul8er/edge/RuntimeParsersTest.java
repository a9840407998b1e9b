package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.edge.ServerState.Operational;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeParsersTest {

  @Test
  void readsServerStatisticsByColumnName() {
    List<ServerStats> stats = RuntimeParsers.serverStats(CapturedAnswers.SHOW_STAT);

    assertThat(stats)
        .containsExactly(
            new ServerStats("be_web", "b", 0, 6, "UP", 7, "L7OK", 6, 0, 0, 0, 0, 0, 0, 1),
            new ServerStats("be_web", "c", 0, 0, "DOWN", 7, "L4CON", 0, 0, 0, 0, 0, 0, 0),
            new ServerStats("be_web", "d", 0, 0, "MAINT", 7, "", 0, 0, 0, 0, 0, 0, 0),
            new ServerStats("be_web", "e", 0, 6, "DRAIN", 7, "L7OK", 0, 6, 0, 0, 0, 0, 0, 3));
    assertThat(stats).extracting(ServerStats::healthy).containsExactly(true, false, false, true);
  }

  @Test
  void skipsFrontendAndBackendRowsAndReadsQuotedFields() {
    String csv =
        "# pxname,svname,scur,stot,status,weight,check_status,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,"
            + "hrsp_other,econ,eresp,check_desc,idle_conn_cur,rtime,\n"
            + "fe,FRONTEND,1,9,OPEN,,,0,9,0,0,0,0,,,,,,\n"
            + "be,s1,2,40,UP 1/2,90,L7STS,1,30,2,3,4,5,6,7,\"wrong status, \"\"503\"\"\",8,12,\n"
            + "be,BACKEND,2,40,UP,90,,0,30,0,0,4,0,6,7,,,12,\n";

    assertThat(RuntimeParsers.serverStats(csv))
        .containsExactly(new ServerStats("be", "s1", 2, 40, "UP 1/2", 90, "L7STS", 30, 3, 4, 8, 6, 7, 8, 12));
  }

  @Test
  void readsServersStateVersion1() {
    List<ServerState> states = RuntimeParsers.serversState(CapturedAnswers.SHOW_SERVERS_STATE);

    assertThat(states)
        .containsExactly(
            new ServerState("be_web", "b", "127.0.0.1", 18081, Operational.RUNNING, 0, 7, 7),
            new ServerState("be_web", "c", "127.0.0.1", 18099, Operational.STOPPED, 0, 7, 7),
            new ServerState("be_web", "d", "127.0.0.1", 18099, Operational.STOPPED, 1, 7, 7),
            new ServerState("be_web", "e", "127.0.0.1", 18081, Operational.RUNNING, 8, 7, 7));
    assertThat(states).extracting(ServerState::inMaintenance).containsExactly(false, false, true, false);
    assertThat(states).extracting(ServerState::draining).containsExactly(false, false, false, true);
  }

  @Test
  void reportsAnswersItCannotRead() {
    assertThatThrownBy(() -> RuntimeParsers.serverStats("No such proxy.\n"))
        .hasMessage("no '# pxname,...' header in 'show stat' answer: No such proxy.\n");
    assertThatThrownBy(() -> RuntimeParsers.serversState("Can't find backend.\n"))
        .hasMessageStartingWith("no header line in 'show servers state' answer");
    assertThatThrownBy(() -> RuntimeParsers.serverStats("# pxname,svname,scur\nbe,s1,many\n"))
        .hasMessage("column 'scur' is not a number in HAProxy's line: be,s1,many");
    assertThatThrownBy(() -> RuntimeParsers.serverStats("# pxname,svname\nbe,s1\n"))
        .hasMessage("HAProxy's answer has no column 'scur'");
    assertThatThrownBy(() -> Operational.of(7)).hasMessage("unknown srv_op_state 7");
  }

  @Test
  void readsTheMastersReloadsAndWorkersFromShowProc() {
    // captured from HAProxy 2.6.12 after a failed reload, with the worker of the reload before
    String afterFailure = """
        #<PID>          <type>          <reloads>       <uptime>        <version>      \n\
        23037           master          8 [failed: 1]   0d00h00m51s     2.6.12-1+deb12u4
        # workers
        24435           worker          1               0d00h00m15s     2.6.12-1+deb12u4
        # programs

        """;
    String afterSuccess = """
        #<PID>          <type>          <reloads>       <uptime>        <version>      \n\
        23037           master          9 [failed: 0]   0d00h00m56s     2.6.12-1+deb12u4
        # workers
        25299           worker          0               0d00h00m02s     2.6.12-1+deb12u4
        24435           worker          2               0d00h00m20s     2.6.12-1+deb12u4
        # programs

        """;

    assertThat(RuntimeParsers.masterStatus(afterFailure))
        .isEqualTo(new MasterStatus(23037, 8, 1, List.of(), List.of(24435L)));
    MasterStatus ok = RuntimeParsers.masterStatus(afterSuccess);
    assertThat(ok).isEqualTo(new MasterStatus(23037, 9, 0, List.of(25299L), List.of(24435L)));
    assertThat(ok.worker()).contains(25299L);
    assertThatThrownBy(() -> RuntimeParsers.masterStatus("#<PID> <type>\n"))
        .hasMessageStartingWith("no master line in 'show proc' answer");
  }

  @Test
  void readsThePidOfShowInfo() {
    assertThat(RuntimeParsers.infoPid("Name: HAProxy\nVersion: 2.6.12-1+deb12u4\nPid: 19687\nProcess_num: 1\n"))
        .isEqualTo(19687);
    assertThatThrownBy(() -> RuntimeParsers.infoPid("Name: HAProxy\n")).hasMessageStartingWith("no 'Pid:' line");
  }
}
