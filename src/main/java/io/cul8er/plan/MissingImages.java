package io.cul8er.plan;

import io.cul8er.model.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What becomes of the creates whose host lacks their image: a local alias that another host of the
 * topology or this machine has is copied there ({@link ImageCopy}, one per host and alias, however
 * many instances need it); anything else is an {@link ImageProblem}, which apply refuses. A remote
 * image ({@code images:debian/12}) is never copied: its host fetches it from the image server.
 *
 * <p>The source is chosen so that a host gets the build the others run: the build the alias names
 * on the most hosts of the topology (a tie goes to the build of the host whose name sorts first),
 * else this machine's build. It comes from this machine when this machine's alias names that very
 * build (the files then cross the network once, not twice), else from the first host, by name, whose
 * alias names it.
 */
public record MissingImages(List<ImageProblem> problems, List<ImageCopy> copies) {

  public MissingImages {
    problems = List.copyOf(problems);
    copies = List.copyOf(copies);
  }

  /** Sorts the changes that need an image their host lacks, per {@code images}. */
  public static MissingImages of(List<Change> changes, ImageCatalog images) {
    List<ImageProblem> problems = new ArrayList<>();
    Map<String, ImageCopy> copies = new LinkedHashMap<>();
    changes.stream().filter(ImageNeeds::needsImage).forEach(change -> {
      Image image = change.after().orElseThrow().spec().image();
      images.problem(change.host(), image).ifPresent(problem -> {
        String key = change.host() + "\n" + image.alias();
        Optional<ImageCopy> copy = Optional.ofNullable(copies.get(key))
            .or(() -> source(change.host(), image, images).map(from ->
                new ImageCopy(change.host(), image.alias(), from.fingerprint(), from.host(), List.of())));
        if (copy.isPresent()) {
          copies.put(key, copy.get().with(change.instance()));
        } else {
          problems.add(new ImageProblem(change.instance(), change.host(), image.toString(), problem));
        }
      });
    });
    return new MissingImages(problems, List.copyOf(copies.values()));
  }

  /** Where a build of the local alias {@code image} is, for {@code host}: see the class comment. */
  static Optional<Source> source(String host, Image image, ImageCatalog images) {
    if (image.remote().isPresent()) {
      return Optional.empty();
    }
    Map<String, List<String>> hostsByBuild = new TreeMap<>();
    Optional<String> thisMachine = images.target(ImageCatalog.THIS_MACHINE, image);
    images.targets().keySet().stream()
        .filter(other -> !other.equals(host) && !other.equals(ImageCatalog.THIS_MACHINE)).sorted()
        .forEach(other -> images.target(other, image).ifPresent(build ->
            hostsByBuild.computeIfAbsent(build, b -> new ArrayList<>()).add(other)));
    Optional<String> build = hostsByBuild.entrySet().stream()
        .max(Comparator.<Map.Entry<String, List<String>>>comparingInt(e -> e.getValue().size())
            .thenComparing(e -> e.getValue().get(0), Comparator.reverseOrder()))
        .map(Map.Entry::getKey).or(() -> thisMachine);
    return build.map(fingerprint -> new Source(
        thisMachine.filter(fingerprint::equals).isPresent() ? ImageCatalog.THIS_MACHINE
            : hostsByBuild.get(fingerprint).get(0), fingerprint));
  }

  /** A host (or this machine) whose alias names build {@code fingerprint}. */
  record Source(String host, String fingerprint) {}
}
