package io.cul8er.engine;

import static io.cul8er.engine.Fixtures.AT;
import static io.cul8er.engine.Fixtures.container;
import static io.cul8er.engine.Fixtures.replicated;
import static io.cul8er.engine.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.ContentStream;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.Image;
import io.cul8er.incus.api.ImageAlias;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.incus.fake.FakeShell;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.model.Topology;
import io.cul8er.plan.ImageCatalog;
import io.cul8er.plan.ImageCopy;
import io.cul8er.plan.ImageProblem;
import io.cul8er.plan.PlanRenderer;
import io.cul8er.plan.SavedPlan;
import io.cul8er.state.InMemoryStateStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A local image a host lacks is copied there from another host or this machine, through the
 * executor, against in-memory daemons: shown by the plan, streamed, named, and only then used.
 */
class ImageCopyTest {
  private static final String BUSYBOX = "cul8er/busybox";
  private static final String USERLAND = "cul8er/userland";

  private final FakeIncus web1 = fake(BUSYBOX, USERLAND);
  private final FakeIncus web2 = fake(USERLAND);
  private final FakeIncus local = fake(BUSYBOX);
  private final Map<String, IncusApi> daemons = new HashMap<>(Map.of("web_1", web1, "web_2", web2,
      ImageCatalog.THIS_MACHINE, local));
  private final InMemoryStateStore store = new InMemoryStateStore("demo");
  private final List<ApplyEvent> events = Collections.synchronizedList(new ArrayList<>());
  private boolean withThisMachine = true;
  private final Engine engine = new Engine(new HostConnector() {
    @Override
    public IncusApi connect(Host host) {
      return daemons.get(host.name());
    }

    @Override
    public Optional<Host> deployingMachine() {
      return withThisMachine ? Optional.of(ImageSources.thisMachine(Connection.DEFAULT_SOCKET)) : Optional.empty();
    }
  }, new Secrets(name -> null), Clock.systemUTC(), Engine.Settings.defaults());

  @AfterEach
  void close() {
    engine.close();
  }

  private static FakeIncus fake(String... aliases) {
    return new FakeIncus(List.of(aliases), new FakeShell(), Clock.systemUTC());
  }

  /** Hosts reached over other sockets than this machine's, so that this machine is a host of its own. */
  private static Host host(String name) {
    return new Host(name, "10.0.0.1", "debian", new Connection.LocalSocket("/run/fake/" + name + ".socket", AT), AT);
  }

  private static Topology web(String image, String... hosts) {
    return topology("demo", List.of(hosts).stream().map(ImageCopyTest::host).toList(),
        List.of(replicated(new io.cul8er.model.Resource("web", io.cul8er.model.InstanceType.CONTAINER,
            List.of(hosts), 1, Optional.of(io.cul8er.model.Image.parse(image)),
            container("web", hosts[0], image, 1, 64).limits(), List.of(), List.of(), List.of(), List.of("default"),
            Optional.empty(), AT), hosts.length)));
  }

  private ApplyResult apply(Topology topology, Optional<SavedPlan> saved) {
    return engine.apply(topology, store, Operation.APPLY, saved, plan -> true, events::add, new Cancellation());
  }

  private List<String> imageEvents() {
    return events.stream().filter(e -> e.instance().startsWith("image "))
        .map(e -> e.host() + " " + e.instance() + ": " + describe(e)).toList();
  }

  private static String describe(ApplyEvent event) {
    if (event instanceof ApplyEvent.StepStarted started) {
      return "started " + started.step();
    }
    if (event instanceof ApplyEvent.StepFinished finished) {
      return "finished " + finished.step();
    }
    if (event instanceof ApplyEvent.StepFailed failed) {
      return "failed " + failed.step() + ": " + failed.reason();
    }
    if (event instanceof ApplyEvent.Progress progress) {
      return progress.message().replaceAll("in [0-9.]+ s \\([0-9.]+ MB/s\\)", "in T");
    }
    return event.toString();
  }

  private long requests() {
    return web1.requestCount() + web2.requestCount() + local.requestCount();
  }

