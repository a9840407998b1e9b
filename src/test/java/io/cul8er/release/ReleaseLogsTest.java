package io.cul8er.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReleaseLogsTest {
  private static final ReleaseLayout LAYOUT = new ReleaseLayout("hello-web");
  private static final Instant SINCE = Instant.parse("2026-12-08T09:30:00Z");

  @Test
  void theLastLinesComeFromTheJournalUnderSystemdAndFromTheLogFileElsewhere() {
    assertThat(ReleaseLogs.read(LAYOUT, new LogStart.Last(20), false)).containsExactly("/bin/sh", "-c",
        "if [ -d /run/systemd/system ]; then journalctl --quiet --no-pager --output=short-iso-precise -n 20"
            + " -u 'cul8er-hello-web.service' 2>/dev/null || true;"
            + " else tail -n 20 '/var/log/cul8er/hello-web.log' 2>/dev/null || true; fi");
  }

  @Test
  void followingAsksTheJournalToFollowAndTailToFollowTheFileByName() {
    assertThat(ReleaseLogs.read(LAYOUT, new LogStart.Last(0), true).get(2)).isEqualTo(
        "if [ -d /run/systemd/system ]; then exec journalctl --quiet --no-pager --output=short-iso-precise -n 0 -f"
            + " -u 'cul8er-hello-web.service' 2>/dev/null;"
            + " else exec tail -n 0 -F '/var/log/cul8er/hello-web.log' 2>/dev/null; fi");
  }

  @Test
  void sinceIsTheJournalsEpochSecondAndAnAwkFilterOnTheFile() {
    assertThat(ReleaseLogs.read(LAYOUT, new LogStart.Since(SINCE), true).get(2)).isEqualTo(
        "if [ -d /run/systemd/system ]; then exec journalctl --quiet --no-pager --output=short-iso-precise -n all"
            + " --since @1796722200 -f -u 'cul8er-hello-web.service' 2>/dev/null;"
            + " else tail -n +1 -F '/var/log/cul8er/hello-web.log' 2>/dev/null | awk -v since='2026-12-08 09:30:00' '"
            + ReleaseLogs.sinceFilter() + "' || true; fi");
  }

  /** The filter through the awks an instance may have: busybox's and Debian's mawk. */
  @ParameterizedTest
  @ValueSource(strings = {"busybox awk", "mawk"})
  void theSinceFilterKeepsLinesStampedFromThenOnAndTheUnstampedLinesThatFollowThem(String awk) throws Exception {
    String log = String.join("\n",
        "unstamped, before anything",
        "2026-12-08T09:29:59Z too early",
        "  continued, too early",
        "2026-12-08 09:30:00.120 stamped by the release, with a space",
        "  continued",
        "2026-12-08T10:00:00+00:00 from the journal",
        "") ;
    assertThat(run(awk + " -v since='2026-12-08 09:30:00' '" + ReleaseLogs.sinceFilter() + "'", log)).isEqualTo(
        String.join("\n", "2026-12-08 09:30:00.120 stamped by the release, with a space", "  continued",
            "2026-12-08T10:00:00+00:00 from the journal", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox awk", "mawk"})
  void theStampProgramStampsInUtcOnlyTheLinesWithoutATimestamp(String awk) throws Exception {
    String out = run("TZ=UTC " + awk + " '" + ReleaseLogs.STAMP + "'", "hello\n2026-01-02 03:04:05 mine\n");
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ hello");
    assertThat(lines.get(1)).isEqualTo("2026-01-02 03:04:05 mine");
  }

  private static String run(String script, String input) throws IOException, InterruptedException {
    Process sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    sh.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    sh.getOutputStream().close();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).as(out).isZero();
    return out;
  }
}
