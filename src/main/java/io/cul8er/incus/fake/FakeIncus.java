package io.cul8er.incus.fake;

import io.cul8er.incus.ContentStream;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusException;
import io.cul8er.incus.UnknownImageException;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.api.Image;
import io.cul8er.incus.api.ImageAlias;
import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstancePatch;
import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstanceState;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.Project;
import io.cul8er.incus.api.ServerInfo;
import io.cul8er.incus.api.Snapshot;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.api.WithEtag;
import io.cul8er.incus.endpoint.ChangeInstanceState;
import io.cul8er.incus.endpoint.CreateImageAlias;
import io.cul8er.incus.endpoint.CreateInstance;
import io.cul8er.incus.endpoint.CreateSnapshot;
import io.cul8er.incus.endpoint.DeleteFile;
import io.cul8er.incus.endpoint.DeleteImage;
import io.cul8er.incus.endpoint.ExportImage;
import io.cul8er.incus.endpoint.DeleteInstance;
import io.cul8er.incus.endpoint.DeleteSnapshot;
import io.cul8er.incus.endpoint.GetInstanceState;
import io.cul8er.incus.endpoint.ImportImage;
import io.cul8er.incus.endpoint.IncusEndpoint;
import io.cul8er.incus.endpoint.ListSnapshots;
import io.cul8er.incus.endpoint.PatchImage;
import io.cul8er.incus.endpoint.PatchInstance;
import io.cul8er.incus.endpoint.PullFile;
import io.cul8er.incus.endpoint.PushFile;
import io.cul8er.incus.endpoint.RenameInstance;
import io.cul8er.incus.endpoint.RestoreSnapshot;
import io.cul8er.incus.endpoint.StartExec;
import io.cul8er.incus.endpoint.UpdateInstance;
import io.cul8er.model.InstanceNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Incus daemon in memory, for fast tests of code that uses {@link IncusApi}. It keeps the
 * daemon's rules: ETags change on update and are checked, missing things are 404s, creating what
 * exists is a 409, an unknown image is named along with the aliases that exist, stopped instances
 * cannot exec, running ones cannot be deleted. Operations finish at once; exec is answered by an
 * {@link ExecResponder} ({@link FakeShell} by default); running instances get an eth0 address in
 * 10.147.0.0/24. It passes the same contract suite as the real client. Thread-safe. One project
 * ("default"); each API call counts as one request.
 */
public final class FakeIncus implements IncusApi {
  /** The images of the project's test bed: a busybox container and the host-userland one. */
  public static final List<String> TESTBED_IMAGES = List.of("cul8er/busybox", "cul8er/userland");

  private static final Map<String, Map<String, String>> DEFAULT_PROFILE = Map.of(
      "eth0", Map.of("type", "nic", "network", "incusbr0", "name", "eth0"),
      "root", Map.of("type", "disk", "path", "/", "pool", "default"));

  private final Map<String, FakeInstance> instances = new TreeMap<>();
  private final Map<String, ImageAlias> aliases = new TreeMap<>();
  private final Map<String, FakeImage> images = new TreeMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final Clock clock;
  private final ExecResponder responder;
  private final java.util.Set<String> lostFileHelper = new java.util.HashSet<>();
  private int nextAddress = 10;

  /** A fake with the {@link #TESTBED_IMAGES}, answering exec with {@link FakeShell}. */
  public FakeIncus() {
    this(TESTBED_IMAGES, new FakeShell(), Clock.systemUTC());
  }

  public FakeIncus(List<String> imageAliases, ExecResponder responder, Clock clock) {
    this.responder = responder;
    this.clock = clock;
    imageAliases.forEach(alias -> alias(alias, "fake image " + alias, FakeImage.of(alias)));
  }

  @Override
  public synchronized ServerInfo server() {
    count();
    return new ServerInfo("1.0", List.of("instance_create_start", "operation_wait"), "trusted",
        new ServerInfo.Environment("fake", "6.0-fake", "Linux", "fake", "dir"));
  }

  @Override
  public synchronized void createInstance(InstancesPost post) {
    count();
    CreateInstance call = new CreateInstance(post);
    String problem = InstanceNames.problem(post.name());
    if (problem != null) {
      throw fail(call, 400, "Invalid instance name: " + problem);
    }
    String fingerprint = imageFingerprint(post, call);
    if (instances.containsKey(post.name())) {
      throw fail(call, 409, "Instance \"" + post.name() + "\" already exists");
    }
    Map<String, String> config = new TreeMap<>(post.config());
    config.put("volatile.base_image", fingerprint);
    config.put("image.description", "fake image");
    InstancePut put = new InstancePut("x86_64", config, post.devices(), false, post.profiles(),
        false, post.description().orElse(""));
    FakeInstance instance = new FakeInstance(post.name(), post.type(), put,
        profileDevices(post.profiles()), clock.instant(), "10.147.0." + nextAddress++);
    instance.files.put("/etc/hostname", FakeInstance.utf8(post.name() + "\n"));
    instances.put(post.name(), instance);
    if (post.start()) {
      instance.status = "Running";
    }
  }

