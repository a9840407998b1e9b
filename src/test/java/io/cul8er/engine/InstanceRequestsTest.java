package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.api.InstancePut;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.InstanceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceRequestsTest {
  private static InstanceSpec spec(InstanceType type) {
    return new InstanceSpec("prod-web", "prod", "web", 1, "local", type, Image.parse("cul8er/busybox"),
        Map.of("limits.cpu", "2", "user.cul8er.managed", "true"),
        Map.of("expose-443", Map.of("type", "proxy", "listen", "tcp:0.0.0.0:443", "connect", "tcp:127.0.0.1:4000")),
        List.of("default"), List.of(), Optional.empty(), "hash");
  }

  @Test
  void aVmResourceIsCreatedAsAnIncusVirtualMachine() {
    InstancesPost post = InstanceRequests.create(spec(InstanceType.VM), Map.of());

    assertThat(post.type()).isEqualTo(InstanceType.VM);
    assertThat(post.type().incusName()).isEqualTo("virtual-machine");
    assertThat(post.start()).as("no files to write first: started by the create request").isTrue();
    assertThat(post.source().alias()).contains("cul8er/busybox");
    assertThat(post.description()).contains("Managed by C U L8er: topology prod, resource web");
  }

  @Test
  void anInstanceWithFilesIsCreatedStoppedSoTheyAreInPlaceBeforeItStarts() {
    InstanceSpec plain = spec(InstanceType.CONTAINER);
    InstanceSpec withFile = new InstanceSpec(plain.instanceName(), plain.topology(), plain.resource(), 1, "local",
        plain.type(), plain.image(), plain.config(), plain.devices(), plain.profiles(),
        List.of(new io.cul8er.model.FileSpec("/etc/app.conf",
            new io.cul8er.model.FileSpec.FileSource.Inline("x=1"), 0644, 0, 0, io.cul8er.model.SourcePos.NONE)),
        Optional.empty(), "hash");

    assertThat(InstanceRequests.create(withFile, Map.of()).start()).isFalse();
  }

  @Test
  void secretsGoIntoTheEnvironmentOfTheCreateRequestOnly() {
    InstancesPost post = InstanceRequests.create(spec(InstanceType.CONTAINER), Map.of("COOKIE", "s3cr3t"));

    assertThat(post.config()).containsEntry("environment.COOKIE", "s3cr3t").containsEntry("limits.cpu", "2");
  }

  @Test
  void anUpdateReplacesOwnedKeysAndDevicesAndKeepsEverythingElse() {
    InstancePut current = new InstancePut("x86_64",
        Map.of("limits.cpu", "1", "limits.memory", "1GiB", "volatile.eth0.hwaddr", "00:16:3e:00:00:01",
            "security.nesting", "true", "environment.OLD", "gone"),
        Map.of("expose-80", Map.of("type", "proxy"), "data", Map.of("type", "disk", "path", "/data")),
        false, List.of("default"), false, "");

    InstancePut merged = InstanceRequests.merge(current, spec(InstanceType.CONTAINER).config(),
        spec(InstanceType.CONTAINER).devices(), List.of("default", "extra"), Map.of());

    assertThat(merged.config()).containsOnly(
        Map.entry("limits.cpu", "2"),
        Map.entry("user.cul8er.managed", "true"),
        Map.entry("volatile.eth0.hwaddr", "00:16:3e:00:00:01"),
        Map.entry("security.nesting", "true"));
    assertThat(merged.devices()).containsOnlyKeys("expose-443", "data");
    assertThat(merged.profiles()).containsExactly("default", "extra");
    assertThat(merged.architecture()).isEqualTo("x86_64");
  }

  @Test
  void anUpdateKeepsTheReleaseKeysAndDropsAStandbyMark() {
    InstancePut current = new InstancePut("x86_64",
        Map.of("user.cul8er.release", "1.1.0", "user.cul8er.release-previous", "1.0.0",
            "user.cul8er.standby-until", "2026-11-26T04:00:00Z"),
        Map.of(), false, List.of("default"), false, "");

    InstancePut merged = InstanceRequests.merge(current, spec(InstanceType.CONTAINER).config(),
        spec(InstanceType.CONTAINER).devices(), List.of("default"), Map.of());

    assertThat(merged.config()).containsEntry("user.cul8er.release", "1.1.0")
        .containsEntry("user.cul8er.release-previous", "1.0.0")
        .doesNotContainKey("user.cul8er.standby-until");
  }

  @Test
  void aRemoteImageIsTakenFromItsImageServer() {
    InstanceSpec local = spec(InstanceType.CONTAINER);
    InstanceSpec remote = new InstanceSpec(local.instanceName(), local.topology(), local.resource(), 1, "local",
        InstanceType.CONTAINER, Image.parse("images:debian/12"), local.config(), local.devices(),
        local.profiles(), List.of(), Optional.empty(), "hash");

    assertThat(InstanceRequests.source(remote)).isEqualTo(
        io.cul8er.incus.api.InstanceSource.remoteAlias("https://images.linuxcontainers.org", "debian/12"));
    assertThat(InstanceRequests.source(local).server()).isEmpty();
  }

  @Test
  void anUnknownImageRemoteIsRefusedByName() {
    InstanceSpec local = spec(InstanceType.CONTAINER);
    InstanceSpec remote = new InstanceSpec(local.instanceName(), local.topology(), local.resource(), 1, "local",
        InstanceType.CONTAINER, Image.parse("mirror:debian/12"), local.config(), local.devices(),
        local.profiles(), List.of(), Optional.empty(), "hash");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InstanceRequests.source(remote))
        .hasMessageContaining("the image remote `mirror` is unknown; known remotes: images");
  }
}
