package io.cul8er.model;

/** A file placed into an instance, from inline content or from a local file. */
public record FileSpec(String target, FileSource source, int mode, int uid, int gid, SourcePos pos)
    implements Positioned {

  /** Where the file's bytes come from. */
  public sealed interface FileSource {
    record Inline(String content) implements FileSource {}

    record Local(String path) implements FileSource {}
  }
}
