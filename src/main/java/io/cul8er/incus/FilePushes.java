package io.cul8er.incus;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.FilePush;
import io.cul8er.model.Cul8erException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Pushes a file through Incus's files API, and, when Incus has lost its file helper for the
 * instance (after incusd was killed, a push can answer {@code dial unix
 * /proc/self/fd/36/forkfile.sock: connect: no such file or directory}, and only that), writes it
 * through exec instead: the content base64-encoded in the commands, in chunks, into a temporary
 * file next to it, then owner and mode set and the temporary file moved over the file, so that a
 * reader sees the old file or the new one. Missing parent directories are created (root's, 0755).
 */
public final class FilePushes {
  private static final Pattern LOST_FILE_HELPER =
      Pattern.compile("dial unix /proc/self/fd/\\d+/forkfile\\.sock: (connect: )?no such file or directory");
  /** Raw bytes per exec: a multiple of 3, so each chunk is base64 on its own, well under Linux's 128 KiB per argument. */
  static final int CHUNK = 72 * 1024;

  private FilePushes() {}

  /** Pushes {@code file}; {@code note} is told when the exec fallback was used, and why. */
  public static void push(IncusApi incus, String instance, FilePush file, Consumer<String> note) {
    try {
      incus.pushFile(instance, file);
    } catch (IncusException failure) {
      if (!lostFileHelper(failure)) {
        throw failure;
      }
      note.accept("Incus lost its file helper for " + instance + " (" + failure.incusMessage() + "); wrote "
          + file.path() + " through exec instead");
      for (ExecCommand command : throughExec(file)) {
        ExecResult result = incus.exec(instance, command);
        if (!result.succeeded()) {
          throw new Cul8erException("Cannot write " + file.path() + " into " + instance + " through exec (the files"
              + " API failed: " + failure.incusMessage() + "): `" + String.join(" ", command.command().subList(0, 3))
              + "` exited " + result.exitCode() + ": " + (result.stderr() + result.stdout()).strip());
        }
      }
    }
  }

  static boolean lostFileHelper(IncusException failure) {
    return failure.incusMessage() != null && LOST_FILE_HELPER.matcher(failure.incusMessage()).find();
  }

  /** The commands that write {@code file} without the files API, in order. */
  static List<ExecCommand> throughExec(FilePush file) {
    String temporary = file.path() + ".cul8er-new";
    byte[] content = file.content();
    List<ExecCommand> commands = new ArrayList<>();
    commands.add(sh("mkdir -p \"$(dirname \"$1\")\" && : > \"$1\"", temporary).markedIdempotent());
    for (int from = 0; from < content.length; from += CHUNK) {
      byte[] chunk = Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK));
      commands.add(sh("printf %s \"$2\" | base64 -d >> \"$1\"", temporary, Base64.getEncoder().encodeToString(chunk)));
    }
    commands.add(sh("chown \"$2:$3\" \"$1\" && chmod \"$4\" \"$1\" && mv -f \"$1\" \"$5\"", temporary,
        Integer.toString(file.uid()), Integer.toString(file.gid()), file.octalMode(), file.path()));
    return commands;
  }

  /** {@code sh -c script sh args...}: the arguments are $1, $2... and never parsed by the shell. */
  private static ExecCommand sh(String script, String... args) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    argv.addAll(List.of(args));
    return new ExecCommand(argv, java.util.Map.of(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.empty());
  }
}
