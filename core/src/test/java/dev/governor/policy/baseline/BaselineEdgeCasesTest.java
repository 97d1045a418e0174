package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.baseline.Hpa.MetricResult;
import dev.governor.policy.baseline.Hpa.PodSample;
import dev.governor.policy.baseline.Hpa.RatePolicy;
import dev.governor.policy.baseline.Hpa.Recommendation;
import dev.governor.policy.baseline.Hpa.ScaleEvent;
import dev.governor.policy.baseline.Hpa.ScalingRules;
import dev.governor.policy.baseline.Hpa.SelectPolicy;
import dev.governor.policy.baseline.Hpa.Tolerance;
import dev.governor.policy.baseline.HpaController.History;
import dev.governor.policy.baseline.StepScaling.AdjustmentType;
import dev.governor.policy.baseline.StepScaling.StepAdjustment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rules that a mutation of the baselines (PIT, run by hand) changed without any other test noticing:
 * each case here pins one such rule, with the source it follows.
 */
class BaselineEdgeCasesTest {
  static final Instant NOW = Ctx.T0;
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private static MetricResult pods(int current, List<PodSample> s, double target) {
    return Hpa.podsAverageValue("qps", current, s, target, Tolerance.DEFAULT);
  }

  private static MetricResult wants(int replicas) {
    return new MetricResult("m", true, replicas, 0, 0, "");
  }

  // ---- Hpa.podsAverageValue: the recomputed ratio's tolerance and direction checks -----------

  @Test
  void aPendingPodAtZeroCanBringTheRatioInsideTheTolerance() {
    // calcPlainMetricReplicas: on a scale-up the pending pod counts 0 and the ratio is checked again:
    // (210 + 0) / 2 vs 100 = 1.05, within 10 % → keep 2 (without the rule ceil(2.1 × 1) = 3)
    MetricResult r = pods(2, List.of(PodSample.ready(210), PodSample.pending()), 100);
    assertEquals(2, r.replicas());
    // status reports the ready pods' average, not the recomputed one
    assertEquals(210, r.usage(), 1e-9);
    // TestReplicaCalcResourceScale "no scale: unready pods ignored", Pending for a Pods metric: 400 vs
    // 300 with 2 pending pods → the recomputed 0.44 would reverse the scale-up → keep 3 (not 2)
    assertEquals(3, pods(3, List.of(PodSample.ready(400), PodSample.pending(), PodSample.pending()), 300).replicas());
  }

  @Test
  void aMissingPodAtZeroCanBringTheRatioInsideTheToleranceOrReverseIt() {
    // missing counted as 0 on a scale-up: (210 + 0) / 2 = 105 → within tolerance → 2
    MetricResult r = pods(2, List.of(PodSample.ready(210), PodSample.missing()), 100);
    assertEquals(2, r.replicas());
    assertEquals(210, r.usage(), 1e-9);
    // a surge pod without a metric during a rolling update, 1 replica: 150 → (150 + 0) / 2 = 75 reverses → 1
    assertEquals(1, pods(1, List.of(PodSample.ready(150), PodSample.missing()), 100).replicas());
    // missing counted at the target on a scale-down, then ceil(0.75 × 2) = 2 stands
    MetricResult down = pods(3, List.of(PodSample.ready(50), PodSample.missing()), 100);
    assertEquals(2, down.replicas());
    assertEquals(50, down.usage(), 1e-9);
  }

  @Test
  void usageIsReportedOnEveryPath() {
    assertEquals(105, pods(2, List.of(PodSample.ready(100), PodSample.ready(110)), 100).usage(), 1e-9);
    assertEquals(300, pods(2, List.of(PodSample.ready(300), PodSample.missing()), 100).usage(), 1e-9);
  }

  // ---- several metrics ---------------------------------------------------------------------

  @Test
  void aFailedMetricBesideOneAtTheCurrentCountStillStabilizes() {
    // computeReplicasForMetrics blocks only when the valid ones would go *below* spec.replicas; at
    // exactly 5 it proceeds, and the legacy window's recommendation of 6 then scales to 6
    HpaController c = new HpaController(1, 10, null, FIVE_MINUTES,
        History.of(List.of(new Recommendation(NOW.minusSeconds(60), 6))));
    assertEquals(6, c.sync(NOW, 5, List.of(wants(5), MetricResult.invalid("x", "down"))).replicas());
  }

  // ---- behavior: conditions at equality, events, windows ------------------------------------

