package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.edge.EdgeService.Mode;
import io.cul8er.model.EdgeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentStoreTest {
  private static final Fragment SHOP = new Fragment("shop", List.of(
      EdgeService.http("web_8080", 8080).withBindAddress("127.0.0.1")
          .withServers(List.of(new EdgeServer("shop-web-1", "10.147.0.11", 4000, 100))),
      new EdgeService("db_5432", Optional.empty(), 5432, Mode.TCP, new HealthProbe.Tcp(5433),
          new CheckTiming(Duration.ofMillis(500), Duration.ofMillis(100), 3, 1), List.of())));

  @TempDir Path dir;

  @Test
  void writesATopologysServicesAsJsonAndReadsThemBack() throws IOException {
    FragmentStore store = new FragmentStore(dir);
    store.write(SHOP);
    store.write(new Fragment("blog", List.of(EdgeService.http("web_80", 80))));

    assertThat(Files.readString(dir.resolve("topologies.d/shop.json"))).isEqualTo("""
        {
          "topology" : "shop",
          "services" : [ {
            "topology" : "shop",
            "name" : "web_8080",
            "bind_address" : "127.0.0.1",
            "public_port" : 8080,
            "mode" : "HTTP",
            "probe" : {
              "type" : "http",
              "path" : "/health",
              "expect_status" : 200,
              "port" : 0
            },
            "timing" : {
              "interval" : "PT1S",
              "fast_interval" : "PT0.2S",
              "fall" : 2,
              "rise" : 2
            },
            "servers" : [ {
              "name" : "shop-web-1",
              "address" : "10.147.0.11",
              "port" : 4000,
              "weight" : 100,
              "backup" : false
            } ],
            "limits" : {
              "max_body_bytes" : 10485760,
              "connect_timeout" : "PT2S",
              "client_timeout" : "PT30S",
              "server_timeout" : "PT30S",
              "max_connections" : 100,
              "rate_limit" : {
                "requests" : 10000,
                "per" : "PT10S"
              },
              "hsts" : null
            }
          }, {
            "topology" : "shop",
            "name" : "db_5432",
            "bind_address" : null,
            "public_port" : 5432,
            "mode" : "TCP",
            "probe" : {
              "type" : "tcp",
              "port" : 5433
            },
            "timing" : {
              "interval" : "PT0.5S",
              "fast_interval" : "PT0.1S",
              "fall" : 3,
              "rise" : 1
            },
            "servers" : [ ],
            "limits" : {
              "max_body_bytes" : 10485760,
              "connect_timeout" : "PT2S",
              "client_timeout" : "PT30S",
              "server_timeout" : "PT30S",
              "max_connections" : 100,
              "rate_limit" : {
                "requests" : 10000,
                "per" : "PT10S"
              },
              "hsts" : null
            }
          } ]
        }
        """);
    assertThat(store.read("shop")).contains(SHOP);
    assertThat(store.all()).extracting(Fragment::topology).containsExactly("blog", "shop");
    assertThat(store.read("none")).isEmpty();
    assertThat(store.delete("blog")).isTrue();
    assertThat(store.delete("blog")).isFalse();
    assertThat(store.all()).containsExactly(SHOP);
  }

  @Test
  void aFragmentWrittenBeforeLimitsExistedIsServedWithTheDefaultLimits() throws IOException {
    FragmentStore store = new FragmentStore(dir);
    Files.createDirectories(dir.resolve("topologies.d"));
    Files.writeString(dir.resolve("topologies.d/blog.json"), """
        {"topology": "blog", "services": [{"topology": "blog", "name": "web_80", "bind_address": null,
          "public_port": 80, "mode": "HTTP", "probe": {"type": "http", "path": "/health", "expect_status": 200,
          "port": 0}, "timing": {"interval": "PT1S", "fast_interval": "PT0.2S", "fall": 2, "rise": 2},
          "servers": []}]}
        """);

    assertThat(store.read("blog")).contains(new Fragment("blog", List.of(EdgeService.http("web_80", 80))));
    assertThat(store.read("blog").orElseThrow().services().get(0).limits()).isEqualTo(EdgeLimits.DEFAULT);
  }

  @Test
  void saysWhichFragmentCannotBeReadAndWhy() throws IOException {
    FragmentStore store = new FragmentStore(dir);
    Files.createDirectories(dir.resolve("topologies.d"));
    Files.writeString(dir.resolve("topologies.d/shop.json"), "{\"topology\": \"shop\", \"services\": [{\"name\": \"web\\n\"}]}");

    assertThatThrownBy(() -> store.read("shop"))
        .hasMessageStartingWith("Cannot read the host edge's fragment " + dir.resolve("topologies.d/shop.json") + ": ")
        .hasMessageContaining("service name 'web\\n' is not usable by HAProxy");

    store.write(SHOP);
    Files.move(dir.resolve("topologies.d/shop.json"), dir.resolve("topologies.d/blog.json"));
    assertThatThrownBy(store::all)
        .hasMessageContaining("fragment " + dir.resolve("topologies.d/blog.json") + " holds topology shop, not blog");
  }
}
