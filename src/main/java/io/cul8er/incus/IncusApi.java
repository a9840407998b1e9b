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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What C U L8er needs from one Incus daemon (in one project). Every call that starts an Incus
 * operation returns when the operation has finished. Failures are {@link IncusException}s: {@link
 * IncusNotFoundException} for a missing instance, snapshot or file, {@link EtagMismatchException}
 * for a stale update, {@link UnknownImageException} for an image that does not exist, {@link
 * IncusUnavailableException} when the daemon cannot be reached.
 *
 * <p>{@link IncusClient} talks to a real daemon; {@code fake.FakeIncus} keeps
 * everything in memory. Both pass the same contract suite.
 */
public interface IncusApi {

  ServerInfo server();

  /** Creates an instance (and starts it if the request says so). */
  void createInstance(InstancesPost post);

  /** The instance with its state, snapshots and ETag, or empty when there is none. */
  Optional<WithEtag<Instance>> findInstance(String name);

  /** Every instance of the project, with state and snapshots, in one request. */
  List<Instance> listInstances();

  /**
   * Every instance of the project with config, devices and status but no state (no addresses),
   * in one request that stays cheap on a host with many instances.
   */
  List<Instance> listInstancesWithoutState();

  /** Replaces the writable fields, unless the instance changed since {@code etag} was read. */
  void updateInstance(String name, InstancePut put, String etag);

  /** Merges config keys and devices into an instance. */
  void patchInstance(String name, InstancePatch patch);

  void changeState(String name, StateChange change);

  /** Deletes a stopped instance with its snapshots. */
  void deleteInstance(String name);

  /**
   * Renames a stopped instance; its snapshots and config go with it. A running instance, a missing
   * one and a name in use are refused.
   */
  void renameInstance(String name, String newName);

  InstanceState instanceState(String name);

  void createSnapshot(String instance, String snapshot);

  void restoreSnapshot(String instance, String snapshot);

  void deleteSnapshot(String instance, String snapshot);

  List<Snapshot> listSnapshots(String instance);

  /**
   * The snapshot names the storage pool holds for the instance's volume. They agree with {@link
   * #listSnapshots} unless a daemon died while taking or deleting one.
   */
  List<String> listVolumeSnapshots(String instance);

  /** Runs a command in a running instance to its end; a non-zero exit code is not an error. */
  ExecResult exec(String instance, ExecCommand command);

  /**
   * Runs a command in a running instance attached to {@code io}: stdin copied to it, its output
   * written as it comes, on a pseudo terminal when {@code io} has one; yields its exit code.
   */
  default int attach(String instance, ExecCommand command, ExecIo io) {
    throw new UnsupportedOperationException("This Incus client cannot attach to a command in " + instance);
  }

  /** Writes a file, creating missing parent directories. */
  void pushFile(String instance, FilePush file);

  byte[] pullFile(String instance, String path);

  void deleteFile(String instance, String path);

  List<Image> listImages();

  Optional<ImageAlias> findImageAlias(String name);

  List<ImageAlias> listImageAliases();

  /** The image of this fingerprint, or empty when the image store has none. */
  Optional<Image> findImage(String fingerprint);

  /**
   * The image's files, to read once as a stream and close: one tarball, or metadata and root file
   * system as multipart, as {@link #importImage} takes them. A missing image is an {@link
   * IncusNotFoundException}.
   */
  ContentStream exportImage(String fingerprint);

  /**
   * Imports an image from {@code files} (as another Incus exported them), read as they are sent;
   * refused unless they hash to {@code fingerprint}, or when the image store has that image. The
   * image is private, with the properties of its metadata.
   */
  void importImage(String fingerprint, ContentStream files);

  /** Adds {@code properties} to the image's, replacing those of the same names. */
  void patchImageProperties(String fingerprint, Map<String, String> properties);

  /** Names an image; an alias of that name is an {@link IncusConflictException}. */
  void createImageAlias(ImageAlias alias);

  /** Deletes an image and its aliases. */
  void deleteImage(String fingerprint);

  List<Project> listProjects();

  Optional<Project> findProject(String name);

  /**
   * The project's instance metrics ({@code GET /1.0/metrics}) in the Prometheus text format: CPU
   * time, memory, disk, network and processes of every running instance.
   */
  String metricsText();

  /** How many API requests this client has made so far (operation waits included). */
  long requestCount();
}
