package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.api.WithEtag;
import io.cul8er.model.InstanceType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link IncusClient} unwraps answers, waits for operations and reports failures. */
class IncusClientTest {
  private static final String INSTANCE_JSON = """
      {"architecture":"x86_64","config":{"limits.cpu":"1","volatile.base_image":"0e58"},
       "devices":{},"ephemeral":false,"profiles":["default"],"stateful":false,"description":"",
       "created_at":"2026-11-26T00:36:21.055678754Z","expanded_config":{"limits.cpu":"1"},
       "expanded_devices":{"eth0":{"name":"eth0","network":"incusbr0","type":"nic"}},
       "name":"web-1","status":"Running","status_code":103,"location":"none",
       "type":"container","project":"default","backups":null,
       "snapshots":[{"name":"s1","created_at":"2026-11-26T00:40:00Z","stateful":false,
                     "expires_at":"0001-01-01T00:00:00Z","config":{}}],
       "state":{"status":"Running","status_code":103,"pid":8921,"processes":2,"disk":{},
                "network":{"eth0":{"addresses":[
                    {"family":"inet","address":"10.147.0.250","netmask":"24","scope":"global"},
                    {"family":"inet6","address":"fe80::1","netmask":"64","scope":"link"}],
                  "hwaddr":"10:66:6a:09:e0:b2","host_name":"veth1","mtu":1500,"state":"up",
                  "type":"broadcast"}},"os_info":null}}
      """;

  private final RecordingTransport transport = new RecordingTransport();
  private final IncusClient client = new IncusClient(transport, IncusSettings.defaults());

  @Test
  void instanceIsDecodedWithStateSnapshotsAndEtag() {
    transport.syncWithEtag(INSTANCE_JSON, "7ef1");

    WithEtag<Instance> read = client.findInstance("web-1").orElseThrow();

    Instance instance = read.value();
    assertThat(read.etag()).isEqualTo("7ef1");
    assertThat(transport.requestLines()).containsExactly("GET /1.0/instances/web-1?recursion=1");
    assertThat(instance.type()).isEqualTo(InstanceType.CONTAINER);
    assertThat(instance.isRunning()).isTrue();
    assertThat(instance.config()).containsEntry("limits.cpu", "1");
    assertThat(instance.expandedDevices()).containsKey("eth0");
    assertThat(instance.snapshots()).singleElement().satisfies(s -> assertThat(s.name())
        .isEqualTo("s1"));
    assertThat(instance.state().orElseThrow().globalIpv4()).containsExactly("10.147.0.250");
    assertThat(instance.toPut().config()).isEqualTo(instance.config());
  }

  @Test
  void missingInstanceIsEmptyNotAnError() {
    transport.error(404, "Instance not found");

    assertThat(client.findInstance("nope")).isEmpty();
  }

  @Test
  void syncErrorKeepsRequestActionCodeAndIncusMessage() {
    transport.error(400, "Instance is running");

    assertThatThrownBy(() -> client.deleteInstance("web-1"))
        .isInstanceOfSatisfying(IncusException.class, e -> {
          assertThat(e.request()).isEqualTo("DELETE /1.0/instances/web-1");
          assertThat(e.action()).isEqualTo("delete instance web-1");
          assertThat(e.errorCode()).isEqualTo(400);
          assertThat(e.incusMessage()).isEqualTo("Instance is running");
        })
        .hasMessage("DELETE /1.0/instances/web-1 (delete instance web-1): Incus said 400: "
            + "Instance is running");
  }

  @Test
  void staleEtagIsItsOwnException() {
    transport.error(412, "ETag doesn't match: a vs b");
    Instance instance = decodeInstance();

    assertThatThrownBy(() -> client.updateInstance("web-1", instance.toPut(), "b"))
        .isInstanceOf(EtagMismatchException.class)
        .hasMessage("PUT /1.0/instances/web-1 (update instance web-1): Incus said 412: "
            + "ETag doesn't match: a vs b");
  }

