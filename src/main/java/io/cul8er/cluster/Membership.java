package io.cul8er.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** What a membership probe's answer says: the names of the members the probed member sees. */
public final class Membership {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Membership() {}

  /**
   * The names in a probe's output. A JSON object (an endpoint's answer) gives its {@code members}
   * array; anything else is a list of names separated by commas or white space, as printed by the
   * BEAM default probe ({@code a@10.0.0.2,a@10.0.0.3}) or by {@code IO.inspect(Node.list())}
   * ({@code [:"a@10.0.0.2", :"a@10.0.0.3"]}).
   */
  public static Set<String> parse(String output) {
    String text = output.strip();
    return text.startsWith("{") ? fromJson(text) : fromList(text);
  }

  /**
   * The name under which the other members see {@code member}: its Erlang node name for BEAM, its
   * instance name for the JVM (the examples name their JGroups member after {@code
   * CUL8ER_CLUSTER_MEMBER}).
   */
  public static String nameOf(Release release, Member member) {
    return release.runtime() == Runtime.BEAM ? ClusterEnvironment.nodeName(release, member) : member.instance();
  }

  private static Set<String> fromJson(String text) {
    JsonNode members;
    try {
      members = JSON.readTree(text).path("members");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot read the membership probe's answer as JSON: " + e.getOriginalMessage() + " in: " + text, e);
    }
    if (!members.isArray()) {
      throw new IllegalArgumentException(
          "the membership probe's answer has no \"members\" array: " + text);
    }
    Set<String> names = new TreeSet<>();
    for (JsonNode member : members) {
      if (!member.isTextual()) {
        throw new IllegalArgumentException(
            "the membership probe's answer lists a member that is not a string (" + member + "): " + text);
      }
      names.add(member.asText());
    }
    return names;
  }

  private static Set<String> fromList(String text) {
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    Set<String> names = new TreeSet<>();
    Arrays.stream(bare.split("[,\\s]+"))
        .map(Membership::unquoted)
        .filter(name -> !name.isEmpty())
        .forEach(names::add);
    return names;
  }

  /** An Elixir atom as inspected ({@code :a@b}, {@code :"a@1.2.3.4"}) or a plain name. */
  private static String unquoted(String token) {
    String name = token.startsWith(":") ? token.substring(1) : token;
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1);
    }
    return name;
  }
}
