package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.Image;
import io.cul8er.incus.api.ImageAlias;
import io.cul8er.incus.api.InstancePatch;
import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import io.cul8er.model.InstanceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exact requests the client sends for each call: method, target, headers and body. */
class EndpointEncodingTest {
  private final RecordingTransport transport = new RecordingTransport();
  private final IncusClient client = new IncusClient(transport, IncusSettings.defaults());

  @Test
  void createSendsTheWholeInstanceAndWaitsForItsOperation() {
    transport.async("op1").operation("op1", "Success", "", "null");
    InstancesPost post = InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox"))
        .withConfig(Map.of("limits.memory", "64MiB", "limits.cpu", "1"))
        .withDevices(Map.of("http", Map.of("type", "proxy", "listen", "tcp:0.0.0.0:8080",
            "connect", "tcp:127.0.0.1:80")))
        .started();

    client.createInstance(post);

    assertThat(transport.requestLines()).containsExactly(
        "POST /1.0/instances", "GET /1.0/operations/op1/wait?timeout=300");
    HttpCall create = transport.calls().get(0);
    assertThat(create.headers()).containsEntry("Content-Type", "application/json");
    assertThat(text(create)).isEqualTo("{\"name\":\"web-1\",\"type\":\"container\","
        + "\"source\":{\"type\":\"image\",\"alias\":\"cul8er/busybox\"},"
        + "\"config\":{\"limits.cpu\":\"1\",\"limits.memory\":\"64MiB\"},"
        + "\"devices\":{\"http\":{\"connect\":\"tcp:127.0.0.1:80\",\"listen\":\"tcp:0.0.0.0:8080\","
        + "\"type\":\"proxy\"}},\"profiles\":[\"default\"],\"start\":true}");
  }

  @Test
  void virtualMachineIsCreatedByFingerprintWithItsIncusTypeName() {
    transport.async("op1").operation("op1", "Success", "", "null");

    client.createInstance(InstancesPost.container("vm-1", InstanceSource.fingerprint("0e582c44"))
        .withType(InstanceType.VM).withProfiles(List.of()));

    assertThat(text(transport.calls().get(0))).isEqualTo("{\"name\":\"vm-1\","
        + "\"type\":\"virtual-machine\",\"source\":{\"type\":\"image\",\"fingerprint\":\"0e582c44\"},"
        + "\"config\":{},\"devices\":{},\"profiles\":[],\"start\":false}");
  }

  @Test
  void updatePutsAllWritableFieldsWithIfMatch() {
    transport.async("op2").operation("op2", "Success", "", "null");
    InstancePut put = new InstancePut("x86_64", Map.of("user.a", "1"), Map.of(), false,
        List.of("default"), false, "");

    client.updateInstance("web-1", put, "abc123");

    HttpCall call = transport.calls().get(0);
    assertThat(call.method() + " " + call.target()).isEqualTo("PUT /1.0/instances/web-1");
    assertThat(call.headers()).containsEntry("If-Match", "\"abc123\"");
    assertThat(text(call)).isEqualTo("{\"architecture\":\"x86_64\",\"config\":{\"user.a\":\"1\"},"
        + "\"devices\":{},\"ephemeral\":false,\"profiles\":[\"default\"],\"stateful\":false,"
        + "\"description\":\"\"}");
  }

  @Test
  void patchSendsOnlyWhatIsGiven() {
    transport.sync("{}");

    client.patchInstance("web-1", InstancePatch.config(Map.of("limits.cpu", "2")));

    assertThat(transport.requestLines()).containsExactly("PATCH /1.0/instances/web-1");
    assertThat(text(transport.last())).isEqualTo("{\"config\":{\"limits.cpu\":\"2\"}}");
  }

  @Test
  void stateChangeSendsActionTimeoutAndForce() {
    transport.async("op3").operation("op3", "Success", "", "null");

    client.changeState("web-1", StateChange.stop(30));

    assertThat(transport.requestLines().get(0)).isEqualTo("PUT /1.0/instances/web-1/state");
    assertThat(text(transport.calls().get(0)))
        .isEqualTo("{\"action\":\"stop\",\"timeout\":30,\"force\":false,\"stateful\":false}");
  }

