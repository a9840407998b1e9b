package io.cul8er.incus;

import io.cul8er.incus.api.FilePush;
import io.cul8er.incus.endpoint.MakeDirectory;
import io.cul8er.incus.endpoint.PushFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes a file; when Incus answers 404 because a parent directory is missing, creates the
 * parents top-down (an existing one is left alone) and pushes again.
 */
final class FileUpload {
  private static final int DIRECTORY_MODE = 0755;
  private final Caller caller;

  FileUpload(Caller caller) {
    this.caller = caller;
  }

  void push(String instance, FilePush file) {
    PushFile push = new PushFile(instance, file);
    try {
      caller.call(push);
      return;
    } catch (IncusNotFoundException missingParent) {
      List<String> parents = parentsOf(file.path());
      if (parents.isEmpty()) {
        throw missingParent;
      }
      try {
        for (String parent : parents) {
          caller.call(new MakeDirectory(instance, parent, file.uid(), file.gid(), DIRECTORY_MODE));
        }
      } catch (IncusNotFoundException noInstance) {
        throw missingParent;
      }
    }
    caller.call(push);
  }

  /** {@code /opt/a/f} has parents {@code /opt} and {@code /opt/a}. */
  static List<String> parentsOf(String path) {
    List<String> parents = new ArrayList<>();
    int slash = path.indexOf('/', 1);
    while (slash > 0) {
      parents.add(path.substring(0, slash));
      slash = path.indexOf('/', slash + 1);
    }
    return parents;
  }
}