  private static String fingerprint(IncusApi incus, String alias) {
    return incus.findImageAlias(alias).orElseThrow().target();
  }

  @Test
  void anImageAHostLacksIsCopiedFromTheHostThatHasItThenUsed() {
    local.publishImage(BUSYBOX, "a newer build: the hosts' own build is copied, from a host");
    String busybox = fingerprint(web1, BUSYBOX);
    web1.patchImageProperties(busybox, Map.of("os", "busybox", "cul8er.alias", BUSYBOX));
    Topology topology = web(BUSYBOX, "web_1", "web_2");

    long before = requests();
    PlanResult planned = engine.plan(topology, store);

    assertThat(requests() - before).as("each host's instances and aliases, then this machine's aliases")
        .isEqualTo(5);
    assertThat(planned.plan().imageCopies()).containsExactly(
        new ImageCopy("web_2", BUSYBOX, busybox, "web_1", List.of("demo-web-2")));
    assertThat(planned.plan().imageProblems()).isEmpty();
    assertThat(PlanRenderer.plain().render(planned.plan())).contains("  > copy image cul8er/busybox (fingerprint "
        + busybox.substring(0, 12) + ") from web_1 to web_2   # demo-web-2 needs it\n");

    ApplyResult applied = apply(topology, Optional.empty());

    assertThat(applied.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(web2.findImageAlias(BUSYBOX)).hasValueSatisfying(alias -> {
      assertThat(alias.target()).isEqualTo(busybox);
      assertThat(alias.description()).isEqualTo("fake image cul8er/busybox");
    });
    assertThat(web2.findImage(busybox).map(Image::properties))
        .contains(Map.of("os", "busybox", "cul8er.alias", BUSYBOX));
    assertThat(web2.findInstance("demo-web-2").orElseThrow().value().config())
        .containsEntry("volatile.base_image", busybox);
    assertThat(imageEvents()).containsExactly(
        "web_2 image cul8er/busybox: started " + planned.plan().imageCopies().get(0).describe(),
        "web_2 image cul8er/busybox: copied 0.0 MB in T",
        "web_2 image cul8er/busybox: finished " + planned.plan().imageCopies().get(0).describe());
    assertThat(engine.plan(topology, store).plan().hasChanges()).isFalse();
  }

  @Test
  void anImageNoHostHasComesFromThisMachine() {
    web1.deleteImage(fingerprint(web1, BUSYBOX));
    Topology topology = web(BUSYBOX, "web_1", "web_2");

    PlanResult planned = engine.plan(topology, store);

    String busybox = fingerprint(local, BUSYBOX);
    assertThat(planned.plan().imageCopies()).containsExactly(
        new ImageCopy("web_1", BUSYBOX, busybox, ImageCatalog.THIS_MACHINE, List.of("demo-web-1")),
        new ImageCopy("web_2", BUSYBOX, busybox, ImageCatalog.THIS_MACHINE, List.of("demo-web-2")));
    assertThat(apply(topology, Optional.empty()).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(fingerprint(web1, BUSYBOX)).isEqualTo(busybox);
    assertThat(fingerprint(web2, BUSYBOX)).isEqualTo(busybox);
  }

  @Test
  void withNoSourceThePlanHasTheErrorAsBeforeAndApplyRefuses() {
    withThisMachine = false;
    web1.deleteImage(fingerprint(web1, BUSYBOX));
    Topology topology = web(BUSYBOX, "web_1", "web_2");

    long before = requests();
    PlanResult planned = engine.plan(topology, store);

    assertThat(requests() - before).as("each host's instances and aliases: nothing more to read").isEqualTo(4);
    assertThat(planned.plan().imageCopies()).isEmpty();
    assertThat(planned.plan().imageProblems()).extracting(ImageProblem::problem).containsExactly(
        "image 'cul8er/busybox' does not exist on this Incus; existing aliases: cul8er/userland",
        "image 'cul8er/busybox' does not exist on this Incus; existing aliases: cul8er/userland");
    assertThatThrownBy(() -> apply(topology, Optional.empty())).isInstanceOf(Cul8erException.class)
        .hasMessageStartingWith("Refusing to apply (nothing was changed): demo-web-1 on web_1: image 'cul8er/busybox'");
  }

  @Test
  void aHostThatHasTheImageFromAnEarlierCopyOnlyGetsItsAlias() {
    withThisMachine = false;
    String busybox = fingerprint(web1, BUSYBOX);
    web2.importImage(busybox, web1.exportImage(busybox));
    long imagesBefore = web2.listImages().size();
    Topology topology = web(BUSYBOX, "web_1", "web_2");

    assertThat(apply(topology, Optional.empty()).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);

    assertThat(fingerprint(web2, BUSYBOX)).isEqualTo(busybox);
    assertThat(web2.listImages()).hasSize((int) imagesBefore);
    assertThat(imageEvents()).contains(
        "web_2 image cul8er/busybox: web_2 has the image already (an earlier copy): adding its alias");
  }

  @Test
  void aSavedPlansCopyFindsTheAliasMadeSinceAndDoesNothing() {
    withThisMachine = false;
    String busybox = fingerprint(web1, BUSYBOX);
    Topology topology = web(BUSYBOX, "web_1", "web_2");
    SavedPlan saved = SavedPlan.of(engine.plan(topology, store).plan(), Instant.now());
    web2.importImage(busybox, web1.exportImage(busybox));
    web2.createImageAlias(new ImageAlias(BUSYBOX, "by hand", busybox, "container"));

    assertThat(apply(topology, Optional.of(saved)).outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);

    assertThat(web2.findImageAlias(BUSYBOX).map(ImageAlias::description)).contains("by hand");
    assertThat(imageEvents()).contains("web_2 image cul8er/busybox: web_2 has image alias cul8er/busybox now"
        + " (fingerprint " + busybox.substring(0, 12) + "): nothing to copy");
  }

  @Test
  void aCopyThatFailsSaysWhereAndWhyAndTheHostsCreatesDoNotRun() {
    withThisMachine = false;
    daemons.put("web_1", FailingProxy.of(IncusApi.class, web1, "exportImage",
        new Cul8erException("GET /1.0/images/x/export (export image x): Incus said 500: disk on fire")));
    Topology topology = web(BUSYBOX, "web_1", "web_2");

    ApplyResult applied = apply(topology, Optional.empty());

    assertThat(applied.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    String copy = "copy image cul8er/busybox (fingerprint " + fingerprint(web1, BUSYBOX).substring(0, 12)
        + ") from web_1 to web_2";
    assertThat(applied.failures()).extracting(InstanceFailure::toString).containsExactly(new InstanceFailure("web_2",
        "image cul8er/busybox", copy, "on web_1: GET /1.0/images/x/export (export image x): Incus said 500: disk on fire")
        .toString());
    assertThat(web2.findInstance("demo-web-2")).isEmpty();
    assertThat(web2.findImageAlias(BUSYBOX)).isEmpty();
    assertThat(web1.findInstance("demo-web-1")).as("another host goes on").isPresent();
  }

  @Test
  void anExportThatBreaksOffIsToldAsSuchAndLeavesNoImage() {
    withThisMachine = false;
    daemons.put("web_1", breakingExport(web1));
    Topology topology = web(BUSYBOX, "web_1", "web_2");

    ApplyResult applied = apply(topology, Optional.empty());

    assertThat(applied.failures()).extracting(InstanceFailure::reason).containsExactly(
        "the export from web_1 broke off after 0.0 MB: connection reset");
    assertThat(web2.listImages()).extracting(Image::fingerprint).doesNotContain(fingerprint(web1, BUSYBOX));
  }

  /** {@code incus} whose exports give a few bytes, then fail as a connection reset does. */
  private static IncusApi breakingExport(IncusApi incus) {
    return (IncusApi) Proxy.newProxyInstance(IncusApi.class.getClassLoader(), new Class<?>[] {IncusApi.class},
        (proxy, method, args) -> {
          try {
            Object result = method.invoke(incus, args);
            if (result instanceof ContentStream files) {
              InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                  throw new IOException("connection reset");
                }
              };
              return new ContentStream(files.contentType(),
                  new SequenceInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), broken));
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
