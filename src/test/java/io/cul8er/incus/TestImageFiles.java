package io.cul8er.incus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Small image files made in a test, so that importing one touches no image anybody else uses: a
 * unified image (one gzipped tarball with {@code metadata.yaml} and a {@code rootfs/} holding one
 * file), unique to its marker. Incus takes it as it would any image; nothing can run from it.
 */
public final class TestImageFiles {
  private static final long MTIME = 1_767_225_600L; // 2026-01-01: the same bytes every time

  private TestImageFiles() {}

  /** A unified image whose metadata and only file carry {@code marker}. */
  public static byte[] unified(String marker) {
    String metadata = "architecture: x86_64\ncreation_date: " + MTIME + "\nproperties:\n  description: " + marker
        + "\n  os: test\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      entry(gzip, "metadata.yaml", metadata.getBytes(StandardCharsets.UTF_8), false);
      entry(gzip, "rootfs/", new byte[0], true);
      entry(gzip, "rootfs/marker", (marker + "\n").getBytes(StandardCharsets.UTF_8), false);
      gzip.write(new byte[1024]); // the end of the archive: two empty blocks
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The fingerprint Incus gives an image of these files (a unified one). */
  public static String fingerprint(byte[] files) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(files));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** One ustar entry: a 512-byte header, then the content padded to a whole block. */
  private static void entry(OutputStream out, String name, byte[] content, boolean directory) throws IOException {
    byte[] header = new byte[512];
    field(header, 0, name);
    field(header, 100, octal(directory ? 0755 : 0644, 7));
    field(header, 108, octal(0, 7));
    field(header, 116, octal(0, 7));
    field(header, 124, octal(content.length, 11));
    field(header, 136, octal(MTIME, 11));
    field(header, 148, "        ");
    header[156] = (byte) (directory ? '5' : '0');
    field(header, 257, "ustar\0");
    field(header, 263, "00");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    field(header, 148, octal(sum, 6) + " ");
    out.write(header);
    out.write(content);
    out.write(new byte[(512 - content.length % 512) % 512]);
  }

  private static String octal(long value, int digits) {
    return String.format("%0" + digits + "o", value) + "\0";
  }

  private static void field(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
