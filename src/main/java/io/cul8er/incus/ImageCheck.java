package io.cul8er.incus;

import io.cul8er.incus.api.Image;
import io.cul8er.incus.api.ImageAlias;
import io.cul8er.incus.api.InstanceSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * Incus reports a create from a missing image only as "Image not provided for instance
 * creation". When a create fails, this checks whether the image exists, and if not, says so and
 * names the aliases that do.
 */
final class ImageCheck {
  private ImageCheck() {}

  static IncusException explain(
      IncusException failure, InstanceSource source, Supplier<List<ImageAlias>> aliases,
      Supplier<List<Image>> images) {
    List<ImageAlias> existing = aliases.get();
    boolean found = source.alias()
        .map(alias -> existing.stream().anyMatch(a -> a.name().equals(alias)))
        .or(() -> source.fingerprint().map(prefix -> images.get().stream()
            .anyMatch(image -> image.fingerprint().startsWith(prefix))))
        .orElse(true);
    if (found) {
      return failure;
    }
    return new UnknownImageException(failure.request(), failure.action(), failure.errorCode(),
        failure.incusMessage(), source.image(),
        existing.stream().map(ImageAlias::name).sorted().toList());
  }
}