  @Test
  void snapshotsUseTheSnapshotsCollectionAndRestoreIsAPut() {
    transport.async("a").operation("a", "Success", "", "null")
        .async("b").operation("b", "Success", "", "null")
        .async("c").operation("c", "Success", "", "null");

    client.createSnapshot("web-1", "pre-apply-7");
    client.restoreSnapshot("web-1", "pre-apply-7");
    client.deleteSnapshot("web-1", "pre-apply-7");

    assertThat(transport.requestLines()).containsExactly(
        "POST /1.0/instances/web-1/snapshots", "GET /1.0/operations/a/wait?timeout=300",
        "PUT /1.0/instances/web-1", "GET /1.0/operations/b/wait?timeout=300",
        "DELETE /1.0/instances/web-1/snapshots/pre-apply-7",
        "GET /1.0/operations/c/wait?timeout=300");
    assertThat(text(transport.calls().get(0)))
        .isEqualTo("{\"name\":\"pre-apply-7\",\"stateful\":false}");
    assertThat(text(transport.calls().get(2)))
        .isEqualTo("{\"restore\":\"pre-apply-7\",\"stateful\":false}");
  }

  @Test
  void renameIsAPostOfTheNewNameToTheInstance() {
    transport.async("r").operation("r", "Success", "", "null");

    client.renameInstance("web-1", "web-1-aside");

    assertThat(transport.requestLines()).containsExactly(
        "POST /1.0/instances/web-1", "GET /1.0/operations/r/wait?timeout=300");
    assertThat(text(transport.calls().get(0))).isEqualTo("{\"name\":\"web-1-aside\"}");
  }

  @Test
  void execAsksForRecordedOutputWithoutWebsockets() {
    transport.async("x").operation("x", "Success", "", "{\"return\":0,\"output\":{}}");

    client.exec("web-1", new ExecCommand(List.of("sh", "-c", "id"), Map.of("A", "b"),
        Optional.of("/srv"), Optional.of(1000), Optional.of(1000)));

    assertThat(text(transport.calls().get(0))).isEqualTo("{\"command\":[\"sh\",\"-c\",\"id\"],"
        + "\"cwd\":\"/srv\",\"environment\":{\"A\":\"b\"},\"group\":1000,"
        + "\"interactive\":false,\"record-output\":true,\"user\":1000,"
        + "\"wait-for-websocket\":false}");
  }

  @Test
  void filePushCarriesOwnerModeAndRawContent() {
    transport.sync("{}");

    client.pushFile("web-1",
        FilePush.of("/etc/app/my conf.txt", "x=1\n").withOwner(100, 101).withMode(0640));

    HttpCall call = transport.last();
    assertThat(call.target()).isEqualTo("/1.0/instances/web-1/files?path=/etc/app/my%20conf.txt");
    assertThat(call.headers()).isEqualTo(Map.of("X-Incus-type", "file",
        "X-Incus-write", "overwrite", "X-Incus-uid", "100", "X-Incus-gid", "101",
        "X-Incus-mode", "0640", "Content-Type", "application/octet-stream"));
    assertThat(text(call)).isEqualTo("x=1\n");
  }

  @Test
  void listingAsksForRecursionTwo() {
    transport.sync("[]").sync("[]").sync("[]").sync("[]").sync("[]");

    client.listInstances();
    client.listSnapshots("web-1");
    client.listImages();
    client.listImageAliases();
    client.listProjects();

    assertThat(transport.requestLines()).containsExactly("GET /1.0/instances?recursion=2",
        "GET /1.0/instances/web-1/snapshots?recursion=1", "GET /1.0/images?recursion=1",
        "GET /1.0/images/aliases?recursion=1", "GET /1.0/projects?recursion=1");
  }

