package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.JobClass;
import dev.governor.policy.Proposal;
import dev.governor.policy.baseline.KedaSqs.OperatorDecision;
import dev.governor.policy.baseline.KedaSqs.OperatorInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases ported from KEDA's own suite, {@code kedacore/keda}: {@code pkg/scalers/aws_sqs_queue_scaler_test.go}
 * and {@code pkg/scaling/executor/scale_scaledobjects_test.go} (each test names its Go test), and the
 * cut-offs of {@code scale_scaledobjects.go}.
 */
class KedaPortedTest {
  static final Duration COOLDOWN = Duration.ofSeconds(300);

  // ---- aws_sqs_queue_scaler_test.go --------------------------------------------------------

  @Test
  void queueLengthAsTestAWSSQSScalerGetMetrics() {
    // TestAWSSQSScalerGetMetrics: the mock queue has 200 visible, 100 not visible, 50 delayed;
    // scaleOnInFlight defaults to true, scaleOnDelayed to false
    assertEquals(200, KedaSqs.queueLength(200, 100, 50, false, false)); // scaleOnInFlight disabled
    assertEquals(300, KedaSqs.queueLength(200, 100, 50, true, false)); // scaleOnInFlight enabled
    assertEquals(300, KedaSqs.queueLength(200, 100, 50, true, false)); // scaleOnDelayed disabled
    assertEquals(350, KedaSqs.queueLength(200, 100, 50, true, true)); // scaleOnDelayed enabled
    assertEquals(200, KedaSqs.queueLength(200, 100, 50, false, false)); // both disabled
    assertEquals(350, KedaSqs.queueLength(200, 100, 50, true, true)); // both enabled
    // TestProcessQueueLengthFromSqsQueueAttributesOutput "32 bit int upper bound + 1"
    assertEquals(2147483648L, KedaSqs.queueLength(2147483648L, 0, 0, true, true));
  }

