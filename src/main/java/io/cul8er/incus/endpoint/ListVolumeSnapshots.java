package io.cul8er.incus.endpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;

/**
 * {@code GET /1.0/storage-pools/{pool}/volumes/{type}/{volume}/snapshots}: the names of the
 * snapshots the storage layer holds for an instance's volume. Incus keeps them apart from the
 * instance's own snapshot records; a daemon killed while taking a snapshot can leave the two
 * disagreeing.
 */
public record ListVolumeSnapshots(String pool, String type, String volume) implements IncusEndpoint<List<String>> {

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/1.0/storage-pools/" + Paths.segment(pool) + "/volumes/" + Paths.segment(type) + "/"
        + Paths.segment(volume) + "/snapshots";
  }

  @Override
  public String action() {
    return "list the storage snapshots of " + type + " volume " + volume + " in pool " + pool;
  }

  @Override
  public List<String> decode(Reply reply) {
    return reply.metadataAs(new TypeReference<List<String>>() {}).stream()
        .map(url -> java.net.URLDecoder.decode(url.substring(url.lastIndexOf('/') + 1),
            java.nio.charset.StandardCharsets.UTF_8))
        .toList();
  }
}
