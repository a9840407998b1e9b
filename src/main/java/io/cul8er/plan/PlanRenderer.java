package io.cul8er.plan;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a plan as text, the way Terraform does: drift first, then refusals (conflicts, missing
 * images) and unreachable hosts, blue-green standbys, instances whose image was updated since
 * they were created, warnings about TLS certificates and about instances without a release that
 * are replaced or destroyed ({@link DataAtRisk}), the legend of the symbols used, the actions
 * with their reasons (a rotated certificate last), and the summary line. The images copied to
 * hosts that lack them come first among the actions. Values under secret keys are always shown as
 * {@code (sensitive)}; certificates by their digests.
 */
public final class PlanRenderer {
  static final String SENSITIVE = "(sensitive)";
  static final String NO_CHANGES = "No changes. The topology matches the recorded state and Incus.";
  static final String NO_CHANGES_REACHABLE = "No changes on the hosts that could be reached.";

  private final Style style;

  public PlanRenderer(Style style) {
    this.style = style;
  }

  public static PlanRenderer plain() {
    return new PlanRenderer(Style.PLAIN);
  }

  public static PlanRenderer color() {
    return new PlanRenderer(Style.ANSI);
  }

  /** Plain text for pipes and logs; ANSI colors for terminals. */
  public enum Style {
    PLAIN,
    ANSI;

    String symbol(String symbol) {
      if (this == PLAIN || symbol.isBlank()) {
        return symbol;
      }
      String color =
          switch (symbol) {
            case "+" -> "32";
            case "~" -> "33";
            case ".", ">" -> "36";
            default -> "31";
          };
      return "\u001b[" + color + "m" + symbol + "\u001b[0m";
    }

    String bold(String text) {
      return this == PLAIN ? text : "\u001b[1m" + text + "\u001b[0m";
    }
  }

  public String render(Plan plan) {
    List<String> sections = new ArrayList<>();
    if (!plan.drift().isEmpty() || !plan.edgeDrift().isEmpty() || !plan.routeDrift().isEmpty()) {
      sections.add(drift(plan));
    }
    if (plan.hasConflicts()) {
      sections.add(conflicts(plan.conflicts()));
    }
    if (!plan.portProblems().isEmpty()) {
      sections.add(problems("Error: the public ports the topology needs are held by someone else",
          plan.portProblems().stream().map(PortProblem::describe).toList()));
    }
    if (!plan.edgeProblems().isEmpty()) {
      sections.add(problems("Error: these hosts have no edge to serve the topology's public ports",
          plan.edgeProblems().stream().map(p -> "edge on " + p.host() + ": " + p.problem()).toList()));
    }
    if (!plan.imageProblems().isEmpty()) {
      sections.add(imageProblems(plan.imageProblems()));
    }
    if (!plan.unreachable().isEmpty()) {
      sections.add(unreachable(plan.unreachable()));
    }
    List<Change> standbys = plan.changes().stream().filter(c -> c.reason() == Reason.STANDBY).toList();
    if (!standbys.isEmpty()) {
      sections.add(standbys(standbys));
    }
    if (!plan.imageUpdates().isEmpty()) {
      sections.add(imageUpdates(plan.imageUpdates()));
    }
    List<String> warnings = plan.certificates().stream()
        .flatMap(c -> c.warnings().stream().map(w -> ":" + c.port() + " (" + c.service() + "): " + w)).toList();
    if (!warnings.isEmpty()) {
      sections.add(problems("Warning: TLS certificates", warnings));
    }
    List<Change> atRisk = DataAtRisk.of(plan);
    if (!atRisk.isEmpty()) {
      sections.add(problems("Warning: these instances run no release, so their data (a database, files) goes with them",
          atRisk.stream().map(DataAtRisk::describe).toList()) + "\n\n  " + DataAtRisk.ADVICE);
    }
    if (plan.hasChanges()) {
      sections.add(legend(plan));
      sections.add(actions(plan));
      sections.add(summaryLine(plan.summary(), plan.imageCopies().size(), plan.certificateChanges().size()));
    } else {
      sections.add(plan.unreachable().isEmpty() ? NO_CHANGES : NO_CHANGES_REACHABLE);
    }
    return String.join("\n\n", sections) + "\n";
  }

  /** {@code Plan: 1 to add, 1 to change, 1 to replace, 1 to destroy.} */
  public String summaryLine(Plan.Summary summary) {
    return summaryLine(summary, 0);
  }