  @Override
  public synchronized Optional<WithEtag<Instance>> findInstance(String name) {
    count();
    return Optional.ofNullable(instances.get(name))
        .map(i -> new WithEtag<>(i.toInstance(), i.etag()));
  }

  @Override
  public synchronized List<Instance> listInstances() {
    count();
    return instances.values().stream().map(FakeInstance::toInstance).toList();
  }

  @Override
  public synchronized List<Instance> listInstancesWithoutState() {
    count();
    return instances.values().stream().map(FakeInstance::toInstance).map(FakeIncus::withoutState).toList();
  }

  private static Instance withoutState(Instance i) {
    return new Instance(i.name(), i.type(), i.status(), i.statusCode(), i.project(), i.architecture(),
        i.description(), i.config(), i.devices(), i.profiles(), i.expandedConfig(), i.expandedDevices(),
        i.ephemeral(), i.stateful(), i.createdAt(), Optional.empty(), List.of());
  }

  @Override
  public synchronized void updateInstance(String name, InstancePut put, String etag) {
    count();
    UpdateInstance call = new UpdateInstance(name, put, etag);
    FakeInstance instance = existing(name, call);
    if (!instance.etag().equals(etag)) {
      throw fail(call, 412, "ETag doesn't match: " + instance.etag() + " vs " + etag);
    }
    instance.put = put;
    instance.profileDevices = profileDevices(put.profiles());
  }

  @Override
  public synchronized void patchInstance(String name, InstancePatch patch) {
    count();
    FakeInstance instance = existing(name, new PatchInstance(name, patch));
    InstancePut put = instance.put;
    if (patch.config().isPresent()) {
      Map<String, String> config = new TreeMap<>(put.config());
      config.putAll(patch.config().get());
      put = put.withConfig(config);
    }
    if (patch.devices().isPresent()) {
      Map<String, Map<String, String>> devices = new TreeMap<>(put.devices());
      devices.putAll(patch.devices().get());
      put = put.withDevices(devices);
    }
    put = patch.profiles().map(put::withProfiles).orElse(put);
    instance.put = put;
    instance.profileDevices = profileDevices(put.profiles());
  }

  @Override
  public synchronized void changeState(String name, StateChange change) {
    count();
    ChangeInstanceState call = new ChangeInstanceState(name, change);
    FakeInstance instance = existing(name, call);
    switch (change.action()) {
      case START -> {
        if (instance.isRunning()) {
          throw fail(call, 400, "The instance is already running");
        }
        instance.status = "Running";
      }
      case STOP -> {
        if (!instance.isRunning() && !instance.status.equals("Frozen")) {
          throw fail(call, 400, "The instance is already stopped");
        }
        instance.status = "Stopped";
      }
      case RESTART -> {
        if (!instance.isRunning()) {
          throw fail(call, 400, "The instance isn't running");
        }
      }
      case FREEZE -> instance.status = "Frozen";
      case UNFREEZE -> instance.status = "Running";
    }
  }

  @Override
  public synchronized void deleteInstance(String name) {
    count();
    DeleteInstance call = new DeleteInstance(name);
    if (existing(name, call).isRunning()) {
      throw fail(call, 400, "Instance is running");
    }
    instances.remove(name);
  }

  @Override
  public synchronized void renameInstance(String name, String newName) {
    count();
    RenameInstance call = new RenameInstance(name, newName);
    FakeInstance instance = existing(name, call);
    if (instances.containsKey(newName)) {
      throw fail(call, 409, "Name \"" + newName + "\" already in use");
    }
    if (instance.isRunning()) {
      throw fail(call, 400, "Renaming of running instance not allowed");
    }
    instances.remove(name);
    instances.put(newName, instance.renamed(newName));
  }

  @Override
  public synchronized InstanceState instanceState(String name) {
    count();
    return existing(name, new GetInstanceState(name)).toInstance().state().orElseThrow();
  }

  @Override
  public synchronized void createSnapshot(String instance, String snapshot) {
    count();
    CreateSnapshot call = new CreateSnapshot(instance, snapshot);
    FakeInstance owner = existing(instance, call);
    if (owner.snapshots.containsKey(snapshot)) {
      throw fail(call, 409, "Snapshot \"" + snapshot + "\" already exists");
    }
    owner.snapshots.put(snapshot, new FakeInstance.SavedSnapshot(
        new Snapshot(snapshot, Optional.of(clock.instant()), false, owner.put.config()),
        owner.put, Map.copyOf(owner.files)));
  }