  @Test
  void limitingReasonsAtEquality() {
    // convertDesiredReplicasWithBehaviorRate: "ScaleUpLimit" only when maxReplicas > the rate limit
    Hpa.Limited l = Hpa.convertWithBehaviorRate(10, 50, 1, 20, List.of(), List.of(), Hpa.DEFAULT_SCALE_UP,
        Hpa.DEFAULT_SCALE_DOWN, NOW);
    assertEquals(20, l.replicas());
    assertEquals("TooManyReplicas", l.reason());
    // desired exactly at the limit is within range
    l = Hpa.convertWithBehaviorRate(10, 20, 1, 1000, List.of(), List.of(), Hpa.DEFAULT_SCALE_UP,
        Hpa.DEFAULT_SCALE_DOWN, NOW);
    assertEquals(20, l.replicas());
    assertEquals("DesiredWithinRange", l.reason());
    // "ScaleDownLimit" only when minReplicas < the rate limit
    ScalingRules pods5 = new ScalingRules(Duration.ZERO, SelectPolicy.MAX, List.of(RatePolicy.pods(5, 60)));
    l = Hpa.convertWithBehaviorRate(10, 0, 5, 100, List.of(), List.of(), Hpa.DEFAULT_SCALE_UP, pods5, NOW);
    assertEquals(5, l.replicas());
    assertEquals("TooFewReplicas", l.reason());
  }

  @Test
  void scaleDownEventsAreRecordedAndLimitTheNextSync() {
    // storeScaleEvent records replicas removed; the next sync in the same 60 s period may not remove more
    HpaConfig.Behavior b = new HpaConfig.Behavior(null,
        new ScalingRules(Duration.ZERO, SelectPolicy.MAX, List.of(RatePolicy.pods(1, 60))));
    HpaController c = new HpaController(1, 100, b, FIVE_MINUTES, History.empty());
    assertEquals(9, c.sync(NOW, 10, List.of(wants(2))).replicas());
    assertEquals(List.of(new ScaleEvent(NOW, 1)), c.history().orElseThrow().scaleDownEvents());
    assertEquals(9, c.sync(NOW.plusSeconds(15), 9, List.of(wants(2))).replicas());
    assertEquals(8, c.sync(NOW.plusSeconds(61), 9, List.of(wants(2))).replicas());
  }

  @Test
  void aScaleUpWithoutAStabilizationWindowHasNone() {
    // GenerateHPAScaleUpRules: an unset scale-up window is 0 s
    HpaConfig.Behavior b = new HpaConfig.Behavior(
        new ScalingRules(null, SelectPolicy.MAX, List.of(RatePolicy.pods(4, 15))), null);
    HpaController c = new HpaController(1, 100, b, FIVE_MINUTES,
        History.of(List.of(new Recommendation(NOW.minusSeconds(10), 2))));
    assertEquals(6, c.sync(NOW, 2, List.of(wants(10))).replicas());
  }

  @Test
  void theLongerWindowKeepsItsRecommendations() {
    // stabilizeRecommendationWithBehaviors replaces a sample only when it is older than both windows,
    // and of those the last one in the log
    HpaConfig.Behavior shortUp = new HpaConfig.Behavior(
        new ScalingRules(Duration.ofSeconds(60), SelectPolicy.MAX, List.of(RatePolicy.pods(4, 15))),
        new ScalingRules(Duration.ofSeconds(300), SelectPolicy.MAX, List.of(RatePolicy.percent(100, 15))));
    HpaController c = new HpaController(1, 100, shortUp, FIVE_MINUTES, History.of(List.of(
        new Recommendation(NOW.minusSeconds(400), 8), new Recommendation(NOW.minusSeconds(200), 7))));
    c.sync(NOW, 5, List.of(wants(5)));
    assertEquals(List.of(new Recommendation(NOW, 5), new Recommendation(NOW.minusSeconds(200), 7)),
        c.history().orElseThrow().recommendations());
    // a 600 s scale-up window outlasts the 300 s scale-down one: a 400 s old sample is kept and counts
    HpaConfig.Behavior longUp = new HpaConfig.Behavior(
        new ScalingRules(Duration.ofSeconds(600), SelectPolicy.MAX, List.of(RatePolicy.pods(4, 15))),
        new ScalingRules(Duration.ofSeconds(300), SelectPolicy.MAX, List.of(RatePolicy.percent(100, 15))));
    HpaController d = new HpaController(1, 100, longUp, FIVE_MINUTES,
        History.of(List.of(new Recommendation(NOW.minusSeconds(400), 3))));
    assertEquals(3, d.sync(NOW, 3, List.of(wants(9))).replicas());
    assertEquals(List.of(new Recommendation(NOW.minusSeconds(400), 3), new Recommendation(NOW, 9)),
        d.history().orElseThrow().recommendations());
  }

