package io.cul8er.engine;

import io.cul8er.model.Cul8erException;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Resource;
import io.cul8er.model.SecretRef;
import io.cul8er.plan.SecretDigest;
import io.cul8er.plan.SecretResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads secrets at deploy time from the environment or from files. Values live only in memory, in
 * the instance's config ({@code environment.KEY}) and in a release's env file; state, plans and the
 * {@code user.cul8er.secret.*} keys get their {@link SecretDigest}.
 */
public final class Secrets implements SecretResolver {
  private final Function<String, String> environment;

  public Secrets(Function<String, String> environment) {
    this.environment = environment;
  }

  public static Secrets fromProcess() {
    return new Secrets(System::getenv);
  }

  /** The value of {@code secret}, or a failure naming where it was looked for. */
  public String value(String owner, String name, SecretRef secret) {
    return read(secret)
        .orElseThrow(
            () ->
                new Cul8erException(
                    "Tried to read secret `" + name + "` of " + owner + " at " + secret.pos() + ", but "
                        + describeMissing(secret)));
  }

  /** Every secret environment variable of a resource, by name, with its value. */
  public Map<String, String> environmentOf(Resource resource) {
    Map<String, String> values = new LinkedHashMap<>();
    for (EnvVar variable : resource.environment()) {
      if (variable instanceof EnvVar.Secret secret) {
        values.put(secret.name(), value("resource `" + resource.name() + "`", secret.name(), secret.source()));
      }
    }
    return values;
  }

  @Override
  public Optional<String> digest(SecretRef secret, String lineage) {
    return read(secret).map(value -> SecretDigest.of(lineage, value));
  }

  Optional<String> read(SecretRef secret) {
    if (secret instanceof SecretRef.FromEnv env) {
      return Optional.ofNullable(environment.apply(env.variable()));
    }
    Path file = Path.of(((SecretRef.FromFile) secret).path());
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(stripFinalNewline(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String describeMissing(SecretRef secret) {
    if (secret instanceof SecretRef.FromEnv env) {
      return "the environment variable " + env.variable() + " is not set";
    }
    return "the file " + ((SecretRef.FromFile) secret).path() + " cannot be read";
  }

  private static String stripFinalNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

}