  @Override
  public synchronized void restoreSnapshot(String instance, String snapshot) {
    count();
    RestoreSnapshot call = new RestoreSnapshot(instance, snapshot);
    FakeInstance owner = existing(instance, call);
    FakeInstance.SavedSnapshot saved = owner.snapshots.get(snapshot);
    if (saved == null) {
      throw fail(call, 404, "Snapshot not found");
    }
    owner.put = saved.put();
    owner.profileDevices = profileDevices(saved.put().profiles());
    owner.files.clear();
    owner.files.putAll(saved.files());
  }

  @Override
  public synchronized void deleteSnapshot(String instance, String snapshot) {
    count();
    DeleteSnapshot call = new DeleteSnapshot(instance, snapshot);
    if (existing(instance, call).snapshots.remove(snapshot) == null) {
      throw fail(call, 404, "Snapshot not found");
    }
  }

  @Override
  public synchronized List<Snapshot> listSnapshots(String instance) {
    count();
    return existing(instance, new ListSnapshots(instance)).toInstance().snapshots();
  }

  /** The fake keeps one record per snapshot: its storage always agrees. */
  @Override
  public synchronized List<String> listVolumeSnapshots(String instance) {
    count();
    return existing(instance, new ListSnapshots(instance)).toInstance().snapshots().stream().map(Snapshot::name).toList();
  }

  @Override
  public synchronized ExecResult exec(String instance, ExecCommand command) {
    count();
    StartExec call = new StartExec(instance, command);
    FakeInstance owner = existing(instance, call);
    if (!owner.isRunning()) {
      throw fail(call, 400, "Instance is not running");
    }
    return responder.run(instance, command, Map.copyOf(owner.files));
  }

  @Override
  public synchronized void pushFile(String instance, FilePush file) {
    count();
    PushFile call = new PushFile(instance, file);
    FakeInstance owner = existing(instance, call);
    if (lostFileHelper.contains(instance)) {
      throw fail(call, 500, "dial unix /proc/self/fd/36/forkfile.sock: connect: no such file or directory");
    }
    owner.files.put(file.path(), file.content());
  }

  /**
   * From now on, pushing a file into {@code instance} fails as Incus does once it has lost its file
   * helper for the instance (seen after incusd was killed): {@code 500: dial unix
   * /proc/self/fd/36/forkfile.sock: connect: no such file or directory}. Exec still works.
   */
  public synchronized void loseFileHelper(String instance) {
    lostFileHelper.add(instance);
  }

  @Override
  public synchronized byte[] pullFile(String instance, String path) {
    count();
    PullFile call = new PullFile(instance, path);
    byte[] content = existing(instance, call).files.get(path);
    if (content == null) {
      throw fail(call, 404, "Not Found");
    }
    return content.clone();
  }

  @Override
  public synchronized void deleteFile(String instance, String path) {
    count();
    DeleteFile call = new DeleteFile(instance, path);
    if (existing(instance, call).files.remove(path) == null) {
      throw fail(call, 404, "Not Found");
    }
  }

  @Override
  public synchronized List<Image> listImages() {
    count();
    return images.values().stream().map(this::image).toList();
  }

  @Override
  public synchronized Optional<ImageAlias> findImageAlias(String name) {
    count();
    return Optional.ofNullable(aliases.get(name));
  }

  @Override
  public synchronized List<ImageAlias> listImageAliases() {
    count();
    return List.copyOf(aliases.values());
  }

  @Override
  public synchronized Optional<Image> findImage(String fingerprint) {
    count();
    return Optional.ofNullable(images.get(fingerprint)).map(this::image);
  }

  /** The image's one tarball (the fake's images are unified). */
  @Override
  public synchronized ContentStream exportImage(String fingerprint) {
    count();
    FakeImage image = existingImage(fingerprint, new ExportImage(fingerprint));
    return new ContentStream("application/octet-stream", new ByteArrayInputStream(image.files));
  }

  /**
   * Reads {@code files} to their end first (outside the lock), then checks them as Incus does: their
   * SHA-256 must be {@code fingerprint}, and the store must not have that image. (Incus hashes a
   * split image's two files, the fake the whole body: the same for one tarball.)
   */
  @Override
  public void importImage(String fingerprint, ContentStream files) {
    byte[] bytes;
    try (files) {
      bytes = files.content().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the image to import", e);
    }
    synchronized (this) {
      count();
      ImportImage call = new ImportImage(fingerprint);
      FakeImage image = new FakeImage(bytes, "container");
      if (!image.fingerprint.equals(fingerprint)) {
        throw fail(call, 400, "fingerprints don't match, got " + image.fingerprint + " expected " + fingerprint);
      }
      if (images.containsKey(fingerprint)) {
        throw fail(call, 400, "Image with same fingerprint already exists");
      }
      images.put(fingerprint, image);
    }
  }