  // ---- HpaPolicy: pods from the fleet, signals ---------------------------------------------

  @Test
  void podsRemovedWithinATickGoPendingFirstThenNotReady() {
    // a ReplicaSet deletes pending pods before not-ready ones before ready ones
    Ctx ctx = Ctx.atMinute(0).running(2).runningSince(1, Ctx.T0.minusSeconds(10)).pending(2);
    List<PodSample> pods = HpaPolicy.pods(ctx.build(), 2, 5, Duration.ofSeconds(60), i -> 1);
    assertEquals(List.of(PodSample.ready(1), PodSample.ready(1)), pods);
    List<PodSample> three = HpaPolicy.pods(ctx.build(), 3, 5, Duration.ofSeconds(60), i -> 1);
    assertEquals(List.of(PodSample.ready(1), PodSample.ready(1), PodSample.notReady(1)), three);
  }

  @Test
  void anInstanceIsReadyExactlyOneReadinessDelayAfterLaunch() {
    Ctx ctx = Ctx.atMinute(0).runningSince(1, Ctx.T0.minusSeconds(60));
    assertEquals(List.of(PodSample.ready(0)), HpaPolicy.pods(ctx.build(), 1, 1, Duration.ofSeconds(60), i -> 0));
    assertEquals(List.of(PodSample.notReady(0)), HpaPolicy.pods(ctx.build(), 1, 1, Duration.ofSeconds(61), i -> 0));
  }

  @Test
  void requiredSignalsAreTheExternalMetricsSignals() {
    HpaPolicy hpa = new HpaPolicy(HpaConfig.custom()
        .metric(new HpaMetric.External("q", List.of("queue.a.visible", "queue.b.visible"), HpaMetric.TargetType.VALUE, 5))
        .metric(new HpaMetric.Pods("busy", HpaMetric.PodSource.BUSY_SLOTS, 1)).build());
    assertEquals(Set.of("queue.a.visible", "queue.b.visible"), hpa.requiredSignals(List.of(Ctx.UPLOADS)));
  }

  // ---- KEDA --------------------------------------------------------------------------------

