package io.cul8er.bench;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Lexes, parses, analyzes and validates one topology of 50 hosts and 1,000 resources. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseValidateBenchmark {
  static final int HOSTS = 50;
  static final int RESOURCES = 1_000;

  private String text;

  @Setup
  public void generate() {
    StringBuilder s = new StringBuilder("defmodule Bench.Large do\n  use CUL8er\n\n  topology :large do\n");
    for (int h = 0; h < HOSTS; h++) {
      s.append("    host :host_").append(h).append(" do\n")
          .append("      address \"10.0.").append(h / 250).append('.').append(h % 250 + 1).append("\"\n")
          .append("      platform :debian\n")
          .append("      ssh user: \"deploy\", port: 22\n")
          .append("    end\n\n");
    }
    for (int r = 0; r < RESOURCES; r++) {
      s.append("    # resource ").append(r).append('\n')
          .append("    resource :app_").append(r).append(", type: :container, on: :host_").append(r % HOSTS).append(" do\n")
          .append("      from_image \"images:alpine/3.19\"\n")
          .append("      limits do\n        cpu cores: 2\n        memory gigabytes: 2\n      end\n")
          .append("      network do\n        expose port: 4000, as: ").append(10_000 + r).append(", protocol: :https\n      end\n")
          .append("      env \"PORT\", \"4000\"\n")
          .append("      secret \"RELEASE_COOKIE\", from: :system, key: \"RELEASE_COOKIE\"\n")
          .append("      deploy release: :my_app, version: \"1.0.0\"\n")
          .append("    end\n\n");
    }
    s.append("    cluster :all do\n      nodes [");
    for (int r = 0; r < RESOURCES; r++) {
      s.append(r == 0 ? "" : ", ").append(":app_").append(r);
    }
    s.append("]\n      discovery strategy: Cluster.Strategy.Epmd\n      cookie from: :system, key: \"RELEASE_COOKIE\"\n    end\n\n")
        .append("    strategy do\n      approach :rolling\n      batch_size 10\n")
        .append("      healthcheck do\n        endpoint \"http://localhost:4000/health\"\n        interval seconds: 10\n      end\n")
        .append("    end\n  end\nend\n");
    text = s.toString();
    ParseResult check = Dsl.parse("large.cul8", text);
    if (check.hasErrors() || check.topologies().get(0).resources().size() != RESOURCES) {
      throw new IllegalStateException("generated topology is not valid:\n" + check.render());
    }
  }

  @Benchmark
  public ParseResult parseAndValidate() {
    return Dsl.parse("large.cul8", text);
  }
}