  @Override
  public synchronized void patchImageProperties(String fingerprint, Map<String, String> properties) {
    count();
    existingImage(fingerprint, new PatchImage(fingerprint, properties)).properties.putAll(properties);
  }

  @Override
  public synchronized void createImageAlias(ImageAlias alias) {
    count();
    CreateImageAlias call = new CreateImageAlias(alias);
    if (aliases.containsKey(alias.name())) {
      throw fail(call, 409, "Alias \"" + alias.name() + "\" already exists");
    }
    if (!images.containsKey(alias.target())) {
      throw fail(call, 404, "Image not found");
    }
    aliases.put(alias.name(), new ImageAlias(alias.name(), alias.description(), alias.target(),
        images.get(alias.target()).type));
  }

  @Override
  public synchronized void deleteImage(String fingerprint) {
    count();
    existingImage(fingerprint, new DeleteImage(fingerprint));
    images.remove(fingerprint);
    aliases.values().removeIf(alias -> alias.target().equals(fingerprint));
  }

  /**
   * Points {@code alias} at a new build of its image, named by {@code build} (as a re-imported
   * image would be), as {@code incus image alias create} after importing it does; the image it
   * named before stays, as it does in Incus while instances came from it. Returns the new
   * fingerprint. Not part of {@link IncusApi}: tests re-point aliases with it.
   */
  public synchronized String publishImage(String alias, String build) {
    return alias(alias, "fake image " + alias + " (" + build + ")", FakeImage.of(alias + "\n" + build));
  }

  /** Stores {@code image} and points {@code alias} at it; returns its fingerprint. */
  private String alias(String alias, String description, FakeImage image) {
    images.put(image.fingerprint, image);
    aliases.put(alias, new ImageAlias(alias, description, image.fingerprint, image.type));
    return image.fingerprint;
  }

  private Image image(FakeImage image) {
    return image.toImage(aliases.values().stream().filter(alias -> alias.target().equals(image.fingerprint))
        .map(alias -> new Image.Alias(alias.name(), alias.description())).toList());
  }

  private FakeImage existingImage(String fingerprint, IncusEndpoint<?> call) {
    FakeImage image = images.get(fingerprint);
    if (image == null) {
      throw fail(call, 404, "Image \"" + fingerprint + "\" not found");
    }
    return image;
  }

  @Override
  public synchronized List<Project> listProjects() {
    count();
    return List.of(defaultProject());
  }

  @Override
  public synchronized Optional<Project> findProject(String name) {
    count();
    return name.equals("default") ? Optional.of(defaultProject()) : Optional.empty();
  }

  @Override
  public synchronized String metricsText() {
    count();
    return FakeMetrics.render(instances.values());
  }

  @Override
  public long requestCount() {
    return requests.get();
  }

  private Project defaultProject() {
    List<String> usedBy = instances.keySet().stream().map(name -> "/1.0/instances/" + name)
        .toList();
    return new Project("default", "Default Incus project", Map.of(), usedBy);
  }

  private String imageFingerprint(InstancesPost post, CreateInstance call) {
    Optional<String> found = post.source().alias()
        .map(alias -> Optional.ofNullable(aliases.get(alias)).map(ImageAlias::target))
        .orElseGet(() -> post.source().fingerprint().flatMap(prefix -> images.keySet().stream()
            .filter(fingerprint -> fingerprint.startsWith(prefix)).findFirst()));
    return found.orElseThrow(() -> new UnknownImageException(
        request(call), call.action(), 500, "Image not provided for instance creation",
        post.source().image(), List.copyOf(aliases.keySet())));
  }

  private Map<String, Map<String, String>> profileDevices(List<String> profiles) {
    return profiles.contains("default") ? DEFAULT_PROFILE : Map.of();
  }

  private FakeInstance existing(String name, IncusEndpoint<?> call) {
    FakeInstance instance = instances.get(name);
    if (instance == null) {
      throw fail(call, 404, "Failed to fetch instance \"" + name
          + "\" in project \"default\": Instance not found");
    }
    return instance;
  }

  private static IncusException fail(IncusEndpoint<?> call, int code, String message) {
    return IncusException.of(request(call), call.action(), code, message);
  }

  private static String request(IncusEndpoint<?> call) {
    return call.method() + " " + call.path();
  }

  private void count() {
    requests.incrementAndGet();
  }

}
