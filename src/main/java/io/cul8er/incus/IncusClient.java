package io.cul8er.incus;

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
import io.cul8er.incus.endpoint.DeleteInstance;
import io.cul8er.incus.endpoint.DeleteSnapshot;
import io.cul8er.incus.endpoint.ExportImage;
import io.cul8er.incus.endpoint.GetImage;
import io.cul8er.incus.endpoint.GetImageAlias;
import io.cul8er.incus.endpoint.GetInstance;
import io.cul8er.incus.endpoint.GetInstanceState;
import io.cul8er.incus.endpoint.GetMetrics;
import io.cul8er.incus.endpoint.GetProject;
import io.cul8er.incus.endpoint.GetServer;
import io.cul8er.incus.endpoint.ImportImage;
import io.cul8er.incus.endpoint.IncusEndpoint;
import io.cul8er.incus.endpoint.ListImageAliases;
import io.cul8er.incus.endpoint.ListImages;
import io.cul8er.incus.endpoint.ListInstances;
import io.cul8er.incus.endpoint.ListProjects;
import io.cul8er.incus.endpoint.ListSnapshots;
import io.cul8er.incus.endpoint.ListVolumeSnapshots;
import io.cul8er.incus.endpoint.PatchImage;
import io.cul8er.incus.endpoint.PatchInstance;
import io.cul8er.incus.endpoint.PullFile;
import io.cul8er.incus.endpoint.RenameInstance;
import io.cul8er.incus.endpoint.RestoreSnapshot;
import io.cul8er.incus.endpoint.UpdateInstance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Incus REST API client: runs {@link IncusEndpoint}s over an {@link IncusTransport} and
 * counts every request it makes. Thread-safe; close it to release the connection.
 */
public final class IncusClient implements IncusApi, AutoCloseable {
  private final IncusTransport transport;
  private final IncusSettings settings;
  private final AtomicLong requests;
  private final AtomicBoolean answered;
  private final Patience.Clock clock;
  private final EndpointCaller caller;

  public IncusClient(IncusTransport transport, IncusSettings settings) {
    this(transport, settings, Patience.Clock.SYSTEM);
  }

  /** With the time and sleeping of {@code clock}, for tests of the retries. */
  IncusClient(IncusTransport transport, IncusSettings settings, Patience.Clock clock) {
    this(transport, settings, new AtomicLong(), new AtomicBoolean(), clock);
  }

  private IncusClient(IncusTransport transport, IncusSettings settings, AtomicLong requests,
      AtomicBoolean answered, Patience.Clock clock) {
    this.transport = transport;
    this.settings = settings;
    this.requests = requests;
    this.answered = answered;
    this.clock = clock;
    this.caller = new EndpointCaller(transport, settings, requests, answered, clock);
  }

  /** The same connection and request counter, talking about {@code project}. */
  public IncusClient withProject(String project) {
    return new IncusClient(transport, settings.withProject(project), requests, answered, clock);
  }

  public IncusSettings settings() {
    return settings;
  }

  /** Runs one endpoint; async operations have finished when this returns. */
  public <T> T call(IncusEndpoint<T> endpoint) {
    return caller.call(endpoint);
  }

  @Override
  public long requestCount() {
    return requests.get();
  }

  @Override
  public ServerInfo server() {
    return call(new GetServer());
  }

  @Override
  public void createInstance(InstancesPost post) {
    try {
      call(new CreateInstance(post));
    } catch (IncusUnavailableException e) {
      throw e;
    } catch (IncusException e) {
      throw ImageCheck.explain(e, post.source(), this::listImageAliases, this::listImages);
    }
  }

  @Override
  public Optional<WithEtag<Instance>> findInstance(String name) {
    return ifExists(() -> call(new GetInstance(name)));
  }

  @Override
  public List<Instance> listInstances() {
    return call(new ListInstances());
  }

  @Override
  public List<Instance> listInstancesWithoutState() {
    return call(new ListInstances(false));
  }