  /** {@link #summaryLine(Plan.Summary)}, with {@code , 1 image to copy} when there are copies. */
  public String summaryLine(Plan.Summary summary, int imageCopies) {
    return summaryLine(summary, imageCopies, 0);
  }

  /** {@link #summaryLine(Plan.Summary, int)}, with {@code , 1 certificate to rotate} when one changes. */
  private String summaryLine(Plan.Summary summary, int imageCopies, int certificates) {
    List<String> parts = new ArrayList<>();
    if (summary.adopt() > 0) {
      parts.add(summary.adopt() + " to adopt");
    }
    parts.add(summary.add() + " to add");
    parts.add(summary.change() + " to change");
    parts.add(summary.replace() + " to replace");
    parts.add(summary.destroy() + " to destroy");
    if (summary.forget() > 0) {
      parts.add(summary.forget() + " to forget");
    }
    if (imageCopies > 0) {
      parts.add(imageCopies + (imageCopies == 1 ? " image" : " images") + " to copy");
    }
    if (certificates > 0) {
      parts.add(certificates + (certificates == 1 ? " certificate" : " certificates") + " to rotate");
    }
    return style.bold("Plan:") + " " + String.join(", ", parts) + ".";
  }

  private String drift(Plan plan) {
    StringBuilder out = new StringBuilder(style.bold("Note: Objects have changed outside of C U L8er"));
    out.append("\n\n");
    plan.routeDrift().forEach(route -> line(out, 2, "~", route.describe()));
    plan.edgeDrift().forEach(edge -> line(out, 2, "~", "edge on " + edge.host() + " " + edge.what()));
    for (Drift entry : plan.drift()) {
      String subject = entry.instance() + " (" + entry.resource() + " on " + entry.host() + ")";
      switch (entry.reason()) {
        case DELETED_OUTSIDE -> line(out, 2, "-", subject + " was deleted outside");
        case STOPPED_OUTSIDE -> line(out, 2, "~", subject + " was stopped outside");
        default -> {
          line(out, 2, "~", subject);
          List<AttributeChange> configured = entry.attributes().stream()
              .filter(a -> !Attributes.RELEASE_KINDS.contains(a.key())).toList();
          attributes(out, configured, " (changed outside)");
          entry.attributes().stream().filter(a -> Attributes.RELEASE_KINDS.contains(a.key()))
              .forEach(a -> line(out, 6, "~", inside(a)));
        }
      }
    }
    return out.toString().stripTrailing();
  }

  /** {@code release running: "1.1.0", recorded "1.0.0"}, {@code edge: DRAIN, desired UP}. */
  private static String inside(AttributeChange attribute) {
    String recorded = attribute.before().orElse("none");
    String actual = attribute.after().orElse("none");
    return switch (attribute.key()) {
      case Attributes.RELEASE -> "release running: " + shown(attribute, actual) + ", recorded " + shown(attribute, recorded);
      case Attributes.RELEASE_PROCESS -> "release process: " + actual + ", desired " + recorded;
      default -> "edge: " + actual + ", desired " + recorded;
    };
  }

  private String conflicts(List<Conflict> conflicts) {
    return problems("Error: C U L8er will not touch instances it does not own",
        conflicts.stream().map(c -> c.instance() + " on " + c.host() + ": " + c.problem()).toList());
  }

  private String imageProblems(List<ImageProblem> problems) {
    return problems("Error: these instances cannot be created: their host lacks the image",
        problems.stream().map(p -> p.instance() + " on " + p.host() + ": " + p.problem()).toList());
  }

  private String unreachable(List<HostProblem> problems) {
    return problems("Warning: these hosts could not be reached, so their instances are not planned",
        problems.stream().map(p -> p.host() + ": " + p.reason()).toList());
  }

  private String problems(String title, List<String> problems) {
    StringBuilder out = new StringBuilder(style.bold(title));
    out.append("\n\n");
    problems.forEach(problem -> line(out, 2, "!", problem));
    return out.toString().stripTrailing();
  }

  private String standbys(List<Change> standbys) {
    StringBuilder out = new StringBuilder(style.bold("Blue-green standbys, kept for an instant switch back:"));
    out.append("\n\n");
    for (Change change : standbys) {
      out.append("  ").append(subject(change)).append(" is kept").append(comment(change)).append('\n');
    }
    return out.toString().stripTrailing();
  }

