package io.cul8er.incus.fake;

import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default {@link ExecResponder}: a very small shell. It runs {@code sh -c SCRIPT} or a plain
 * argv, where statements are separated by ';' or newlines and each is one of {@code echo ARGS
 * [>&2]}, {@code cat PATH}, {@code exit N}, {@code true}, {@code false}; {@code $NAME} expands
 * from the command's environment. Anything else fails like a missing program (exit 127). Words
 * may be quoted with ' or ", without nesting.
 */
public final class FakeShell implements ExecResponder {

  @Override
  public ExecResult run(String instance, ExecCommand command, Map<String, byte[]> files) {
    List<String> argv = command.command();
    List<List<String>> statements = argv.size() == 3 && argv.get(0).equals("sh")
        && argv.get(1).equals("-c") ? parse(argv.get(2)) : List.of(argv);
    Run run = new Run(command.environment(), files);
    for (List<String> statement : statements) {
      if (run.execute(statement)) {
        break;
      }
    }
    return new ExecResult(run.status, run.stdout.toString(), run.stderr.toString());
  }

  static List<List<String>> parse(String script) {
    List<List<String>> statements = new ArrayList<>();
    for (String statement : script.split("[;\n]")) {
      List<String> words = words(statement.strip());
      if (!words.isEmpty()) {
        statements.add(words);
      }
    }
    return statements;
  }

  private static List<String> words(String statement) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : statement.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** One script's run: its output so far and the last status. */
  private static final class Run {
    private final Map<String, String> environment;
    private final Map<String, byte[]> files;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private int status;

    Run(Map<String, String> environment, Map<String, byte[]> files) {
      this.environment = environment;
      this.files = files;
    }

    /** Runs one statement; true when the script ends here. */
    boolean execute(List<String> words) {
      List<String> args = words.stream().map(this::expand).toList();
      switch (args.get(0)) {
        case "echo" -> echo(args.subList(1, args.size()));
        case "cat" -> cat(args.subList(1, args.size()));
        case "true" -> status = 0;
        case "false" -> status = 1;
        case "exit" -> {
          status = args.size() > 1 ? Integer.parseInt(args.get(1)) : status;
          return true;
        }
        default -> {
          stderr.append("sh: ").append(args.get(0)).append(": not found\n");
          status = 127;
        }
      }
      return false;
    }

    private void echo(List<String> args) {
      boolean toStderr = !args.isEmpty() && args.get(args.size() - 1).equals(">&2");
      List<String> text = toStderr ? args.subList(0, args.size() - 1) : args;
      (toStderr ? stderr : stdout).append(String.join(" ", text)).append('\n');
      status = 0;
    }

    private void cat(List<String> paths) {
      status = 0;
      for (String path : paths) {
        byte[] content = files.get(path);
        if (content == null) {
          stderr.append("cat: can't open '").append(path).append("': No such file or directory\n");
          status = 1;
        } else {
          stdout.append(new String(content, StandardCharsets.UTF_8));
        }
      }
    }

    private String expand(String word) {
      if (word.startsWith("$") && word.length() > 1) {
        return environment.getOrDefault(word.substring(1), "");
      }
      return word;
    }
  }
}
