package dev.governor.policy.baseline;

import static dev.governor.policy.baseline.KedaSqs.FallbackBehavior.CURRENT_REPLICAS;
import static dev.governor.policy.baseline.KedaSqs.FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER;
import static dev.governor.policy.baseline.KedaSqs.FallbackBehavior.CURRENT_REPLICAS_IF_LOWER;
import static dev.governor.policy.baseline.KedaSqs.FallbackBehavior.STATIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.baseline.KedaSqs.OperatorDecision;
import dev.governor.policy.baseline.KedaSqs.OperatorInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KedaSqsTest {
  static final Instant NOW = Ctx.T0.plusSeconds(3600);
  static final Duration COOLDOWN = Duration.ofSeconds(300);

  @Test
  void inFlightCountsByDefaultDelayedDoesNot() {
    KedaSqsConfig d = KedaSqsConfig.custom().build();
    assertTrue(d.scaleOnInFlight());
    assertFalse(d.scaleOnDelayed());
    assertEquals(5, d.queueLength());
    assertEquals(0, d.activationQueueLength());
    assertEquals(12, KedaSqs.queueLength(10, 2, 7, true, false));
    assertEquals(10, KedaSqs.queueLength(10, 2, 7, false, false));
    assertEquals(19, KedaSqs.queueLength(10, 2, 7, true, true));
  }

  @Test
  void activationIsStrictlyAboveTheThreshold() {
    assertFalse(KedaSqs.isActive(0, 0));
    assertTrue(KedaSqs.isActive(1, 0));
    assertFalse(KedaSqs.isActive(1, 1));
    assertTrue(KedaSqs.isActive(2, 1));
  }

  private static OperatorDecision op(boolean active, boolean error, Integer fallback, int current, int min,
      Instant lastActive) {
    return KedaSqs.operator(new OperatorInputs(active, error, fallback, current, min, lastActive, Ctx.T0, COOLDOWN,
        Duration.ZERO, NOW));
  }

  @Test
  void activatesFromZeroToMinReplicaCountOrOne() {
    assertEquals(1, op(true, false, null, 0, 0, null).replicas());
    assertEquals(3, op(true, false, null, 0, 3, null).replicas());
    assertEquals(-1, op(true, false, null, 2, 0, null).replicas());
    assertTrue(op(true, false, null, 2, 0, null).markActive());
    assertEquals(1, KedaSqs.hpaMinReplicas(0));
    assertEquals(3, KedaSqs.hpaMinReplicas(3));
  }

  @Test
  void deactivatesToZeroOnlyAfterTheCooldown() {
    assertEquals(-1, op(false, false, null, 2, 0, NOW.minusSeconds(200)).replicas());
    assertEquals(-1, op(false, false, null, 2, 0, NOW.minusSeconds(300)).replicas()); // not yet strictly before
    assertEquals(0, op(false, false, null, 2, 0, NOW.minusSeconds(301)).replicas());
    assertEquals(-1, op(false, false, null, 2, 1, NOW.minusSeconds(1000)).replicas()); // min 1: HPA scales in
    assertEquals(2, op(false, false, null, 1, 2, NOW).replicas()); // below min: set to min
  }

  @Test
  void failingTriggersWithAFallbackDoNotScaleToZero() {
    assertEquals(-1, op(false, true, 4, 2, 0, NOW.minusSeconds(1000)).replicas());
    assertEquals(-1, op(false, true, null, 2, 0, NOW.minusSeconds(1000)).replicas());
    // fallback.replicas 0 falls through to scaling to zero
    assertEquals(0, op(false, true, 0, 2, 0, NOW.minusSeconds(1000)).replicas());
  }

  @Test
  void fallbackBehaviors() {
    assertEquals(6, KedaSqs.fallbackReplicas(STATIC, 6, 3));
    assertEquals(3, KedaSqs.fallbackReplicas(CURRENT_REPLICAS, 6, 3));
    assertEquals(6, KedaSqs.fallbackReplicas(CURRENT_REPLICAS_IF_HIGHER, 6, 3));
    assertEquals(8, KedaSqs.fallbackReplicas(CURRENT_REPLICAS_IF_HIGHER, 6, 8));
    assertEquals(3, KedaSqs.fallbackReplicas(CURRENT_REPLICAS_IF_LOWER, 6, 3));
    assertEquals(6, KedaSqs.fallbackReplicas(CURRENT_REPLICAS_IF_LOWER, 6, 8));
    // the metric is replicas × target, so the HPA computes the replicas back
    assertEquals(30, KedaSqs.fallbackMetric(6, 5), 1e-9);
    assertEquals(6, Hpa.externalAverageValue("m", 3, KedaSqs.fallbackMetric(6, 5), 5, Hpa.Tolerance.DEFAULT).replicas());
  }

  /** The changes the HPA syncs of a proposal made, in order: "1 → 4", "4 → 8", … */
  static List<String> hpaSteps(Proposal p) {
    List<String> steps = new ArrayList<>();
    for (Reason r : p.reasons()) {
      String m = r.message();
      if (r.source().contains(".hpa.sync") && m.matches("\\d+ → \\d+: .*")) {
        String step = m.substring(0, m.indexOf(':'));
        String[] ends = step.split(" → ");
        if (!ends[0].equals(ends[1])) {
          steps.add(step);
        }
      }
    }
    return steps;
  }

  @Test
  void scaleFromZeroReachesTheHpaOneSyncAfterTheActivation() {
    // Sources: kubernetes/kubernetes pkg/controller/podautoscaler/horizontal.go, reconcileAutoscaler:
    // with 0 replicas and minReplicas != 0 the HPA sets ScalingActive False "ScalingDisabled" and does
    // not rescale; kedacore/keda pkg/scaling/executor/scale_scaledobjects.go, scaleFromZeroOrIdle:
    // the operator sets 1 replica (test TestScaleFromMinReplicasWhenActive). The HPA first sees the
    // replica at its next 15 s sync, then scales it with the legacy max(2 × current, 4) per sync.
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().queueLength(1).build());
    Proposal activation = keda.propose(Ctx.atMinute(0).visible(1000).inflight(0).build());
    assertEquals(1, activation.desired());
    String why = activation.reasons().toString();
    assertTrue(why.contains("ScalingDisabled") && why.contains("activate to 1"), why);
    assertEquals(List.of(), hpaSteps(activation));
    Proposal next = keda.propose(Ctx.atMinute(1).pending(1).visible(1000).inflight(0).build());
    assertEquals(List.of("1 → 4", "4 → 8", "8 → 16", "16 → 32"), hpaSteps(next));
    assertEquals(32, next.desired());
  }

  @Test
  void scaleFromZeroWithTicksOfOneSyncPeriodOrLess() {
    // One sync per 15 s tick: 0 → 1 (activation), then 4, 8, 16, 32 on the following ticks.
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().queueLength(1).build());
    Duration tick = Duration.ofSeconds(15);
    List<Integer> seen = new ArrayList<>();
    int replicas = 0;
    for (int k = 0; k < 5; k++) {
      replicas = keda.propose(Ctx.at(Ctx.T0.plusSeconds(15L * k)).tick(tick).pending(replicas).visible(1000)
          .inflight(0).build()).desired();
      seen.add(replicas);
    }
    assertEquals(List.of(1, 4, 8, 16, 32), seen);
    // 10 s ticks: the sync 10 s after the activation does not exist yet; the one at 20 s sees the replica
    KedaSqsPolicy slow = new KedaSqsPolicy(KedaSqsConfig.custom().queueLength(1).build());
    tick = Duration.ofSeconds(10);
    seen.clear();
    replicas = 0;
    for (int k = 0; k < 3; k++) {
      Proposal p = slow.propose(Ctx.at(Ctx.T0.plusSeconds(10L * k)).tick(tick).pending(replicas).visible(1000)
          .inflight(0).build());
      replicas = p.desired();
      seen.add(replicas);
      if (k == 1) {
        assertTrue(p.reasons().toString().contains("no sync"), p.reasons().toString());
      }
    }
    assertEquals(List.of(1, 1, 4), seen);
  }

  @Test
  void fromZeroToThreeAndBackToZero() {
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().cooldownPeriod(Duration.ofSeconds(600)).build());
    assertEquals(0, keda.propose(Ctx.atMinute(0).visible(0).inflight(0).build()).desired());
    // 10 visible + 2 in flight = 12 > 0: activate to 1 ...
    Proposal p = keda.propose(Ctx.atMinute(1).visible(10).inflight(2).build());
    assertEquals(1, p.desired());
    assertTrue(p.reasons().toString().contains("activate to 1"), p.reasons().toString());
    // ... and the HPA's next syncs: ceil(12 / 5) = 3
    assertEquals(3, keda.propose(Ctx.atMinute(2).running(1).visible(10).inflight(2).build()).desired());
    assertEquals(3, keda.propose(Ctx.atMinute(3).running(3).visible(10).inflight(2).build()).desired());
    // drained: the HPA (no behavior: legacy) holds 3 for its 5-minute window ...
    for (int m = 4; m <= 8; m++) {
      assertEquals(3, keda.propose(Ctx.atMinute(m).running(3).visible(0).inflight(0).build()).desired(), "minute " + m);
    }
    // ... then goes to its minReplicas 1 ...
    assertEquals(1, keda.propose(Ctx.atMinute(9).running(3).visible(0).inflight(0).build()).desired());
    assertEquals(1, keda.propose(Ctx.atMinute(13).running(1).visible(0).inflight(0).build()).desired());
    // ... and KEDA deactivates to 0 once cooldownPeriod has passed since the last active check (minute 3)
    Proposal zero = keda.propose(Ctx.atMinute(14).running(1).visible(0).inflight(0).build());
    assertEquals(0, zero.desired());
    assertTrue(zero.reasons().toString().contains("deactivate to 0"), zero.reasons().toString());
  }

  @Test
  void delayedMessagesActivateOnlyWhenSwitchedOn() {
    KedaSqsPolicy off = new KedaSqsPolicy(KedaSqsConfig.custom().build());
    assertEquals(0, off.propose(Ctx.atMinute(0).visible(0).inflight(0).delayed(50).build()).desired());
    KedaSqsPolicy on = new KedaSqsPolicy(KedaSqsConfig.custom().scaleOnDelayed(true).build());
    assertEquals(1, on.propose(Ctx.atMinute(0).visible(0).inflight(0).delayed(50).build()).desired());
    // the legacy HPA from 1: 4 → 8 → 10 (ceil(50 / 5))
    assertEquals(10, on.propose(Ctx.atMinute(1).pending(1).visible(0).inflight(0).delayed(50).build()).desired());
  }

  @Test
  void fallbackAfterFailureThreshold() {
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().minReplicaCount(1)
        .fallback(new KedaSqsConfig.Fallback(3, 6, STATIC)).build());
    assertEquals(3, keda.propose(Ctx.atMinute(0).running(3).visible(15).inflight(0).build()).desired());
    // the queue cannot be read: failures 1, 2, 3 do nothing; the 4th (> 3) feeds 6 × 5 to the HPA
    Proposal p = keda.propose(Ctx.atMinute(1).running(3).build());
    assertEquals(6, p.desired());
    assertTrue(p.reasons().toString().contains("fallback STATIC"), p.reasons().toString());
  }

  @Test
  void withoutFallbackFailuresHoldCapacity() {
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().minReplicaCount(0).build());
    assertEquals(3, keda.propose(Ctx.atMinute(0).running(3).visible(15).inflight(0).build()).desired());
    assertEquals(3, keda.propose(Ctx.atMinute(30).running(3).build()).desired());
  }

  @Test
  void requiredSignalsFollowTheSwitches() {
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().build());
    assertEquals(Set.of("queue.uploads.visible", "queue.uploads.inflight"), keda.requiredSignals(List.of(Ctx.UPLOADS)));
  }

  @Test
  void configValidation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KedaSqsConfig.custom()
        .minReplicaCount(5).maxReplicaCount(2).build());
    assertEquals("maxReplicaCount must be >= max(1, minReplicaCount) (5), but was 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KedaSqsConfig.custom().queueLength(0).build());
    assertEquals("queueLength must be >= 1, but was 0", e.getMessage());
  }
}
