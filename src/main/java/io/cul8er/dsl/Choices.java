package io.cul8er.dsl;

import io.cul8er.model.Approach;
import io.cul8er.model.Balance;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Protocol;
import io.cul8er.model.Runtime;

/** The atom vocabularies of the language, shared by the analyzer and the printer. */
final class Choices {
  private Choices() {}

  static final Choice<InstanceType> INSTANCE_TYPE =
      Choice.<InstanceType>of("instance type")
          .option("container", InstanceType.CONTAINER)
          .option("vm", InstanceType.VM);

  static final Choice<Protocol> PROTOCOL =
      Choice.<Protocol>of("protocol")
          .option("tcp", Protocol.TCP)
          .option("udp", Protocol.UDP)
          .option("http", Protocol.HTTP)
          .option("https", Protocol.HTTPS);

  static final Choice<Balance> BALANCE =
      Choice.<Balance>of("balance")
          .option("local_first", Balance.LOCAL_FIRST)
          .option("fleet", Balance.FLEET);

  static final Choice<Runtime> RUNTIME =
      Choice.<Runtime>of("runtime").option("beam", Runtime.BEAM).option("jvm", Runtime.JVM);

  static final Choice<Approach> APPROACH =
      Choice.<Approach>of("approach")
          .option("rolling", Approach.ROLLING)
          .option("blue_green", Approach.BLUE_GREEN)
          .option("canary", Approach.CANARY);

  /** {@code on_failure} and {@code promote}: true means automatic. */
  static final Choice<Boolean> AUTOMATIC =
      Choice.<Boolean>of("mode").option("automatic", true).option("manual", false);

  static final Choice<String> SECRET_SOURCE =
      Choice.<String>of("secret source").option("system", "system").option("file", "file");

  static final Choice<String> STATE_BACKEND =
      Choice.<String>of("state backend").option("file", "file").option("postgres", "postgres");

  static final Choice<io.cul8er.model.AgentBounds.Reconcile> RECONCILE =
      Choice.<io.cul8er.model.AgentBounds.Reconcile>of("reconcile mode")
          .option("report", io.cul8er.model.AgentBounds.Reconcile.REPORT)
          .option("auto", io.cul8er.model.AgentBounds.Reconcile.AUTO);
}