  @Test
  void initialCooldownCountsFromTheFirstTick() {
    // scaleToZeroOrIdle with no LastActiveTime: the ScaledObject's creation (its first tick here) plus
    // initialCooldownPeriod must have passed
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().initialCooldownPeriod(Duration.ofSeconds(600))
        .build());
    assertEquals(2, keda.propose(Ctx.atMinute(0).running(2).visible(0).inflight(0).build()).desired());
    for (int m = 5; m <= 10; m += 5) {
      assertTrue(keda.propose(Ctx.atMinute(m).running(1).visible(0).inflight(0).build()).desired() > 0, "minute " + m);
    }
    assertEquals(0, keda.propose(Ctx.atMinute(11).running(1).visible(0).inflight(0).build()).desired());
  }

  @Test
  void theHpaSyncsAreStampedAtFifteenSecondSteps() {
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().build());
    keda.propose(Ctx.atMinute(0).running(2).visible(10).inflight(0).build());
    List<Instant> at = new ArrayList<>();
    keda.hpaHistory().orElseThrow().recommendations().forEach(r -> at.add(r.at()));
    Instant t = Ctx.T0;
    assertEquals(List.of(t.minusSeconds(45), t.minusSeconds(45), t.minusSeconds(30), t.minusSeconds(15), t), at);
  }

  @Test
  void fallbackStartsAtTheFailureAfterTheThresholdAndOnlyForAverageValue() {
    // fallback.go: the metric is replaced once failures exceed failureThreshold (here at the 4th sync)
    KedaSqsPolicy keda = new KedaSqsPolicy(KedaSqsConfig.custom().minReplicaCount(1)
        .fallback(new KedaSqsConfig.Fallback(3, 6, KedaSqs.FallbackBehavior.STATIC)).build());
    keda.propose(Ctx.atMinute(0).running(3).visible(15).inflight(0).build());
    Proposal p = keda.propose(Ctx.atMinute(1).running(3).build());
    for (Reason r : p.reasons()) {
      if (r.source().endsWith(".hpa.sync3/4")) {
        assertFalse(r.message().contains("fallback"), r.message());
      }
    }
    assertTrue(p.reasons().stream().anyMatch(r -> r.source().endsWith(".hpa.sync4/4")
        && r.message().contains("fallback STATIC")), p.reasons().toString());
    // KEDA rejects a fallback with a Value metricType: the failing trigger just fails, capacity holds
    KedaSqsPolicy value = new KedaSqsPolicy(KedaSqsConfig.custom().minReplicaCount(1)
        .metricType(HpaMetric.TargetType.VALUE)
        .fallback(new KedaSqsConfig.Fallback(0, 6, KedaSqs.FallbackBehavior.STATIC)).build());
    value.propose(Ctx.atMinute(0).running(3).visible(15).inflight(0).build());
    assertEquals(3, value.propose(Ctx.atMinute(1).running(3).build()).desired());
  }

  // ---- AWS ---------------------------------------------------------------------------------

  @Test
  void targetTrackingCanScaleInToZero() {
    // every voting policy wants 0 (queue empty, minimum 0): the group goes to 0
    TargetTracking.Recommendation zero = new TargetTracking.Recommendation(0, TargetTracking.Direction.IN, "");
    assertEquals(0, TargetTracking.combine(3, List.of(zero), List.of(false)));
  }

  @Test
  void exactCapacityZeroScalesAStepPolicyToZero() {
    // ExactCapacity sets the capacity, 0 included ("adjustment 0" is a no-op only for the other types)
    List<StepAdjustment> toZero = List.of(StepAdjustment.of(null, 0.0, 0));
    StepScaling.Result r = StepScaling.stepScaling(new StepScaling.StepInputs(AdjustmentType.EXACT_CAPACITY, toZero,
        null, 0, 0, 5, 5, false, 0, 10));
    assertEquals(0, r.desired());
    StepScalingPolicy p = new StepScalingPolicy(StepScalingConfig.custom().minCapacity(0).maxCapacity(10)
        .metric(QueueMetric.queueDepth())
        .policy(StepScalingConfig.Policy.step("idle", Alarm.below(0, 1, 1), AdjustmentType.EXACT_CAPACITY, null, toZero))
        .build());
    assertEquals(0, p.propose(Ctx.atMinute(0).running(5).visible(0).build()).desired());
  }

  @Test
  void exactCapacityAboveTheWarmedCapacityIsAScaleOutEvenWhileInstancesWarm() {
    // ExactCapacity 8 with 5 warmed and 1 warming (desired 6): a scale-out to 8, not a scale-in held back
    // by the warming instance
    StepScaling.Result r = StepScaling.stepScaling(new StepScaling.StepInputs(AdjustmentType.EXACT_CAPACITY,
        List.of(StepAdjustment.of(0.0, null, 8)), null, 60, 50, 6, 5, true, 0, 100));
    assertEquals(8, r.desired());
  }

  @Test
  void alarmComparisonsAtExactlyTheThreshold() {
    // CloudWatch ComparisonOperator: only the "OrEqualTo" operators breach at the threshold itself
    List<Double> at = List.of(100.0);
    assertEquals(Alarm.State.ALARM, new Alarm(100, Alarm.Comparison.GREATER_THAN_OR_EQUAL, 1, 1).evaluate(at));
    assertEquals(Alarm.State.OK, new Alarm(100, Alarm.Comparison.GREATER_THAN, 1, 1).evaluate(at));
    assertEquals(Alarm.State.OK, new Alarm(100, Alarm.Comparison.LESS_THAN, 1, 1).evaluate(at));
    assertEquals(Alarm.State.ALARM, new Alarm(100, Alarm.Comparison.LESS_THAN_OR_EQUAL, 1, 1).evaluate(at));
  }

  @Test
  void anInstanceIsWarmedExactlyOneWarmupAfterLaunch() {
    Instance i = Instance.launched("i-1", Ctx.TYPE, InstanceState.RUNNING, NOW.minusSeconds(300));
    assertEquals(1, Warmup.warmedCapacity(Fleet.of(List.of(i)), NOW, Duration.ofSeconds(300)));
    assertEquals(0, Warmup.warmedCapacity(Fleet.of(List.of(i)), NOW, Duration.ofSeconds(301)));
    assertEquals(1, Warmup.warming(Fleet.of(List.of(i)), NOW, Duration.ofSeconds(301)));
  }
}
