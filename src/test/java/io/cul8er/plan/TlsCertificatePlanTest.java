package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.desired;
import static io.cul8er.plan.Fixtures.recorded;
import static io.cul8er.plan.Fixtures.resource;
import static io.cul8er.plan.Fixtures.running;
import static io.cul8er.plan.Fixtures.spec;
import static io.cul8er.plan.Fixtures.state;
import static io.cul8er.plan.Fixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.StateSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The certificate of each TLS service in plans: a rotation is a change shown by digests, warnings apart. */
class TlsCertificatePlanTest {
  private static final String OLD = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String NEW = "sha256:" + "fedcba9876543210".repeat(4);
  private static final String SELF_SIGNED_WARNING = "no `cert:` and `key:`, so each host's edge serves its own"
      + " self-signed certificate: for development only, clients will not trust it";

  private static Plan plan(TlsCertificate desiredCertificate, Map<String, String> recordedCertificates) {
    DesiredState web = desired(topology("demo", resource("web").build())).withCertificates(List.of(desiredCertificate));
    InstanceSpec spec = spec(web, "demo-web");
    StateSnapshot recorded = state(1, recorded(spec));
    StateSnapshot withDigests = new StateSnapshot(recorded.formatVersion(), recorded.lineage(), recorded.serial(),
        recorded.topology(), recorded.writtenAt(), recorded.instances(), recordedCertificates);
    return new Planner().plan(web, withDigests, Observation.of(List.of(running(spec))), Fixtures.NOW);
  }

  @Test
  void aRotatedCertificateIsAChangeOfItsDigestAndNothingElse() {
    Plan plan = plan(new TlsCertificate("web_443", 443, NEW, List.of()), Map.of("web_443", OLD));

    assertThat(PlanRenderer.plain().render(plan)).isEqualTo("""
        Actions are shown with these symbols:
          ~ update in place

        C U L8er will perform the following actions:

          ~ certificate of :443 sha256:0123456789ab.. -> sha256:fedcba987654..

        Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy, 1 certificate to rotate.
        """);
    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.certificateChanges()).extracting(TlsCertificate::recorded).containsExactly(Optional.of(OLD));
  }

  @Test
  void aCertificateTheStateDoesNotRecordYetIsAChangeFromNone() {
    Plan plan = plan(new TlsCertificate("web_443", 443, NEW, List.of()), Map.of());

    assertThat(PlanRenderer.plain().render(plan))
        .contains("  ~ certificate of :443 none -> sha256:fedcba987654..\n");
    assertThat(plan.hasChanges()).isTrue();
  }

  @Test
  void aServiceThatNoLongerTerminatesTlsIsAChangeToNone() {
    Plan plan = plan(TlsCertificate.dropped("web_443", 443, OLD), Map.of("web_443", OLD));

    assertThat(PlanRenderer.plain().render(plan))
        .contains("  ~ certificate of :443 sha256:0123456789ab.. -> none\n");
    assertThat(plan.certificateChanges()).extracting(TlsCertificate::served).containsExactly(false);
  }

  @Test
  void theRecordedSelfSignedCertificateIsNoChangeButAWarningNamingThePort() {
    Plan plan = plan(new TlsCertificate("web_443", 443, TlsCertificate.SELF_SIGNED, List.of(SELF_SIGNED_WARNING)),
        Map.of("web_443", TlsCertificate.SELF_SIGNED));

    assertThat(PlanRenderer.plain().render(plan)).isEqualTo("""
        Warning: TLS certificates

          ! :443 (web_443): no `cert:` and `key:`, so each host's edge serves its own self-signed certificate: \
        for development only, clients will not trust it

        No changes. The topology matches the recorded state and Incus.
        """);
    assertThat(plan.exitCode()).isZero();
  }

  @Test
  void aSavedPlanKeepsTheDigestsAndWarningsAndNoMore() {
    Plan plan = plan(new TlsCertificate("web_443", 443, NEW, List.of("the certificate (CN=shop) expires on"
        + " 2026-12-01 10:00 UTC: renew it")), Map.of("web_443", OLD));

    String json = PlanJson.write(SavedPlan.of(plan, Fixtures.NOW));

    assertThat(json).contains("""
          "certificates" : [ {
              "service" : "web_443",
              "port" : 443,
              "digest" : "%s",
              "recorded" : "%s",
              "warnings" : [ "the certificate (CN=shop) expires on 2026-12-01 10:00 UTC: renew it" ]
            } ]""".formatted(NEW, OLD));
    assertThat(PlanJson.read(json, "saved.json").plan().certificates()).isEqualTo(plan.certificates());
  }

  @Test
  void theDigestsAreInTheDesiredHashSoASavedPlanWithAnotherCertificateIsStale() {
    DesiredState web = desired(topology("demo", resource("web").build()));

    assertThat(web.withCertificates(List.of(new TlsCertificate("web_443", 443, OLD, List.of()))).hash())
        .isNotEqualTo(web.withCertificates(List.of(new TlsCertificate("web_443", 443, NEW, List.of()))).hash())
        .isNotEqualTo(web.hash());
    assertThat(web.withCertificates(List.of()).hash()).isEqualTo(web.hash());
  }
}
