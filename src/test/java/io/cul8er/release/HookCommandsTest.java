package io.cul8er.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HookCommandsTest {

  @Test
  void aHookRunsInItsVersionsDirectoryWithTheReleaseEnvironmentBoundedInTimeAndOutput() {
    assertThat(HookCommands.run(new ReleaseLayout("hello-web"), "1.1.0", "before_switch", "bin/hello-web migrate 'x'",
        Duration.ofMinutes(10))).containsExactly("/bin/sh", "-c",
        "set -a; if [ -f '/opt/cul8er/hello-web/env' ]; then . '/opt/cul8er/hello-web/env'; fi; set +a;"
            + " export CUL8ER_HOOK='before_switch' CUL8ER_RELEASE='hello-web' CUL8ER_VERSION='1.1.0';"
            + " cd '/opt/cul8er/hello-web/releases/1.1.0' || exit 1; out=$(mktemp) || exit 1;"
            + " timeout 600 /bin/sh -c 'bin/hello-web migrate '\\''x'\\''' > \"$out\" 2>&1 < /dev/null; rc=$?;"
            + " tail -n 20 \"$out\"; rm -f \"$out\"; exit $rc");
  }

  @Test
  void theLastTwentyLinesAreShownWithSecretsMasked() {
    String output = IntStream.rangeClosed(1, 25).mapToObj(i -> "line " + i + (i == 25 ? " token=hunter22" : ""))
        .collect(Collectors.joining("\n")) + "\n";

    String shown = HookCommands.lastLines(output, List.of("hunter22", "abc"));

    assertThat(shown.lines()).hasSize(20);
    assertThat(shown).startsWith("  | line 6\n  | line 7\n").endsWith("  | line 25 token=***");
    assertThat(HookCommands.lastLines(" \n", List.of())).isEmpty();
  }

  @Test
  void aTimeoutIsToldApartFromAFailure() {
    assertThat(HookCommands.exit(3, Duration.ofMinutes(10))).isEqualTo("exited with 3");
    assertThat(HookCommands.exit(124, Duration.ofSeconds(30)))
        .isEqualTo("was stopped after its timeout of 30 s (exit code 124)");
  }
}
