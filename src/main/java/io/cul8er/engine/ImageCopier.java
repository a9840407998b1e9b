package io.cul8er.engine;

import io.cul8er.incus.ContentStream;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusConflictException;
import io.cul8er.incus.api.Image;
import io.cul8er.incus.api.ImageAlias;
import io.cul8er.model.Cul8erException;
import io.cul8er.plan.ImageCopy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Copies an image to a host that lacks it ({@link ImageCopy}): the source's export streamed through
 * this machine into the target's import, under the same fingerprint (the target refuses files that
 * do not hash to it), then the source's properties and the alias. Nothing is held in memory but a
 * chunk at a time. Idempotent: a target that has the image already (an earlier copy cut short
 * before its alias) only gets the alias, one that has the alias gets nothing. Bounded by the
 * clients' transfer timeout, and by their request timeout without a byte moving.
 */
final class ImageCopier {
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final IncusApi source;
  private final IncusApi target;
  private final Clock clock;
  private final Consumer<String> progress;

  /** {@code progress} hears how far the copy is, in words, every {@link #PROGRESS_EVERY} and at the end. */
  ImageCopier(IncusApi source, IncusApi target, Clock clock, Consumer<String> progress) {
    this.source = source;
    this.target = target;
    this.clock = clock;
    this.progress = progress;
  }

  void copy(ImageCopy copy) {
    Optional<ImageAlias> named = target.findImageAlias(copy.image());
    if (named.isPresent()) {
      progress.accept(copy.host() + " has image alias " + copy.image() + " now (fingerprint "
          + shortened(named.get().target()) + "): nothing to copy");
      return;
    }
    Image image = source.findImage(copy.fingerprint()).orElseThrow(() -> new Cul8erException(copy.source()
        + " no longer has image " + copy.shortFingerprint() + ", which " + copy.image()
        + " named when the plan was made; make a new plan"));
    if (target.findImage(copy.fingerprint()).isPresent()) {
      progress.accept(copy.host() + " has the image already (an earlier copy): adding its alias");
    } else {
      transfer(copy, image);
    }
    Map<String, String> there = target.findImage(copy.fingerprint()).map(Image::properties).orElse(Map.of());
    Map<String, String> properties = new TreeMap<>(image.properties());
    properties.entrySet().removeIf(p -> Objects.equals(p.getValue(), there.get(p.getKey())));
    if (!properties.isEmpty()) {
      on(copy.host(), () -> target.patchImageProperties(copy.fingerprint(), properties));
    }
    String description = source.findImageAlias(copy.image()).filter(a -> a.target().equals(copy.fingerprint()))
        .map(ImageAlias::description).orElse("");
    try {
      on(copy.host(), () -> target.createImageAlias(new ImageAlias(copy.image(), description, copy.fingerprint(),
          image.type())));
    } catch (Cul8erException e) {
      if (!(e.getCause() instanceof IncusConflictException) || target.findImageAlias(copy.image()).isEmpty()) {
        throw e;
      }
      // Made meanwhile, by another run: there is an alias.
    }
  }

  private void transfer(ImageCopy copy, Image image) {
    Instant started = clock.instant();
    Counting counted = null;
    try (ContentStream files = on(copy.source(), () -> source.exportImage(copy.fingerprint()))) {
      counted = new Counting(files.content(), image.size(), started);
      ContentStream out = new ContentStream(files.contentType(), counted);
      on(copy.host(), () -> {
        target.importImage(copy.fingerprint(), out);
        return null;
      });
    } catch (Cul8erException e) {
      if (counted != null && counted.failure != null) {
        throw new Cul8erException("the export from " + copy.source() + " broke off after "
            + megabytes(counted.count) + ": " + Refresher.reasonOf(counted.failure), e);
      }
      if (target.findImage(copy.fingerprint()).isEmpty()) {
        throw e;
      }
      // Imported meanwhile, by another run ("Image with same fingerprint already exists").
      return;
    }
    Duration took = Duration.between(started, clock.instant());
    progress.accept("copied " + megabytes(counted.count) + " in " + seconds(took) + " (" + rate(counted.count, took)
        + ")");
  }

  /** Runs {@code call} against {@code host}, its failure said to be there. */
  private static <T> T on(String host, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new Cul8erException("on " + host + ": " + Refresher.reasonOf(e), e);
    }
  }

  private static void on(String host, Runnable call) {
    on(host, () -> {
      call.run();
      return null;
    });
  }

  /** The export as it is read: how much so far, the first failure, progress now and then. */
  private final class Counting extends FilterInputStream {
    private final long size;
    private Instant lastSaid;
    private final Instant started;
    long count;
    IOException failure;

    Counting(InputStream in, long size, Instant started) {
      super(in);
      this.size = size;
      this.started = started;
      this.lastSaid = started;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = super.read(buffer, offset, length);
      } catch (IOException e) {
        failure = failure == null ? e : failure;
        throw e;
      }
      if (n > 0) {
        count += n;
        Instant now = clock.instant();
        if (!now.isBefore(lastSaid.plus(PROGRESS_EVERY))) {
          lastSaid = now;
          progress.accept(megabytes(count) + " of " + megabytes(size) + " copied ("
              + rate(count, Duration.between(started, now)) + ")");
        }
      }
      return n;
    }
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }

  private static String rate(long bytes, Duration took) {
    double seconds = Math.max(took.toMillis(), 1) / 1000.0;
    return String.format(Locale.ROOT, "%.1f MB/s", bytes / 1_000_000.0 / seconds);
  }

  private static String seconds(Duration took) {
    return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
  }

  private static String shortened(String fingerprint) {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
  }
}
