package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusException;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.incus.fake.FakeShell;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link FakeIncus} whose instances run a release: a switch ({@code ln -sfn releases/V ...})
 * makes V the version that runs, a probe answers with it, a snapshot keeps it and a restore brings
 * it back; a renamed instance keeps what it runs, a deleted one runs nothing. Failures can be
 * scripted per call, as a dying daemon would cause them.
 */
final class ReleaseWorld {
  private static final Pattern SWITCH = Pattern.compile("ln -sfn 'releases/([^']+)'");

  private final FakeIncus incus = new FakeIncus(FakeIncus.TESTBED_IMAGES, this::exec, Clock.systemUTC());
  private final Map<String, String> running = new ConcurrentHashMap<>();
  private final Map<String, String> snapshots = new ConcurrentHashMap<>();
  private final Set<String> failing = java.util.Collections.synchronizedSet(new HashSet<>());
  private final Set<String> unsound = java.util.Collections.synchronizedSet(new HashSet<>());
  /** What each release hook answers, by hook name (a hook not named succeeds, silently); the instances it ran in. */
  private final Map<String, ExecResult> hooks = new ConcurrentHashMap<>();
  private final List<String> hooksRun = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final IncusApi api;

  ReleaseWorld() {
    api = (IncusApi) Proxy.newProxyInstance(IncusApi.class.getClassLoader(), new Class<?>[] {IncusApi.class},
        (proxy, method, args) -> {
          String call = method.getName() + (args != null && args.length > 0 ? " " + args[0] : "");
          if (failing.contains(call)) {
            throw new io.cul8er.incus.IncusUnavailableException("Incus stopped answering during " + call);
          }
          Object result;
          try {
            result = method.invoke(incus, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("listVolumeSnapshots") && unsound.remove((String) args[0])) {
            return List.of();
          }
          if (method.getName().equals("renameInstance")) {
            String version = running.remove((String) args[0]);
            if (version != null) {
              running.put((String) args[1], version);
            }
          } else if (method.getName().equals("deleteInstance")) {
            running.remove((String) args[0]);
          } else if (method.getName().equals("createSnapshot")) {
            snapshots.put(args[0] + "/" + args[1], running.getOrDefault((String) args[0], ""));
          } else if (method.getName().equals("restoreSnapshot")) {
            running.put((String) args[0], snapshots.getOrDefault(args[0] + "/" + args[1], ""));
          }
          return result;
        });
  }

  IncusApi api() {
    return api;
  }

  /** Points {@code alias} at a new build, as importing an updated image does; returns its fingerprint. */
  String publishImage(String alias, String build) {
    return incus.publishImage(alias, build);
  }

  /** Makes every {@code method} call on {@code instance} fail, e.g. {@code restoreSnapshot web-1}. */
  void fail(String method, String instance) {
    failing.add(method + " " + instance);
  }

  /** The next look at {@code instance}'s storage snapshots finds none, as after a snapshot cut short. */
  void unsoundSnapshot(String instance) {
    unsound.add(instance);
  }

  void heal() {
    failing.clear();
  }

  /** The version the release in {@code instance} runs, or "" when none. */
  String runs(String instance) {
    return running.getOrDefault(instance, "");
  }

  void runs(String instance, String version) {
    running.put(instance, version);
  }

  /** Release hook {@code hook} (before_switch, after_deploy) exits with {@code exitCode}, printing {@code output}. */
  void hookAnswers(String hook, int exitCode, String output) {
    hooks.put(hook, new ExecResult(exitCode, output, ""));
  }

  /** Each hook that ran, as {@code hook in instance}. */
  List<String> hooksRun() {
    return List.copyOf(hooksRun);
  }

  private ExecResult exec(String instance, ExecCommand command, Map<String, byte[]> files) {
    String script = String.join(" ", command.command());
    if (script.contains("linked=")) {
      String version = running.getOrDefault(instance, "");
      return new ExecResult(0, "linked=" + version + "\n" + (version.isEmpty() ? "running=no\n"
          : "running=yes\ncwd=/opt/cul8er/hello-web/releases/" + version + "\n"), "");
    }
    Matcher hook = Pattern.compile("CUL8ER_HOOK='([a-z_]+)'").matcher(script);
    if (hook.find()) {
      hooksRun.add(hook.group(1) + " in " + instance);
      return hooks.getOrDefault(hook.group(1), new ExecResult(0, "", ""));
    }
    Matcher m = SWITCH.matcher(script);
    if (m.find()) {
      running.put(instance, m.group(1));
      return new ExecResult(0, "", "");
    }
    if (command.command().get(0).equals("test") || script.contains("tar -xzf") || script.contains("mkdir")
        || script.contains("releases 2>/dev/null")) {
      return new ExecResult(0, "", "");
    }
    return new FakeShell().run(instance, command, files);
  }

  static List<String> versions(ReleaseWorld world, List<String> instances) {
    return instances.stream().map(world::runs).toList();
  }
}
