package io.cul8er.examples;

import static org.assertj.core.api.Assertions.fail;

import io.cul8er.cluster.Formation;
import io.cul8er.cluster.Member;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Members of an example cluster run as local processes, and the wait for them to form: each member
 * is probed as the deploy engine would, and the answers are judged by {@link Formation}.
 */
final class LocalCluster implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final ExecutorService PROBES = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "membership-probe");
    thread.setDaemon(true);
    return thread;
  });

  private final Function<Member, ProcessBuilder> launcher;
  private final Function<Member, Optional<Set<String>>> probe;
  private final Function<Member, String> nameOf;
  private final Path logs;
  private final Map<Member, Process> running = new LinkedHashMap<>();

  /**
   * {@code launcher} gives the command that starts a member; {@code probe} asks a member whom it
   * sees (empty when it does not answer); {@code nameOf} is how the others name a member.
   */
  LocalCluster(Function<Member, ProcessBuilder> launcher, Function<Member, Optional<Set<String>>> probe,
      Function<Member, String> nameOf, Path logs) {
    this.launcher = launcher;
    this.probe = probe;
    this.nameOf = nameOf;
    this.logs = logs;
  }

  void start(Member member) throws IOException {
    Path log = log(member);
    Files.writeString(log, "--- start\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process process = launcher.apply(member)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    running.put(member, process);
  }

  Process process(Member member) {
    return running.get(member);
  }

  /** SIGKILL: the member vanishes without leaving, as when its instance is destroyed. */
  void kill(Member member) throws InterruptedException {
    Process process = running.remove(member);
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits until {@code members} have formed a cluster of exactly themselves; returns how long it took. */
  Duration awaitFormation(List<Member> members, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Formation formation;
    do {
      failIfAnyExited();
      Map<Member, Set<String>> seen = probeAll(members);
      formation = Formation.evaluate(members, seen, nameOf);
      if (formation.complete()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(POLL.toMillis());
    } while (System.nanoTime() < deadline);
    fail("%s did not form within %s:%n%s%n%s", names(members), timeout, formation.describe(), logs());
    throw new AssertionError("unreachable");
  }

  /** Every member probed at once, as a probe may take a while (the BEAM one boots a VM). */
  private Map<Member, Set<String>> probeAll(List<Member> members) {
    Map<Member, CompletableFuture<Optional<Set<String>>>> answers = new LinkedHashMap<>();
    for (Member member : members) {
      answers.put(member, CompletableFuture.supplyAsync(() -> probe.apply(member), PROBES));
    }
    Map<Member, Set<String>> seen = new HashMap<>();
    answers.forEach((member, answer) -> answer.join().ifPresent(names -> seen.put(member, names)));
    return seen;
  }

  private List<String> names(List<Member> members) {
    return members.stream().map(nameOf).toList();
  }

  private void failIfAnyExited() {
    running.forEach((member, process) -> {
      if (!process.isAlive()) {
        fail("member %s exited with %d:%n%s", member.instance(), process.exitValue(), logs());
      }
    });
  }

  Path log(Member member) {
    return logs.resolve(member.instance() + ".log");
  }

  private String logs() {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(logs)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        text.append("=== ").append(file.getFileName()).append('\n')
            .append(content, Math.max(0, content.length() - 3000), content.length());
      }
    } catch (IOException e) {
      text.append("(logs unreadable: ").append(e.getMessage()).append(')');
    }
    return text.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : running.values()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    running.clear();
  }
}
