package io.cul8er.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.Image;
import io.cul8er.incus.api.ImageAlias;
import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstancePatch;
import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.Snapshot;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.api.WithEtag;
import io.cul8er.model.InstanceType;
import io.cul8er.model.ObservedInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link IncusApi} must do, run against the in-memory fake and the live daemon. Each
 * test makes its own instances, named with a per-run prefix, from the test bed's busybox image;
 * all of them are deleted after the suite, whatever happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IncusContract {
  protected static final String IMAGE = "cul8er/busybox";
  private static final Duration ADDRESS_DEADLINE = Duration.ofSeconds(30);

  private final String prefix = "ct-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> created = new ArrayList<>();
  private final List<String> importedImages = new ArrayList<>();

  /** The implementation under test. */
  protected abstract IncusApi incus();

  /** Releases what {@link #incus()} holds, after the suite's instances are gone. */
  protected void closeIncus() {}

  @AfterAll
  final void deleteEverythingThisSuiteCreated() {
    try {
      for (String name : created) {
        TestInstances.deleteIfPresent(incus(), name);
      }
      for (String fingerprint : importedImages) {
        if (incus().findImage(fingerprint).isPresent()) {
          incus().deleteImage(fingerprint);
        }
      }
    } finally {
      closeIncus();
    }
  }

  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path hostDirectory;

  @Test
  void createdInstanceCanBeReadAndListed() {
    String source = hostDirectory.toString();
    String name = create(post("plain")
        .withConfig(Map.of("user.cul8er.resource", "web"))
        .withDevices(Map.of("data", Map.of("type", "disk", "source", source, "path", "/mnt"))));

    Instance instance = incus().findInstance(name).orElseThrow().value();

    assertThat(instance.name()).isEqualTo(name);
    assertThat(instance.type()).isEqualTo(InstanceType.CONTAINER);
    assertThat(instance.status()).isEqualTo("Stopped");
    assertThat(instance.config()).containsEntry("user.cul8er.resource", "web");
    assertThat(instance.devices())
        .containsEntry("data", Map.of("type", "disk", "source", source, "path", "/mnt"));
    assertThat(instance.profiles()).containsExactly("default");
    assertThat(instance.expandedDevices()).containsKeys("eth0", "root", "data");
    assertThat(incus().listInstances()).extracting(Instance::name).contains(name);
  }

  @Test
  void instanceCanBeCreatedFromAFingerprint() {
    String fingerprint = incus().findImageAlias(IMAGE).orElseThrow().target();
    String name = create(InstancesPost.container(prefix + "-fp", InstanceSource.fingerprint(
        fingerprint.substring(0, 12))));

    assertThat(incus().findInstance(name).orElseThrow().value().config())
        .containsEntry("volatile.base_image", fingerprint);
  }

  @Test
  void anInstanceFromAnAliasRecordsTheImageTheAliasNamedAsItsBaseImage() {
    String target = incus().findImageAlias(IMAGE).orElseThrow().target();
    String name = create(post("base"));

    assertThat(incus().listInstancesWithoutState()).filteredOn(i -> i.name().equals(name)).singleElement()
        .satisfies(i -> assertThat(i.config()).containsEntry("volatile.base_image", target));
  }

  @Test
  void aStoppedInstanceIsRenamedWithItsSnapshotsAndConfig() {
    String name = create(post("rename").withConfig(Map.of("user.cul8er.resource", "web")));
    incus().createSnapshot(name, "s1");
    String renamed = name + "-aside";
    created.add(renamed);

    incus().renameInstance(name, renamed);

    assertThat(incus().findInstance(name)).isEmpty();
    Instance moved = incus().findInstance(renamed).orElseThrow().value();
    assertThat(moved.config()).containsEntry("user.cul8er.resource", "web").containsKey("volatile.base_image");
    assertThat(moved.snapshots()).extracting(Snapshot::name).containsExactly("s1");
    incus().renameInstance(renamed, name);
    assertThat(incus().findInstance(name)).isPresent();
  }

  @Test
  void renamingARunningInstanceOrOntoATakenNameIsRefused() {
    String running = create(post("rename-on").started());
    String taken = create(post("rename-taken"));
    String stopped = create(post("rename-off"));

    assertThatThrownBy(() -> incus().renameInstance(running, running + "-x"))
        .isInstanceOf(IncusException.class)
        .hasMessageContaining("Renaming of running instance not allowed");
    assertThatThrownBy(() -> incus().renameInstance(stopped, taken))
        .isInstanceOf(IncusException.class)
        .hasMessageContaining("already in use");
    assertThatThrownBy(() -> incus().renameInstance(prefix + "-nothing", prefix + "-else"))
        .isInstanceOf(IncusNotFoundException.class);
    assertThat(incus().findInstance(running)).isPresent();
    assertThat(incus().findInstance(stopped)).isPresent();
  }

  @Test
  void creatingAnExistingInstanceFails() {
    String name = create(post("twice"));

    assertThatThrownBy(() -> incus().createInstance(post("twice")))
        .isInstanceOf(IncusException.class)
        .hasMessageStartingWith("POST /1.0/instances (create container " + name);
  }

  @Test
  void unknownImageAliasIsNamedWithTheAliasesThatExist() {
    String alias = prefix + "/missing";
    InstancesPost post = InstancesPost.container(prefix + "-noimage", InstanceSource.alias(alias));
    created.add(post.name());

    assertThatThrownBy(() -> incus().createInstance(post))
        .isInstanceOfSatisfying(UnknownImageException.class, e -> {
          assertThat(e.image()).isEqualTo(alias);
          assertThat(e.existingAliases()).contains(IMAGE);
        })
        .hasMessageContaining("image '" + alias + "' does not exist on this Incus")
        .hasMessageContaining(IMAGE);
  }

  @Test
  void updateNeedsTheCurrentEtag() {
    String name = create(post("etag"));
    WithEtag<Instance> read = incus().findInstance(name).orElseThrow();
    InstancePut changed = read.value().toPut().withConfig("user.note", "first");

    incus().updateInstance(name, changed, read.etag());

    WithEtag<Instance> reread = incus().findInstance(name).orElseThrow();
    assertThat(reread.value().config()).containsEntry("user.note", "first");
    assertThat(reread.etag()).isNotEqualTo(read.etag());
    assertThatThrownBy(() -> incus().updateInstance(
        name, changed.withConfig("user.note", "second"), read.etag()))
        .isInstanceOf(EtagMismatchException.class)
        .hasMessageStartingWith("PUT /1.0/instances/" + name + " (update instance " + name
            + "): Incus said 412: ");
    assertThat(incus().findInstance(name).orElseThrow().value().config())
        .containsEntry("user.note", "first");
  }

  @Test
  void patchMergesConfigKeys() {
    String name = create(post("patch").withConfig(Map.of("user.a", "1")));

    incus().patchInstance(name, InstancePatch.config(Map.of("user.b", "2")));

    assertThat(incus().findInstance(name).orElseThrow().value().config())
        .containsEntry("user.a", "1").containsEntry("user.b", "2");
  }

  @Test
  void limitsChangeWhileRunning() {
    String name = create(post("limits").started());

    incus().patchInstance(name,
        InstancePatch.config(Map.of("limits.cpu", "1", "limits.memory", "64MiB")));

    Instance instance = incus().findInstance(name).orElseThrow().value();
    assertThat(instance.config())
        .containsEntry("limits.cpu", "1").containsEntry("limits.memory", "64MiB");
    assertThat(instance.status()).isEqualTo("Running");
  }

  @Test
  void proxyDeviceCanBeAddedToARunningInstance() throws IOException {
    String name = create(post("proxy").started());
    WithEtag<Instance> read = incus().findInstance(name).orElseThrow();
    Map<String, String> proxy = Map.of("type", "proxy",
        "listen", "tcp:127.0.0.1:" + freePort(), "connect", "tcp:127.0.0.1:80");

    incus().updateInstance(name, read.value().toPut().withDevice("http", proxy), read.etag());

    assertThat(incus().findInstance(name).orElseThrow().value().devices())
        .containsEntry("http", proxy);
  }

  @Test
  void snapshotsCanBeCreatedListedRestoredAndDeleted() {
    String name = create(post("snap").withConfig(Map.of("user.version", "1")));

    incus().createSnapshot(name, "before");
    incus().patchInstance(name, InstancePatch.config(Map.of("user.version", "2")));

    assertThat(incus().listSnapshots(name)).extracting(Snapshot::name).containsExactly("before");
    assertThat(incus().listVolumeSnapshots(name)).as("the storage pool agrees").containsExactly("before");
    incus().restoreSnapshot(name, "before");
    assertThat(incus().findInstance(name).orElseThrow().value().config())
        .containsEntry("user.version", "1");
    assertThatThrownBy(() -> incus().createSnapshot(name, "before"))
        .isInstanceOf(IncusException.class);
    incus().deleteSnapshot(name, "before");
    assertThat(incus().listSnapshots(name)).isEmpty();
    assertThat(incus().listVolumeSnapshots(name)).isEmpty();
    assertThatThrownBy(() -> incus().restoreSnapshot(name, "before"))
        .isInstanceOf(IncusException.class)
        .hasMessageContaining("restore instance " + name + " to snapshot before");
  }

  @Test
  void execReturnsExitCodeAndBothOutputs() {
    String name = create(post("exec").started());

    ExecResult result = incus().exec(name,
        ExecCommand.shell("echo out; echo $GREETING >&2; exit 3")
            .withEnvironment(Map.of("GREETING", "hello")));

    assertThat(result).isEqualTo(new ExecResult(3, "out\n", "hello\n"));
    assertThat(incus().exec(name, ExecCommand.of("true")).succeeded()).isTrue();
  }

  @Test
  void execInAStoppedInstanceFails() {
    String name = create(post("exec-stopped"));

    assertThatThrownBy(() -> incus().exec(name, ExecCommand.of("true")))
        .isInstanceOf(IncusException.class)
        .hasMessageContaining("(run true in instance " + name + ")");
  }

  @Test
  void filesRoundTripAndParentsAreCreated() {
    String name = create(post("files").started());
    String path = "/opt/" + prefix + "/conf/app.conf";

    incus().pushFile(name, FilePush.of(path, "port=8080\n").withMode(0600));
    incus().pushFile(name, FilePush.of(path, "port=9090\n"));

    assertThat(new String(incus().pullFile(name, path), StandardCharsets.UTF_8))
        .isEqualTo("port=9090\n");
    assertThat(incus().exec(name, ExecCommand.of("cat", path)).stdout()).isEqualTo("port=9090\n");
    incus().deleteFile(name, path);
    assertThatThrownBy(() -> incus().pullFile(name, path))
        .isInstanceOf(IncusNotFoundException.class);
  }

  @Test
  void stateChangesStartStopAndRestart() {
    String name = create(post("state"));

    incus().changeState(name, StateChange.start());
    assertThat(status(name)).isEqualTo("Running");
    assertThatThrownBy(() -> incus().changeState(name, StateChange.start()))
        .isInstanceOf(IncusException.class)
        .hasMessageStartingWith("PUT /1.0/instances/" + name + "/state (start instance " + name);
    assertThatThrownBy(() -> incus().deleteInstance(name))
        .isInstanceOf(IncusException.class);
    incus().changeState(name, StateChange.forceRestart());
    assertThat(status(name)).isEqualTo("Running");
    incus().changeState(name, StateChange.forceStop());
    assertThat(status(name)).isEqualTo("Stopped");
  }

  @Test
  void deletedInstanceIsGone() {
    String name = create(post("delete"));

    incus().deleteInstance(name);

    assertThat(incus().findInstance(name)).isEmpty();
    assertThat(incus().listInstances()).extracting(Instance::name).doesNotContain(name);
  }

  @Test
  void missingInstanceIsNotFound() {
    String name = prefix + "-never";

    assertThat(incus().findInstance(name)).isEmpty();
    assertThatThrownBy(() -> incus().instanceState(name))
        .isInstanceOf(IncusNotFoundException.class)
        .hasMessageStartingWith("GET /1.0/instances/" + name + "/state (get state of instance "
            + name + "): Incus said 404: ");
    assertThatThrownBy(() -> incus().deleteInstance(name))
        .isInstanceOfSatisfying(IncusNotFoundException.class,
            e -> assertThat(e.errorCode()).isEqualTo(404));
  }

  @Test
  void runningInstanceGetsAnAddressOnEth0() throws InterruptedException {
    String name = create(post("address").started());

    List<String> addresses = awaitAddresses(name);

    assertThat(addresses).first().asString().startsWith("10.147.0.");
    Instance listed = incus().listInstances().stream()
        .filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    ObservedInstance observed = ObservedInstances.of(listed, "local");
    assertThat(observed.addresses()).isEqualTo(addresses);
    assertThat(observed.isRunning()).isTrue();
    assertThat(observed.host()).isEqualTo("local");
  }

  @Test
  void listingWithoutStateHasConfigAndStatusButNoAddresses() {
    String name = create(post("nostate").withConfig(Map.of("limits.cpu", "1")).started());

    Instance listed = incus().listInstancesWithoutState().stream()
        .filter(i -> i.name().equals(name)).findFirst().orElseThrow();

    assertThat(listed.status()).isEqualTo("Running");
    assertThat(listed.config()).containsKey("limits.cpu");
    assertThat(listed.state()).isEmpty();
  }

  @Test
  void listingIncludesStateAndSnapshots() {
    String name = create(post("listing").started());
    incus().createSnapshot(name, "s1");

    Instance listed = incus().listInstances().stream()
        .filter(i -> i.name().equals(name)).findFirst().orElseThrow();

    assertThat(listed.state()).map(s -> s.status()).contains("Running");
    assertThat(listed.snapshots()).extracting(Snapshot::name).containsExactly("s1");
  }

  @Test
  void imagesAliasesProjectsAndServerAreListed() {
    assertThat(incus().server().apiVersion()).isEqualTo("1.0");
    assertThat(incus().listImageAliases()).extracting(ImageAlias::name).contains(IMAGE);
    String target = incus().findImageAlias(IMAGE).orElseThrow().target();
    assertThat(incus().listImages()).anySatisfy(image -> {
      assertThat(image.fingerprint()).isEqualTo(target);
      assertThat(image.aliases()).extracting(a -> a.name()).contains(IMAGE);
    });
    assertThat(incus().findImageAlias(prefix + "/none")).isEmpty();
    assertThat(incus().findProject("default")).map(p -> p.name()).contains("default");
    assertThat(incus().findProject(prefix)).isEmpty();
    assertThat(incus().listProjects()).extracting(p -> p.name()).contains("default");
  }

  @Test
  void anImageIsImportedFromItsFilesExportedAsTheSameFilesNamedAndDeleted() throws IOException {
    byte[] files = TestImageFiles.unified(prefix + "-import");
    String fingerprint = importImage(files);

    Image imported = incus().findImage(fingerprint).orElseThrow();
    assertThat(imported.fingerprint()).isEqualTo(fingerprint);
    assertThat(imported.type()).isEqualTo("container");
    assertThat(imported.size()).isEqualTo(files.length);
    try (ContentStream exported = incus().exportImage(fingerprint)) {
      assertThat(exported.contentType()).isEqualTo("application/octet-stream");
      assertThat(exported.content().readAllBytes()).isEqualTo(files);
    }
    incus().patchImageProperties(fingerprint, Map.of("cul8er.test", prefix));
    assertThat(incus().findImage(fingerprint).orElseThrow().properties()).containsEntry("cul8er.test", prefix);

    ImageAlias alias = new ImageAlias(prefix + "/copy", "a copy", fingerprint, "container");
    incus().createImageAlias(alias);
    assertThat(incus().findImageAlias(alias.name())).hasValueSatisfying(found -> {
      assertThat(found.target()).isEqualTo(fingerprint);
      assertThat(found.description()).isEqualTo("a copy");
    });
    assertThatThrownBy(() -> incus().createImageAlias(alias)).isInstanceOf(IncusConflictException.class)
        .hasMessageStartingWith("POST /1.0/images/aliases (create image alias " + alias.name() + " for "
            + fingerprint.substring(0, 12) + "): Incus said 409: ");

    incus().deleteImage(fingerprint);
    assertThat(incus().findImage(fingerprint)).isEmpty();
    assertThat(incus().findImageAlias(alias.name())).as("deleted with its image").isEmpty();
  }

  @Test
  void anImportIsRefusedWhenItsFilesDoNotHashToItsFingerprintOrTheImageIsThere() {
    byte[] files = TestImageFiles.unified(prefix + "-refused");
    String other = TestImageFiles.fingerprint(TestImageFiles.unified(prefix + "-other"));

    assertThatThrownBy(() -> incus().importImage(other, stream(files))).isInstanceOf(IncusException.class)
        .hasMessageContaining("POST /1.0/images (import image " + other.substring(0, 12) + "): Incus said ")
        .hasMessageContaining("fingerprints don't match, got " + TestImageFiles.fingerprint(files) + " expected "
            + other);
    assertThat(incus().findImage(other)).isEmpty();
    assertThat(incus().findImage(TestImageFiles.fingerprint(files))).isEmpty();

    String fingerprint = importImage(files);
    assertThatThrownBy(() -> incus().importImage(fingerprint, stream(files))).isInstanceOf(IncusException.class)
        .hasMessageContaining("Image with same fingerprint already exists");
  }

  @Test
  void aMissingImageIsEmptyAndCannotBeExported() {
    String missing = TestImageFiles.fingerprint(TestImageFiles.unified(prefix + "-missing"));

    assertThat(incus().findImage(missing)).isEmpty();
    assertThatThrownBy(() -> incus().exportImage(missing)).isInstanceOf(IncusNotFoundException.class);
  }

  /** Imports {@code files}, to be deleted after the suite; returns their fingerprint. */
  private String importImage(byte[] files) {
    String fingerprint = TestImageFiles.fingerprint(files);
    importedImages.add(fingerprint);
    incus().importImage(fingerprint, stream(files));
    return fingerprint;
  }

  private static ContentStream stream(byte[] files) {
    return new ContentStream("application/octet-stream", new java.io.ByteArrayInputStream(files));
  }

  @Test
  void metricsHaveCpuAndMemoryOfRunningInstancesOnly() throws InterruptedException {
    String running = create(post("metrics").started());
    String stopped = create(post("metrics-off"));

    String text = awaitMetricsOf(running);

    for (String series : List.of("incus_cpu_seconds_total", "incus_memory_MemTotal_bytes",
        "incus_memory_MemAvailable_bytes")) {
      assertThat(seriesOf(text, series, running)).as(series + " of " + running).isNotEmpty()
          .allSatisfy(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
              .isGreaterThanOrEqualTo(0));
    }
    assertThat(text.lines().filter(line -> line.contains("name=\"" + stopped + "\""))).isEmpty();
  }

  @Test
  void requestsAreCounted() {
    long before = incus().requestCount();

    incus().listInstances();

    assertThat(incus().requestCount()).isEqualTo(before + 1);
  }

  private InstancesPost post(String suffix) {
    return InstancesPost.container(prefix + "-" + suffix, InstanceSource.alias(IMAGE));
  }

  private String create(InstancesPost post) {
    created.add(post.name());
    incus().createInstance(post);
    return post.name();
  }

  private String status(String name) {
    return incus().findInstance(name).orElseThrow().value().status();
  }

  /** DHCP takes a moment on a real bridge: polls the state, for at most 30 s. */
  private List<String> awaitAddresses(String name) throws InterruptedException {
    Instant deadline = Instant.now().plus(ADDRESS_DEADLINE);
    List<String> addresses = incus().instanceState(name).globalIpv4();
    while (addresses.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      addresses = incus().instanceState(name).globalIpv4();
    }
    return addresses;
  }

  /** Incus caches metrics for a few seconds: polls until the instance is in them, for at most 30 s. */
  private String awaitMetricsOf(String name) throws InterruptedException {
    Instant deadline = Instant.now().plus(ADDRESS_DEADLINE);
    String text = incus().metricsText();
    while (seriesOf(text, "incus_memory_MemTotal_bytes", name).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      text = incus().metricsText();
    }
    return text;
  }

  private static List<String> seriesOf(String metricsText, String metric, String instance) {
    return metricsText.lines()
        .filter(line -> line.startsWith(metric + "{") && line.contains("name=\"" + instance + "\""))
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
