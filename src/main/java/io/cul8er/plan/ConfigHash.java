package io.cul8er.plan;

import io.cul8er.model.Image;
import io.cul8er.model.InstanceType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash recorded in {@code user.cul8er.config-hash}: SHA-256 over a canonical text of the type,
 * image, profiles, config (without the hash itself) and devices. Keys are sorted; every value is
 * length-prefixed, so no two different inputs share a canonical text.
 */
public final class ConfigHash {
  private ConfigHash() {}

  public static String of(
      InstanceType type,
      Image image,
      Map<String, String> config,
      Map<String, Map<String, String>> devices,
      List<String> profiles) {
    StringBuilder canonical = new StringBuilder();
    field(canonical, "type", type.incusName());
    field(canonical, "image", image.toString());
    profiles.forEach(profile -> field(canonical, "profile", profile));
    new TreeMap<>(config)
        .forEach(
            (key, value) -> {
              if (!key.equals(ConfigKeys.CONFIG_HASH)) {
                field(canonical, "config." + key, value);
              }
            });
    new TreeMap<>(devices)
        .forEach(
            (device, properties) ->
                new TreeMap<>(properties)
                    .forEach((key, value) -> field(canonical, "device." + device + "." + key, value)));
    return "sha256:" + Hashing.sha256Hex(canonical.toString());
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(name.length()).append(':').append(name).append('=');
    out.append(value.length()).append(':').append(value).append('\n');
  }
}
