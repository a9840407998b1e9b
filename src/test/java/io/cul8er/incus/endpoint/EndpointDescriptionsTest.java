package io.cul8er.incus.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.InstancePatch;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each endpoint's method, path and description: what error messages will show. */
class EndpointDescriptionsTest {
  private static final String LOG = "/1.0/instances/w/logs/exec-output/exec_1.stdout";

  @Test
  void everyEndpointDescribesItself() {
    List<IncusEndpoint<?>> endpoints = List.of(
        new GetServer(),
        new CreateInstance(InstancesPost.container("w", InstanceSource.alias("a")).started()),
        new GetInstance("w"),
        new ListInstances(),
        new UpdateInstance("w", null, "e"),
        new PatchInstance("w", InstancePatch.devices(Map.of())),
        new ChangeInstanceState("w", StateChange.forceStop()),
        new DeleteInstance("w"),
        new GetInstanceState("w"),
        new CreateSnapshot("w", "s"),
        new RestoreSnapshot("w", "s"),
        new DeleteSnapshot("w", "s 1"),
        new ListSnapshots("w"),
        new StartExec("w", ExecCommand.of("id", "-u")),
        new GetLogFile(LOG),
        new DeleteLogFile(LOG),
        new PushFile("w", FilePush.of("/f", "")),
        new MakeDirectory("w", "/d", 0, 0, 0755),
        new PullFile("w", "/f"),
        new DeleteFile("w", "/f"),
        new ListImages(),
        new GetImageAlias("cul8er/busybox"),
        new ListImageAliases(),
        new ListProjects(),
        new GetProject("p"),
        new WaitOperation("op", 10));

    assertThat(endpoints).extracting(e -> e.method() + " " + e.path() + ": " + e.action())
        .containsExactly(
            "GET /1.0: get server information",
            "POST /1.0/instances: create and start container w from image a",
            "GET /1.0/instances/w: get instance w",
            "GET /1.0/instances: list instances",
            "PUT /1.0/instances/w: update instance w",
            "PATCH /1.0/instances/w: patch instance w",
            "PUT /1.0/instances/w/state: force stop instance w",
            "DELETE /1.0/instances/w: delete instance w",
            "GET /1.0/instances/w/state: get state of instance w",
            "POST /1.0/instances/w/snapshots: create snapshot s of instance w",
            "PUT /1.0/instances/w: restore instance w to snapshot s",
            "DELETE /1.0/instances/w/snapshots/s%201: delete snapshot s 1 of instance w",
            "GET /1.0/instances/w/snapshots: list snapshots of instance w",
            "POST /1.0/instances/w/exec: run id -u in instance w",
            "GET " + LOG + ": fetch log exec_1.stdout",
            "DELETE " + LOG + ": delete log exec_1.stdout",
            "POST /1.0/instances/w/files: push file /f to instance w",
            "POST /1.0/instances/w/files: create directory /d in instance w",
            "GET /1.0/instances/w/files: pull file /f from instance w",
            "DELETE /1.0/instances/w/files: delete file /f in instance w",
            "GET /1.0/images: list images",
            "GET /1.0/images/aliases/cul8er/busybox: get image alias cul8er/busybox",
            "GET /1.0/images/aliases: list image aliases",
            "GET /1.0/projects: list projects",
            "GET /1.0/projects/p: get project p",
            "GET /1.0/operations/op/wait: wait for operation op");
    assertThat(endpoints).filteredOn(IncusEndpoint::rawResponse)
        .extracting(IncusEndpoint::action)
        .containsExactly("fetch log exec_1.stdout", "pull file /f from instance w");
    assertThat(endpoints).filteredOn(e -> !e.projectScoped())
        .extracting(IncusEndpoint::action)
        .containsExactly("get server information", "list projects", "get project p");
  }

  @Test
  void bodyKeepsItsBytesAndType() {
    Body body = Body.json(Map.of("b", 2, "a", "x"));

    assertThat(body.contentType()).isEqualTo("application/json");
    assertThat(body.text()).isEqualTo("{\"a\":\"x\",\"b\":2}");
    assertThat(Body.octets(new byte[] {1, 2}).bytes()).containsExactly(1, 2);
  }
}
