package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.state.LocalProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real headless Chromium (Debian's, driven through its chromium-driver): two
 * hello-web instances deployed on this machine's Incus, {@code cul8er metrics --serve} in a process
 * of its own; the page shows the fleet, the deploy and its steps; an instance stopped with {@code
 * incus stop} turns up stopped and unhealthy on the page without a reload, and Incus's event about
 * it appears among the live events. Screenshots go to {@code -Dcul8er.screenshots=DIR} (default
 * target/screenshots; docs/img holds the ones docs/observability.md shows).
 */
class DashboardBrowserIT {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration LIVE = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static LiveTopology topology;
  private static Process server;
  private static WebDriver browser;

  @BeforeAll
  static void deployServeAndOpen() throws Exception {
    LiveComponents.requireIncus();
    LiveComponents.require("Chromium and its driver (scripts/test-tools.sh installs them)",
        Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM));
    ZeroDowntimeIT.buildReleases();
    topology = new LiveTopology(dir, ZeroDowntimeIT.resources("approach :rolling\n").replace("replicas 3", "replicas 2"));
    Cli.Run deploy = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    server = CliProcess.start(Map.of(), "metrics", topology.name, "--serve", "0", "--interval", "1s",
        "-f", topology.f());
    CliProcess.Output output = CliProcess.Output.of(server);
    output.await("(Ctrl-C to stop)", Duration.ofSeconds(30));
    String url = output.text().replaceAll("(?s).* its dashboard at (http://\\S+/) .*", "$1");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1500");
    browser = new ChromeDriver(service, options);
    browser.get(url);
  }

  @AfterAll
  static void close() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void thePageShowsTheFleetAndUpdatesLiveWhenAnInstanceIsStopped() throws Exception {
    String web1 = topology.instance("web-1");
    String web2 = topology.instance("web-2");
    List<String> healthy = List.of(
        web1 + " | web | local | Running | 1.0.0 | healthy | in",
        web2 + " | web | local | Running | 1.0.0 | healthy | in");
    await(() -> rows("instances", 7).equals(healthy));

    assertThat(browser.getTitle()).isEqualTo("C U L8er dashboard");
    assertThat(browser.findElement(By.id("topology")).getText()).isEqualTo(topology.name);
    assertThat(rows("hosts", 3)).containsExactly("local | yes | -");
    assertThat(rows("instances", 8)).allMatch(row -> row.matches(".* \\| 10\\.\\d+\\.\\d+\\.\\d+"));
    await(() -> rows("deploys", 5).size() == 1);
    assertThat(rows("deploys", 5).get(0))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\| rolling \\| succeeded \\| \\d+\\.\\d s \\| \\d+ steps");
    await(() -> rows("operations", 5).size() == 1);
    assertThat(rows("operations", 5).get(0))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\| " + LocalProcess.user() + " \\| "
            + LocalProcess.host() + " \\| deploy \\| succeeded");
    assertThat(browser.findElement(By.id("events")).getAttribute("aria-live")).isEqualTo("polite");
    await(() -> browser.findElements(By.cssSelector("#traffic-chart polyline")).size() == 4);
    requests(20);
    await(() -> rows("traffic", 2).stream().anyMatch(row -> !row.endsWith(" | 0.00")));
    screenshot("dashboard.png");

    Shell.ok("incus", "stop", "--force", web2);

    await(() -> rows("instances", 7).get(1).equals(web2 + " | web | local | Stopped | 1.0.0"
        + " | unhealthy: instance is stopped | out: check failing"));
    assertThat(rows("instances", 7).get(0)).isEqualTo(healthy.get(0));
    await(() -> events().stream()
        .anyMatch(e -> e.matches("\\S+Z incus_lifecycle action=instance-stopped source=/1.0/instances/" + web2)));
    assertThat(events()).as("the dashboard's own release probes are left out").noneMatch(e -> e.contains("instance-exec"));
    screenshot("dashboard-stopped.png");
  }

  /** Sends {@code count} requests through the edge, one curl for all. */
  private static void requests(int count) {
    List<String> curl = new java.util.ArrayList<>(List.of("curl", "-sS"));
    for (int i = 0; i < count; i++) {
      curl.addAll(List.of("-o", "/dev/null", "http://127.0.0.1:" + topology.port + "/version"));
    }
    Shell.ok(curl.toArray(String[]::new));
  }

  /** Each row of a table's body, its first {@code columns} cells joined by " | ", read at one time. */
  @SuppressWarnings("unchecked")
  private static List<String> rows(String table, int columns) {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll('#' + arguments[0] + ' > tbody > tr')).map(row =>"
            + " Array.from(row.cells).slice(0, arguments[1]).map(cell => cell.innerText).join(' | '));",
        table, columns);
  }

  @SuppressWarnings("unchecked")
  private static List<String> events() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll('#events li')).map(li => li.innerText);");
  }

  /** Polls the page until {@code condition} holds, for at most {@link #LIVE}; then fails showing its fleet and events. */
  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIVE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page did not show it within " + LIVE.toSeconds() + " s; it shows:\n"
            + browser.findElement(By.tagName("main")).getText());
      }
      Thread.sleep(100);
    }
  }

  private static void screenshot(String name) throws Exception {
    Path into = Path.of(System.getProperty("cul8er.screenshots", "target/screenshots"));
    Files.createDirectories(into);
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
