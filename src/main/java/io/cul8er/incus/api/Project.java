package io.cul8er.incus.api;

import java.util.List;
import java.util.Map;

/** An Incus project: a namespace for instances, images and profiles. */
public record Project(
    String name, String description, Map<String, String> config, List<String> usedBy) {

  public Project {
    config = Copies.map(config);
    usedBy = Copies.list(usedBy);
  }
}