  @Test
  void failedOperationIsReportedAgainstTheRequestThatStartedIt() {
    transport.async("op1").error(500, "Failed creating instance record: UNIQUE constraint failed")
        .sync("[{\"name\":\"cul8er/busybox\",\"target\":\"0e58\"}]");

    assertThatThrownBy(() -> client.createInstance(
        InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox"))))
        .isExactlyInstanceOf(IncusException.class)
        .hasMessage("POST /1.0/instances (create container web-1 from image cul8er/busybox): "
            + "Incus said 500: Failed creating instance record: UNIQUE constraint failed");
  }

  @Test
  void operationThatEndsInFailureCarriesItsErr() {
    transport.async("op1").operation("op1", "Failure", "Failed to stop", "null");

    assertThatThrownBy(() -> client.changeState("web-1", StateChange.stop(5)))
        .hasMessage("PUT /1.0/instances/web-1/state (stop instance web-1): Incus said 400: "
            + "Failed to stop");
  }

  @Test
  void operationStillRunningAfterTheWaitIsATimeout() {
    IncusClient impatient = new IncusClient(transport,
        IncusSettings.defaults().withOperationTimeout(Duration.ofSeconds(2)));
    transport.async("op1").operation("op1", "Running", "", "null");

    assertThatThrownBy(() -> impatient.changeState("web-1", StateChange.start()))
        .isInstanceOf(IncusTimeoutException.class)
        .hasMessage("PUT /1.0/instances/web-1/state (start instance web-1): operation op1 "
            + "still running after 2 s");
    assertThat(transport.requestLines())
        .containsExactly("PUT /1.0/instances/web-1/state", "GET /1.0/operations/op1/wait?timeout=2");
  }

  @Test
  void unknownAliasIsNamedWithTheExistingAliases() {
    transport.async("op1").error(500, "Image not provided for instance creation")
        .sync("[{\"name\":\"cul8er/userland\",\"target\":\"dbaa\"},"
            + "{\"name\":\"cul8er/busybox\",\"target\":\"0e58\"}]");

    assertThatThrownBy(() -> client.createInstance(
        InstancesPost.container("web-1", InstanceSource.alias("alpine/3.19"))))
        .isInstanceOf(UnknownImageException.class)
        .hasMessage("POST /1.0/instances (create container web-1 from image alpine/3.19): "
            + "image 'alpine/3.19' does not exist on this Incus; existing aliases: "
            + "cul8er/busybox, cul8er/userland (Incus said 500: Image not provided for "
            + "instance creation)");
  }

  @Test
  void unknownFingerprintIsCheckedAgainstTheImages() {
    transport.async("op1").error(500, "Image not provided for instance creation")
        .sync("[]").sync("[{\"fingerprint\":\"0e58aa\",\"aliases\":[]}]");

    assertThatThrownBy(() -> client.createInstance(
        InstancesPost.container("web-1", InstanceSource.fingerprint("ffff"))))
        .isInstanceOfSatisfying(UnknownImageException.class, e -> {
          assertThat(e.image()).isEqualTo("ffff");
          assertThat(e.existingAliases()).isEmpty();
        })
        .hasMessageContaining("image 'ffff' does not exist on this Incus; it has no image "
            + "aliases at all");
  }

  @Test
  void execFetchesBothOutputsThenDeletesThem() {
    String logs = "/1.0/instances/web-1/logs/exec-output/exec_x";
    transport.async("x").operation("x", "Success", "", "{\"return\":3,\"output\":{\"1\":\""
            + logs + ".stdout\",\"2\":\"" + logs + ".stderr\"}}")
        .raw("out\n").raw("err\n").sync("{}").sync("{}");

    ExecResult result = client.exec("web-1", ExecCommand.shell("echo out; echo err >&2; exit 3"));

    assertThat(result).isEqualTo(new ExecResult(3, "out\n", "err\n"));
    assertThat(transport.requestLines()).containsExactly("POST /1.0/instances/web-1/exec",
        "GET /1.0/operations/x/wait?timeout=300", "GET " + logs + ".stdout",
        "GET " + logs + ".stderr", "DELETE " + logs + ".stdout", "DELETE " + logs + ".stderr");
    assertThat(client.requestCount()).isEqualTo(6);
  }

  @Test
  void pushCreatesMissingParentsThenPushesAgain() {
    transport.error(404, "Not Found").sync("{}").sync("{}").sync("{}");

    client.pushFile("web-1", FilePush.of("/opt/app/app.conf", "x").withOwner(7, 8));

    assertThat(transport.requestLines()).containsExactly(
        "POST /1.0/instances/web-1/files?path=/opt/app/app.conf",
        "POST /1.0/instances/web-1/files?path=/opt",
        "POST /1.0/instances/web-1/files?path=/opt/app",
        "POST /1.0/instances/web-1/files?path=/opt/app/app.conf");
    assertThat(transport.calls().get(1).headers()).isEqualTo(Map.of("X-Incus-type", "directory",
        "X-Incus-uid", "7", "X-Incus-gid", "8", "X-Incus-mode", "0755"));
  }

  @Test
  void pushToAMissingInstanceReportsThePush() {
    transport.error(404, "Not Found").error(404, "Instance not found");

    assertThatThrownBy(() -> client.pushFile("gone", FilePush.of("/opt/f", "x")))
        .isInstanceOf(IncusNotFoundException.class)
        .hasMessageStartingWith("POST /1.0/instances/gone/files (push file /opt/f to instance "
            + "gone)");
  }

  @Test
  void pullReturnsRawContentAndMissingFileIsNotFound() {
    transport.raw("{\"not\":\"an envelope\"}").error(404, "Not Found");

    assertThat(new String(client.pullFile("web-1", "/etc/x.json"), StandardCharsets.UTF_8))
        .isEqualTo("{\"not\":\"an envelope\"}");
    assertThatThrownBy(() -> client.pullFile("web-1", "/nope"))
        .isInstanceOf(IncusNotFoundException.class);
  }

  @Test
  void answerThatIsNotAnEnvelopeIsAnErrorQuotingIt() {
    transport.reply(new HttpReply(502, Map.of("Content-Type", "text/plain"),
        "Bad Gateway".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> client.server())
        .hasMessage("GET /1.0 (get server information): Incus said 502: not an Incus API answer "
            + "(HTTP 502): Bad Gateway");
  }

  @Test
  void serverInfoIsDecoded() {
    transport.sync("{\"api_version\":\"1.0\",\"api_extensions\":[\"operation_wait\"],"
        + "\"auth\":\"trusted\",\"environment\":{\"server_version\":\"6.0.4\","
        + "\"server_name\":\"box\",\"kernel\":\"Linux\",\"storage\":\"dir\"}}");

    var server = client.server();

    assertThat(server.hasExtension("operation_wait")).isTrue();
    assertThat(server.environment().serverVersion()).isEqualTo("6.0.4");
  }

  private static Instance decodeInstance() {
    RecordingTransport local = new RecordingTransport().syncWithEtag(INSTANCE_JSON, "a");
    return new IncusClient(local, IncusSettings.defaults()).findInstance("web-1").orElseThrow()
        .value();
  }
}
