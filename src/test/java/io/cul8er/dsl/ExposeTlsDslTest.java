package io.cul8er.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Expose;
import io.cul8er.model.ExposeTls;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code cert:}, {@code key:} and {@code redirect_from:} of an {@code expose ..., protocol: :https}. */
class ExposeTlsDslTest {
  private static String network(String expose) {
    return "topology :t do\n  host :h do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :web, on: :h do\n    from_image \"images:alpine/3.19\"\n"
        + "    network do\n      " + expose + "\n    end\n  end\nend\n";
  }

  @Test
  void readsTheCertificateAndKeySecretsAndTheRedirectAndPrintsThemBack() {
    String text = network("expose port: 4000, as: 443, protocol: :https, cert: [from: :file, path: \"tls/shop.crt\"], "
        + "key: [from: :system, key: \"SHOP_KEY\"], redirect_from: 80");
    ParseResult parsed = Dsl.parse("v.cul8", text);

    assertThat(ValidatorTest.problems(text)).isEmpty();
    Expose expose = parsed.topologies().get(0).resources().get(0).exposes().get(0);
    ExposeTls tls = expose.tls();
    assertThat(((SecretRef.FromFile) tls.certificate().orElseThrow()).path()).isEqualTo("tls/shop.crt");
    assertThat(((SecretRef.FromEnv) tls.key().orElseThrow()).variable()).isEqualTo("SHOP_KEY");
    assertThat(tls.redirectFrom()).contains(80);
    assertThat(DslPrinter.print(parsed.topologies().get(0))).contains("expose port: 4000, as: 443, protocol: :https, "
        + "cert: [from: :file, path: \"tls/shop.crt\"], key: [from: :system, key: \"SHOP_KEY\"], redirect_from: 80\n");
  }

  @Test
  void noCertificateMeansTheSelfSignedOne() {
    Expose expose = Dsl.parse("v.cul8", network("expose port: 4000, as: 443, protocol: :https"))
        .topologies().get(0).resources().get(0).exposes().get(0);
    assertThat(expose.tls()).isEqualTo(ExposeTls.NONE);
    assertThat(expose.tls().selfSigned()).isTrue();
  }

  @Test
  void aCertificateWithoutItsKeyOrOnAPortWithoutTlsIsAPositionedError() {
    assertThat(ValidatorTest.problems(network("expose port: 4000, as: 443, protocol: :https, cert: [from: :file, path: \"c.pem\"]")))
        .containsExactly("9:7 error: `expose` with `protocol: :https` needs both `cert:` and `key:`, or neither"
            + " (a self-signed certificate) | add `key: [from: :file, path: \"...\"]`");
    assertThat(ValidatorTest.problems(network("expose port: 4000, as: 8080, redirect_from: 80")))
        .containsExactly("9:51 error: `redirect_from:` is for `protocol: :https`, where the edge terminates TLS"
            + " | add `protocol: :https` or remove `redirect_from:`");
  }
}
