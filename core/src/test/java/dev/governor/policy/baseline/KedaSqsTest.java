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
import dev.governor.policy.baseline.KedaSqs.OperatorDecision;
import dev.governor.policy.baseline.KedaSqs.OperatorInputs;
import java.time.Duration;
import java.time.Instant;
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

  @Test
  void fromZeroToThreeAndBackToZero() {
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().cooldownPeriod(Duration.ofSeconds(600)).build());
    assertEquals(0, keda.propose(Ctx.atMinute(0).visible(0).inflight(0).build()).desired());
    // 10 visible + 2 in flight = 12 > 0: activate to 1, then HPA: ceil(12 / 5) = 3
    Proposal p = keda.propose(Ctx.atMinute(1).visible(10).inflight(2).build());
    assertEquals(3, p.desired());
    assertTrue(p.reasons().toString().contains("activate to 1"), p.reasons().toString());
    assertEquals(3, keda.propose(Ctx.atMinute(2).running(3).visible(10).inflight(2).build()).desired());
    // drained: the HPA (no behavior: legacy) holds 3 for its 5-minute window ...
    for (int m = 3; m <= 7; m++) {
      assertEquals(3, keda.propose(Ctx.atMinute(m).running(3).visible(0).inflight(0).build()).desired(), "minute " + m);
    }
    // ... then goes to its minReplicas 1 ...
    assertEquals(1, keda.propose(Ctx.atMinute(8).running(3).visible(0).inflight(0).build()).desired());
    assertEquals(1, keda.propose(Ctx.atMinute(12).running(1).visible(0).inflight(0).build()).desired());
    // ... and KEDA deactivates to 0 once cooldownPeriod has passed since the last active check (minute 2)
    Proposal zero = keda.propose(Ctx.atMinute(13).running(1).visible(0).inflight(0).build());
    assertEquals(0, zero.desired());
    assertTrue(zero.reasons().toString().contains("deactivate to 0"), zero.reasons().toString());
  }

  @Test
  void delayedMessagesActivateOnlyWhenSwitchedOn() {
    KedaSqsPolicy off = new KedaSqsPolicy(KedaSqsConfig.custom().build());
    assertEquals(0, off.propose(Ctx.atMinute(0).visible(0).inflight(0).delayed(50).build()).desired());
    KedaSqsPolicy on = new KedaSqsPolicy(KedaSqsConfig.custom().scaleOnDelayed(true).build());
    // activate to 1, then the legacy HPA: 1 → 4 → 8 → 10 (ceil(50 / 5))
    assertEquals(10, on.propose(Ctx.atMinute(0).visible(0).inflight(0).delayed(50).build()).desired());
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