  @Test
  void projectIsAddedToProjectScopedRequestsOnly() {
    IncusClient inProject = client.withProject("staging");
    transport.sync("[]").sync("{\"api_version\":\"1.0\"}").sync("{\"name\":\"staging\"}")
        .sync("{\"name\":\"a/b\"}").sync("{\"status\":\"Stopped\"}");

    inProject.listInstances();
    inProject.server();
    inProject.findProject("staging");
    inProject.findImageAlias("a/b");
    inProject.instanceState("web-1");

    assertThat(transport.requestLines()).containsExactly(
        "GET /1.0/instances?recursion=2&project=staging", "GET /1.0", "GET /1.0/projects/staging",
        "GET /1.0/images/aliases/a/b?project=staging",
        "GET /1.0/instances/web-1/state?project=staging");
    assertThat(inProject.requestCount()).isEqualTo(5);
    assertThat(client.requestCount()).as("the project view shares its parent's counter")
        .isEqualTo(5);
    assertThat(inProject).hasToString("IncusClient[recording transport, project staging]");
  }

  @Test
  void anImageIsExportedAsAStreamAndImportedFromOneWithItsFingerprint() throws Exception {
    transport.reply(new HttpReply(200, Map.of("Content-Type", "multipart/form-data; boundary=b1"),
        "--b1 the files".getBytes(StandardCharsets.UTF_8)));
    transport.async("op3").operation("op3", "Success", "", "{\"fingerprint\":\"abc\"}");

    try (ContentStream files = client.exportImage("0123456789abcdef")) {
      assertThat(files.contentType()).isEqualTo("multipart/form-data; boundary=b1");
      client.importImage("0123456789abcdef", files);
    }

    assertThat(transport.requestLines()).containsExactly("GET /1.0/images/0123456789abcdef/export",
        "POST /1.0/images", "GET /1.0/operations/op3/wait?timeout=300");
    HttpCall upload = transport.calls().get(1);
    assertThat(upload.headers()).containsOnly(Map.entry("X-Incus-fingerprint", "0123456789abcdef"),
        Map.entry("Content-Type", "multipart/form-data; boundary=b1"));
    assertThat(text(upload)).isEqualTo("--b1 the files");
    assertThat(upload.timeout()).isEqualTo(IncusSettings.DEFAULT_TRANSFER_TIMEOUT);
  }

  @Test
  void anImageIsReadGivenPropertiesNamedAndDeleted() {
    transport.sync("{\"fingerprint\":\"0123456789abcdef\",\"type\":\"container\",\"size\":3,"
        + "\"properties\":{\"os\":\"debian\"},\"aliases\":[{\"name\":\"a/b\",\"description\":\"\"}]}")
        .sync("{}").sync("{}").async("op4").operation("op4", "Success", "", "null");

    assertThat(client.findImage("0123456789abcdef")).hasValueSatisfying(image -> {
      assertThat(image.properties()).containsExactly(Map.entry("os", "debian"));
      assertThat(image.aliases()).extracting(Image.Alias::name).containsExactly("a/b");
    });
    client.patchImageProperties("0123456789abcdef", Map.of("cul8er.alias", "a/b"));
    client.createImageAlias(new ImageAlias("a/b", "a copy", "0123456789abcdef", "container"));
    client.deleteImage("0123456789abcdef");

    assertThat(transport.requestLines()).containsExactly("GET /1.0/images/0123456789abcdef",
        "PATCH /1.0/images/0123456789abcdef", "POST /1.0/images/aliases", "DELETE /1.0/images/0123456789abcdef",
        "GET /1.0/operations/op4/wait?timeout=300");
    assertThat(text(transport.calls().get(1))).isEqualTo("{\"properties\":{\"cul8er.alias\":\"a/b\"}}");
    assertThat(text(transport.calls().get(2)))
        .isEqualTo("{\"name\":\"a/b\",\"description\":\"a copy\",\"target\":\"0123456789abcdef\",\"type\":\"container\"}");
  }

  @Test
  void aMissingImageIsEmptyOrNotFoundNamingTheRequest() {
    transport.error(404, "Image not found").error(404, "Image \\\"0123\\\" not found");

    assertThat(client.findImage("0123")).isEmpty();
    assertThatThrownBy(() -> client.exportImage("0123")).isInstanceOf(IncusNotFoundException.class)
        .hasMessage("GET /1.0/images/0123/export (export image 0123): Incus said 404: Image \"0123\" not found");
  }

  private static String text(HttpCall call) {
    return new String(call.body(), StandardCharsets.UTF_8);
  }
}