  @Override
  public void updateInstance(String name, InstancePut put, String etag) {
    call(new UpdateInstance(name, put, etag));
  }

  @Override
  public void patchInstance(String name, InstancePatch patch) {
    call(new PatchInstance(name, patch));
  }

  @Override
  public void changeState(String name, StateChange change) {
    call(new ChangeInstanceState(name, change));
  }

  @Override
  public void deleteInstance(String name) {
    call(new DeleteInstance(name));
  }

  @Override
  public void renameInstance(String name, String newName) {
    call(new RenameInstance(name, newName));
  }

  @Override
  public InstanceState instanceState(String name) {
    return call(new GetInstanceState(name));
  }

  @Override
  public void createSnapshot(String instance, String snapshot) {
    call(new CreateSnapshot(instance, snapshot));
  }

  @Override
  public void restoreSnapshot(String instance, String snapshot) {
    call(new RestoreSnapshot(instance, snapshot));
  }

  @Override
  public void deleteSnapshot(String instance, String snapshot) {
    call(new DeleteSnapshot(instance, snapshot));
  }

  @Override
  public List<Snapshot> listSnapshots(String instance) {
    return call(new ListSnapshots(instance));
  }

  @Override
  public List<String> listVolumeSnapshots(String instance) {
    Instance found = findInstance(instance).orElseThrow(() -> new IncusNotFoundException(
        "GET /1.0/instances/" + instance, "find instance " + instance, "Instance not found")).value();
    String pool = found.expandedDevices().getOrDefault("root", Map.of()).getOrDefault("pool", "default");
    return call(new ListVolumeSnapshots(pool, found.type().incusName(), instance));
  }

  @Override
  public ExecResult exec(String instance, ExecCommand command) {
    return new ExecRun(this::call).run(instance, command);
  }

  @Override
  public int attach(String instance, ExecCommand command, ExecIo io) {
    return new ExecAttach(this::call, transport, settings.project()).run(instance, command, io);
  }

  @Override
  public void pushFile(String instance, FilePush file) {
    new FileUpload(this::call).push(instance, file);
  }

  @Override
  public byte[] pullFile(String instance, String path) {
    return call(new PullFile(instance, path));
  }

  @Override
  public void deleteFile(String instance, String path) {
    call(new DeleteFile(instance, path));
  }

  @Override
  public List<Image> listImages() {
    return call(new ListImages());
  }

  @Override
  public Optional<ImageAlias> findImageAlias(String name) {
    return ifExists(() -> call(new GetImageAlias(name)));
  }

  @Override
  public List<ImageAlias> listImageAliases() {
    return call(new ListImageAliases());
  }

  @Override
  public Optional<Image> findImage(String fingerprint) {
    return ifExists(() -> call(new GetImage(fingerprint)));
  }

  @Override
  public ContentStream exportImage(String fingerprint) {
    return caller.download(new ExportImage(fingerprint));
  }

  @Override
  public void importImage(String fingerprint, ContentStream files) {
    caller.upload(new ImportImage(fingerprint), files);
  }

  @Override
  public void patchImageProperties(String fingerprint, Map<String, String> properties) {
    call(new PatchImage(fingerprint, properties));
  }

  @Override
  public void createImageAlias(ImageAlias alias) {
    call(new CreateImageAlias(alias));
  }

  @Override
  public void deleteImage(String fingerprint) {
    call(new DeleteImage(fingerprint));
  }

  @Override
  public List<Project> listProjects() {
    return call(new ListProjects());
  }

  @Override
  public Optional<Project> findProject(String name) {
    return ifExists(() -> call(new GetProject(name)));
  }

  @Override
  public String metricsText() {
    return call(new GetMetrics());
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "IncusClient[" + transport.describe()
        + settings.project().map(p -> ", project " + p).orElse("") + "]";
  }

  private static <T> Optional<T> ifExists(Supplier<T> read) {
    try {
      return Optional.of(read.get());
    } catch (IncusNotFoundException e) {
      return Optional.empty();
    }
  }
}
