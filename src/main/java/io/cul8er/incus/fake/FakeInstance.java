package io.cul8er.incus.fake;

import io.cul8er.incus.api.Instance;
import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstanceState;
import io.cul8er.incus.api.Snapshot;
import io.cul8er.incus.api.IncusJson;
import io.cul8er.model.InstanceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The mutable record of one instance inside {@link FakeIncus}; guarded by the fake's lock. */
final class FakeInstance {
  final String name;
  final InstanceType type;
  final Instant createdAt;
  final String address;
  InstancePut put;
  String status = "Stopped";
  Map<String, Map<String, String>> profileDevices;
  final Map<String, byte[]> files = new TreeMap<>();
  final Map<String, SavedSnapshot> snapshots = new LinkedHashMap<>();

  /** A snapshot: what it shows, and what restoring it brings back. */
  record SavedSnapshot(Snapshot snapshot, InstancePut put, Map<String, byte[]> files) {}

  FakeInstance(String name, InstanceType type, InstancePut put,
      Map<String, Map<String, String>> profileDevices, Instant createdAt, String address) {
    this.name = name;
    this.type = type;
    this.put = put;
    this.profileDevices = profileDevices;
    this.createdAt = createdAt;
    this.address = address;
  }

  /** The same instance under {@code newName}: config, files, snapshots and address go with it. */
  FakeInstance renamed(String newName) {
    FakeInstance renamed = new FakeInstance(newName, type, put, profileDevices, createdAt, address);
    renamed.status = status;
    renamed.files.putAll(files);
    renamed.snapshots.putAll(snapshots);
    return renamed;
  }

  boolean isRunning() {
    return status.equals("Running");
  }

  /** Like Incus: a hash of the writable fields, so it changes whenever they do. */
  String etag() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(IncusJson.write(put));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  Instance toInstance() {
    Map<String, Map<String, String>> expandedDevices = new TreeMap<>(profileDevices);
    expandedDevices.putAll(put.devices());
    List<Snapshot> shots = snapshots.values().stream().map(SavedSnapshot::snapshot).toList();
    return new Instance(name, type, status, isRunning() ? 103 : 102, "default",
        put.architecture(), put.description(), put.config(), put.devices(), put.profiles(),
        put.config(), expandedDevices, put.ephemeral(), put.stateful(), Optional.of(createdAt),
        Optional.of(state(expandedDevices)), shots);
  }

  InstanceState state(Map<String, Map<String, String>> expandedDevices) {
    Map<String, InstanceState.NetworkState> network = new TreeMap<>();
    if (isRunning()) {
      network.put("lo", new InstanceState.NetworkState(
          List.of(new InstanceState.Address("inet", "127.0.0.1", "8", "local")), "", "", "up",
          "loopback"));
      expandedDevices.forEach((device, config) -> {
        if ("nic".equals(config.get("type"))) {
          String nic = config.getOrDefault("name", device);
          boolean primary = nic.equals("eth0");
          network.put(nic, new InstanceState.NetworkState(
              primary ? List.of(new InstanceState.Address("inet", address, "24", "global"))
                  : List.of(),
              "10:66:6a:00:00:01", "veth-" + name, "up", "broadcast"));
        }
      });
    }
    return new InstanceState(status, isRunning() ? 103 : 102, isRunning() ? 4242 : 0,
        isRunning() ? 1 : 0, network);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