  @Test
  void metricNamesAsTestAWSSQSGetMetricSpecForScaling() {
    // TestAWSSQSGetMetricSpecForScaling: s<triggerIndex>-aws-sqs-<queue name>, here with a FIFO queue
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().minReplicaCount(1).build());
    JobClass a = JobClass.of("DeleteArtifactQ", Duration.ofMinutes(5), Duration.ofSeconds(1));
    JobClass fifo = JobClass.of("orders.fifo", Duration.ofMinutes(5), Duration.ofSeconds(1));
    assertEquals(java.util.Set.of("queue.DeleteArtifactQ.visible", "queue.DeleteArtifactQ.inflight",
        "queue.orders.fifo.visible", "queue.orders.fifo.inflight"), keda.requiredSignals(List.of(a, fifo)));
    Proposal p = keda.propose(Ctx.atMinute(0).classes(a, fifo).running(1)
        .signal("queue.DeleteArtifactQ.visible", 0).signal("queue.DeleteArtifactQ.inflight", 0)
        .signal("queue.orders.fifo.visible", 20).signal("queue.orders.fifo.inflight", 5).build());
    String why = p.reasons().toString();
    assertTrue(why.contains("s0-aws-sqs-DeleteArtifactQ") && why.contains("s1-aws-sqs-orders.fifo"), why);
    // the FIFO queue's 25 messages at queueLength 5 want 5 replicas; legacy HPA from 1: 4 → 5
    assertEquals(5, p.desired());
  }

  // ---- scale_scaledobjects_test.go ---------------------------------------------------------

  private static OperatorDecision op(boolean active, int current, int min, Instant lastActive, Instant createdAt,
      Duration initialCooldown, Instant now) {
    return KedaSqs.operator(new OperatorInputs(active, false, null, current, min, lastActive, createdAt, COOLDOWN,
        initialCooldown, now));
  }

  @Test
  void executorCases() {
    Instant now = Ctx.T0.plusSeconds(86_400);
    // TestScaleToMinReplicasWhenNotActive: minReplicaCount 0, 10 replicas, not active, no
    // LastActiveTime (scaled outside KEDA), created long ago → 0
    assertEquals(0, op(false, 10, 0, null, Ctx.T0, Duration.ZERO, now).replicas());
    // TestScaleToMinReplicasFromLowerInitialReplicaCount: minReplicaCount 5, 1 replica, not active → 5
    assertEquals(5, op(false, 1, 5, null, Ctx.T0, Duration.ZERO, now).replicas());
    // TestScaleFromMinReplicasWhenActive: minReplicaCount 0, 0 replicas, active → 1, LastActiveTime set
    OperatorDecision d = op(true, 0, 0, null, Ctx.T0, Duration.ZERO, now);
    assertEquals(1, d.replicas());
    assertTrue(d.markActive());
    // TestEventWitTriggerInfo (idleReplicaCount aside): minReplicaCount 5, active from 0 → 5
    assertEquals(5, op(true, 0, 5, null, Ctx.T0, Duration.ZERO, now).replicas());
    // active with replicas: the HPA scales, LastActiveTime is updated
    OperatorDecision busy = op(true, 3, 0, now.minusSeconds(10), Ctx.T0, Duration.ZERO, now);
    assertEquals(-1, busy.replicas());
    assertTrue(busy.markActive());
  }

  @Test
  void initialCooldownPeriodCountsFromCreationWhileNeverActive() {
    // scaleToZeroOrIdle: LastActiveTime nil → CreationTimestamp.Add(initialCooldownPeriod).Before(now)
    Duration initial = Duration.ofSeconds(600);
    assertEquals(-1, op(false, 2, 0, null, Ctx.T0, initial, Ctx.T0.plusSeconds(600)).replicas());
    assertEquals(0, op(false, 2, 0, null, Ctx.T0, initial, Ctx.T0.plusSeconds(601)).replicas());
  }

  @Test
  void cooldownPeriodBeforeOneToZeroThroughThePolicy() {
    // scaleToZeroOrIdle: LastActiveTime.Add(cooldownPeriod).Before(now): at exactly 300 s after the last
    // active check the replica stays, one tick later it goes
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().cooldownPeriod(COOLDOWN).build());
    assertEquals(1, keda.propose(Ctx.atMinute(0).running(1).visible(5).inflight(0).build()).desired());
    for (int m = 1; m <= 5; m++) {
      Proposal p = keda.propose(Ctx.atMinute(m).running(1).visible(0).inflight(0).build());
      assertEquals(1, p.desired(), "minute " + m);
      assertFalse(p.reasons().toString().contains("deactivate"), p.reasons().toString());
    }
    Proposal zero = keda.propose(Ctx.atMinute(6).running(1).visible(0).inflight(0).build());
    assertEquals(0, zero.desired());
    assertTrue(zero.reasons().toString().contains("deactivate to 0"), zero.reasons().toString());
    // a message during the cooldown restarts it
    KedaSqsPolicy again = new KedaSqsPolicy(KedaSqsConfig.custom().cooldownPeriod(COOLDOWN).build());
    again.propose(Ctx.atMinute(0).running(1).visible(5).inflight(0).build());
    again.propose(Ctx.atMinute(4).running(1).visible(1).inflight(0).build());
    assertEquals(1, again.propose(Ctx.atMinute(6).running(1).visible(0).inflight(0).build()).desired());
    assertEquals(0, again.propose(Ctx.atMinute(10).running(1).visible(0).inflight(0).build()).desired());
  }

  @Test
  void theHpaKedaCreatesKeepsItsHistory() {
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().build());
    assertTrue(keda.hpaHistory().isEmpty());
    keda.propose(Ctx.atMinute(0).running(2).visible(10).inflight(0).build());
    // the initial recommendation (2 at the first sync) and one per sync
    List<Hpa.Recommendation> recs = keda.hpaHistory().orElseThrow().recommendations();
    assertEquals(new Hpa.Recommendation(Ctx.T0.minusSeconds(45), 2), recs.get(0));
    assertEquals(5, recs.size());
  }
}