  private String imageUpdates(List<ImageUpdate> updates) {
    StringBuilder out = new StringBuilder(style.bold("Images updated since these instances were created:"));
    out.append("\n\n");
    for (ImageUpdate update : updates) {
      line(out, 2, "~", update.instance() + " (" + update.resource() + " on " + update.host() + "): image updated   # "
          + update.describe());
    }
    return out.toString().stripTrailing();
  }

  private static String subject(Change change) {
    return change.instance() + " (" + change.resource() + " on " + change.host() + ")";
  }

  private static String comment(Change change) {
    return change.comment().map(c -> "   # " + c).orElse("");
  }

  private String legend(Plan plan) {
    Set<Action> present = EnumSet.noneOf(Action.class);
    plan.changes().forEach(c -> present.add(c.action()));
    StringBuilder out = new StringBuilder("Actions are shown with these symbols:");
    if (!plan.imageCopies().isEmpty()) {
      out.append("\n  ").append(style.symbol(">")).append(" copy an image to a host that lacks it");
    }
    if (present.contains(Action.CREATE)) {
      out.append("\n  ").append(style.symbol("+")).append(" create");
    }
    if (present.contains(Action.UPDATE) || present.contains(Action.START) || !plan.edgeDrift().isEmpty()
        || !plan.certificateChanges().isEmpty()) {
      out.append("\n  ").append(style.symbol("~")).append(" update in place");
    }
    if (present.contains(Action.REPLACE)) {
      out.append("\n  ").append(style.symbol("-/+")).append(" destroy and then create replacement");
    }
    if (present.contains(Action.DELETE)) {
      out.append("\n  ").append(style.symbol("-")).append(" destroy");
    }
    if (present.contains(Action.FORGET)) {
      out.append("\n  ").append(style.symbol(".")).append(" forget (remove from the state only)");
    }
    return out.toString();
  }

  private String actions(Plan plan) {
    StringBuilder out = new StringBuilder(style.bold("C U L8er will perform the following actions:"));
    out.append("\n\n");
    for (ImageCopy copy : plan.imageCopies()) {
      line(out, 2, ">", copy.describe() + "   # " + String.join(", ", copy.instances())
          + (copy.instances().size() == 1 ? " needs" : " need") + " it");
    }
    for (Change change : plan.changes()) {
      if (!change.isChange()) {
        continue;
      }
      String header = subject(change) + " " + change.action().outcome() + comment(change);
      line(out, 2, change.action().symbol(), header);
      attributes(out, change.attributes(), "");
    }
    for (EdgeDrift edge : plan.edgeDrift()) {
      line(out, 2, "~", "edge on " + edge.host() + " will be brought in line   # " + edge.what());
    }
    for (TlsCertificate certificate : plan.certificateChanges()) {
      line(out, 2, "~", certificate.describe());
    }
    return out.toString().stripTrailing();
  }

  private void attributes(StringBuilder out, List<AttributeChange> attributes, String suffix) {
    int width = attributes.stream().mapToInt(a -> a.key().length()).max().orElse(0) + 1;
    for (AttributeChange attribute : attributes) {
      String label = String.format("%-" + width + "s", attribute.key() + ":");
      String text = label + " " + values(attribute) + suffix;
      if (attribute.forcesReplacement()) {
        text += " # forces replacement";
      }
      line(out, 6, symbol(attribute), text);
    }
  }

  private static String symbol(AttributeChange attribute) {
    if (attribute.before().isEmpty()) {
      return "+";
    }
    return attribute.after().isEmpty() ? "-" : "~";
  }

  private static String values(AttributeChange attribute) {
    Optional<String> before = attribute.before().map(v -> shown(attribute, v));
    Optional<String> after = attribute.after().map(v -> shown(attribute, v));
    if (before.isPresent() && after.isPresent()) {
      return before.get() + " -> " + after.get();
    }
    return before.or(() -> after).orElseThrow();
  }

  private static String shown(AttributeChange attribute, String value) {
    if (attribute.sensitive()) {
      return SENSITIVE;
    }
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
  }

  private void line(StringBuilder out, int indent, String symbol, String text) {
    out.append(" ".repeat(indent)).append(style.symbol(symbol)).append(' ').append(text).append('\n');
  }
}
