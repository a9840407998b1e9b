package io.cul8er;

import io.cul8er.dsl.Dsl;
import io.cul8er.dsl.ParseResult;
import io.cul8er.dsl.builder.TopologyBuilder;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Java API. {@code CUL8er.load(Path.of("deploy/prod.cul8")).topology("production").plan()}
 * does what {@code cul8er plan production} does; {@link #topology} builds a model in Java.
 */
public final class CUL8er {
  private CUL8er() {}

  /** Reads topology files; fails with every diagnostic when they have errors. */
  public static Project load(Path... files) {
    return load(List.of(files));
  }

  public static Project load(List<Path> files) {
    ParseResult parsed = Dsl.parse(files);
    if (parsed.hasErrors()) {
      throw new Cul8erException("The topology files have errors:\n" + parsed.render());
    }
    return new Project(parsed);
  }

  /** A topology built in Java, equal to the same topology written in the DSL. */
  public static Topology topology(String name, Consumer<TopologyBuilder> body) {
    return TopologyBuilder.topology(name, body);
  }

  /** Plan, apply, status and destroy for a topology built in Java. */
  public static Deployment deployment(Topology topology) {
    return new Deployment(topology, io.cul8er.engine.Engine.Settings.defaults());
  }
}
