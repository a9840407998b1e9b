package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.InstanceType;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReleaseInstancesTest {
  private static final Release RELEASE = new Release("hello-web", "1.0.0", Runtime.JVM, Optional.empty(),
      Optional.empty(), SourcePos.NONE);

  private static RecordedInstance instance(String name) {
    return new RecordedInstance(name, "web", 1, "local", InstanceType.CONTAINER, "cul8er/debian12-jvm", Map.of(),
        Map.of(), "hash", Optional.of("1.0.0"));
  }

  @Test
  void theFirstByDefaultOrTheNthCountedFromOne() {
    ReleaseInstances found = new ReleaseInstances(RELEASE, List.of(instance("hello-web-1"), instance("hello-web-2")));
    assertThat(found.pick(OptionalInt.empty(), "web").instanceName()).isEqualTo("hello-web-1");
    assertThat(found.pick(OptionalInt.of(2), "web").instanceName()).isEqualTo("hello-web-2");
  }

  @Test
  void aNumberNamingNoInstanceIsAnErrorListingThem() {
    ReleaseInstances found = new ReleaseInstances(RELEASE, List.of(instance("hello-web-1"), instance("hello-web-2")));
    assertThatThrownBy(() -> found.pick(OptionalInt.of(3), "web")).isInstanceOf(Cul8erException.class)
        .hasMessage("Resource `web` has no instance 3; --instance takes one of: 1 hello-web-1, 2 hello-web-2");
    assertThatThrownBy(() -> new ReleaseInstances(RELEASE, List.of()).pick(OptionalInt.empty(), "web"))
        .hasMessage("Resource `web` has no recorded instance; deploy it first");
  }
}
