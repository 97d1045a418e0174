package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.Proposal;
import dev.governor.policy.baseline.Hpa.MetricResult;
import dev.governor.policy.baseline.Hpa.PodSample;
import dev.governor.policy.baseline.Hpa.RatePolicy;
import dev.governor.policy.baseline.Hpa.Recommendation;
import dev.governor.policy.baseline.Hpa.ScaleEvent;
import dev.governor.policy.baseline.Hpa.ScalingRules;
import dev.governor.policy.baseline.Hpa.SelectPolicy;
import dev.governor.policy.baseline.Hpa.Tolerance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpaTest {
  static final Instant NOW = Ctx.T0;

  private static List<PodSample> ready(double... values) {
    List<PodSample> l = new ArrayList<>();
    for (double v : values) {
      l.add(PodSample.ready(v));
    }
    return l;
  }

  private static int pods(int current, List<PodSample> samples, double target) {
    MetricResult r = Hpa.podsAverageValue("m", current, samples, target, Tolerance.DEFAULT);
    assertTrue(r.valid(), r.detail());
    return r.replicas();
  }

  @Test
  void docExampleDoublesAndHalves() {
    // current 200m, desired 100m → doubled; 50m → halved
    assertEquals(8, pods(4, ready(0.2, 0.2, 0.2, 0.2), 0.1));
    assertEquals(2, pods(4, ready(0.05, 0.05, 0.05, 0.05), 0.1));
  }

  @Test
  void toleranceOfTenPercent() {
    assertEquals(10, pods(10, ready(1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1), 1.0)); // ratio 1.1 → within
    assertEquals(12, pods(10, ready(1.11, 1.11, 1.11, 1.11, 1.11, 1.11, 1.11, 1.11, 1.11, 1.11), 1.0));
    assertEquals(10, pods(10, ready(0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9), 1.0));
    assertTrue(new Tolerance(0.0, 0.5).isWithin(0.6));
    assertFalse(new Tolerance(0.0, 0.5).isWithin(1.01));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tolerance(0.1, 1.5));
    assertEquals("tolerance.scaleDown must be in [0, 1), but was 1.5", e.getMessage());
  }

  @Test
  void missingMetricsCountAsTargetOnScaleDown() {
    List<PodSample> s = ready(50, 50, 50);
    s.add(PodSample.missing());
    // without the rule ceil(0.5 × 3) = 2; with the missing pod at 100: avg 62.5 → ceil(0.625 × 4) = 3
    assertEquals(3, pods(4, s, 100));
  }

  @Test
  void missingMetricsCountAsZeroOnScaleUp() {
    List<PodSample> s = ready(200, 200);
    s.add(PodSample.missing());
    // avg (200 + 200 + 0) / 3 = 133 → ceil(1.333 × 3) = 4
    assertEquals(4, pods(3, s, 100));
  }

  @Test
  void notReadyPodsCountAsZeroOnScaleUp() {
    List<PodSample> s = ready(200, 200);
    s.add(PodSample.pending());
    s.add(PodSample.pending());
    // avg (200 + 200 + 0 + 0) / 4 = 100 → within tolerance → no change
    assertEquals(4, pods(4, s, 100));
    List<PodSample> down = ready(50, 50);
    down.add(PodSample.pending());
    // on a scale-down not-ready pods are ignored: ceil(0.5 × 2) = 1
    assertEquals(1, pods(3, down, 100));
  }

  @Test
  void noChangeWhenTheRecomputedRatioFlipsDirection() {
    List<PodSample> s = ready(120);
    s.add(PodSample.missing());
    s.add(PodSample.missing());
    // ratio 1.2 (up), with missing at 0: 40 → 0.4 (down) → keep 3
    assertEquals(3, pods(3, s, 100));
  }

  @Test
  void noMetricsIsAnError() {
    List<PodSample> s = List.of(PodSample.missing(), PodSample.pending());
    assertFalse(Hpa.podsAverageValue("m", 2, s, 100, Tolerance.DEFAULT).valid());
  }

  @Test
  void externalAverageValueIsTotalOverTarget() {
    // 1,500 messages, 100 per replica, 10 replicas → 15
    assertEquals(15, Hpa.externalAverageValue("q", 10, 1500, 100, Tolerance.DEFAULT).replicas());
    // 1,050 over 10 × 100: ratio 1.05 within tolerance
    assertEquals(10, Hpa.externalAverageValue("q", 10, 1050, 100, Tolerance.DEFAULT).replicas());
    assertEquals(0, Hpa.externalAverageValue("q", 3, 0, 5, Tolerance.DEFAULT).replicas());
  }

  @Test
  void externalValueScalesReadyPods() {
    assertEquals(6, Hpa.externalValue("q", 4, 3, 200, 100, Tolerance.DEFAULT).replicas());
    assertEquals(2, Hpa.externalValue("q", 0, 0, 150, 100, Tolerance.DEFAULT).replicas());
  }

  @Test
  void severalMetricsTakeTheLargestButAFailedMetricBlocksScaleDown() {
    MetricResult a = new MetricResult("a", true, 7, 0, 0, "");
    MetricResult b = new MetricResult("b", true, 3, 0, 0, "");
    MetricResult bad = MetricResult.invalid("c", "unavailable");
    assertEquals(7, Hpa.maxOfMetrics(5, List.of(a, b)));
    assertEquals(7, Hpa.maxOfMetrics(5, List.of(a, bad)));
    assertEquals(-1, Hpa.maxOfMetrics(5, List.of(b, bad)));
    assertEquals(-1, Hpa.maxOfMetrics(5, List.of(bad)));
  }

  @Test
  void defaultScaleUpIsFourPodsOrDoubleEveryFifteenSeconds() {
    assertEquals(5, Hpa.scaleUpLimit(1, List.of(), List.of(), Hpa.DEFAULT_SCALE_UP, NOW));
    assertEquals(20, Hpa.scaleUpLimit(10, List.of(), List.of(), Hpa.DEFAULT_SCALE_UP, NOW));
    // 4 added 10 s ago: the period started at 6 → max(6 + 4, 12) = 12
    List<ScaleEvent> up = List.of(new ScaleEvent(NOW.minusSeconds(10), 4));
    assertEquals(12, Hpa.scaleUpLimit(10, up, List.of(), Hpa.DEFAULT_SCALE_UP, NOW));
    // an event exactly one period old no longer counts
    List<ScaleEvent> old = List.of(new ScaleEvent(NOW.minusSeconds(15), 4));
    assertEquals(20, Hpa.scaleUpLimit(10, old, List.of(), Hpa.DEFAULT_SCALE_UP, NOW));
  }

  @Test
  void defaultScaleDownIsAllPodsEveryFifteenSeconds() {
    assertEquals(0, Hpa.scaleDownLimit(10, List.of(), List.of(), Hpa.DEFAULT_SCALE_DOWN, NOW));
  }

  @Test
  void docScaleDownPolicyExample() {
    // Pods 4 / 60 s and Percent 10 / 60 s, selectPolicy Max: 80 → 72 → 64; at 40 and below, 4 at a time
    ScalingRules down = new ScalingRules(Duration.ZERO, SelectPolicy.MAX, List.of(RatePolicy.pods(4, 60),
        RatePolicy.percent(10, 60)));
    assertEquals(72, limitDown(80, 10, down));
    assertEquals(64, limitDown(72, 10, down));
    assertEquals(36, limitDown(40, 10, down));
    ScalingRules min = new ScalingRules(Duration.ZERO, SelectPolicy.MIN, down.policies());
    assertEquals(76, limitDown(80, 10, min));
    ScalingRules disabled = new ScalingRules(Duration.ZERO, SelectPolicy.DISABLED, down.policies());
    assertEquals(80, limitDown(80, 10, disabled));
  }

  private static int limitDown(int current, int desired, ScalingRules down) {
    return Hpa.convertWithBehaviorRate(current, desired, 1, 100, List.of(), List.of(), Hpa.DEFAULT_SCALE_UP, down, NOW)
        .replicas();
  }

  @Test
  void scaleDownWithinAPeriodCountsEarlierRemovals() {
    ScalingRules down = new ScalingRules(Duration.ZERO, SelectPolicy.MAX, List.of(RatePolicy.pods(4, 60)));
    List<ScaleEvent> removed = List.of(new ScaleEvent(NOW.minusSeconds(30), 4));
    // the period started at 14; 14 − 4 = 10 = current: nothing more this minute
    assertEquals(10, Hpa.convertWithBehaviorRate(10, 1, 1, 100, List.of(), removed, Hpa.DEFAULT_SCALE_UP, down, NOW)
        .replicas());
  }

  @Test
  void stabilizationWindows() {
    List<Recommendation> recs = List.of(new Recommendation(NOW.minusSeconds(200), 10),
        new Recommendation(NOW.minusSeconds(100), 7));
    // scale-down: highest of the 300 s window
    assertEquals(10, Hpa.stabilizeWithBehavior(10, 5, recs, NOW, Duration.ZERO, Duration.ofSeconds(300)));
    assertEquals(7, Hpa.stabilizeWithBehavior(10, 5, recs, NOW, Duration.ZERO, Duration.ofSeconds(150)));
    // scale-up with a 300 s window: lowest recommendation
    assertEquals(7, Hpa.stabilizeWithBehavior(5, 12, recs, NOW, Duration.ofSeconds(300), Duration.ofSeconds(300)));
    // default: scale-up window 0 s, immediate
    assertEquals(12, Hpa.stabilizeWithBehavior(5, 12, recs, NOW, Duration.ZERO, Duration.ofSeconds(300)));
  }

  @Test
  void legacyBehaviourWithoutBehaviorStanza() {
    assertEquals(4, Hpa.convertWithRules(1, 100, 1, 50)); // max(2 × 1, 4)
    assertEquals(20, Hpa.convertWithRules(10, 100, 1, 50));
    assertEquals(50, Hpa.convertWithRules(30, 100, 1, 50));
    assertEquals(2, Hpa.convertWithRules(10, 0, 2, 50));
    List<Recommendation> recs = List.of(new Recommendation(NOW.minusSeconds(290), 9));
    assertEquals(9, Hpa.stabilizeLegacy(3, recs, NOW, Duration.ofMinutes(5)));
    assertEquals(3, Hpa.stabilizeLegacy(3, recs, NOW.plusSeconds(20), Duration.ofMinutes(5)));
  }

  @Test
  void zeroReplicasWithMinAboveZeroDisablesScaling() {
    HpaController c = new HpaController(1, 10, null, Duration.ofMinutes(5));
    assertEquals(0, c.sync(NOW, 0, List.of(new MetricResult("q", true, 5, 0, 0, ""))).replicas());
  }

  @Test
  void outsideMinMaxIsCorrectedFirst() {
    HpaController c = new HpaController(2, 10, null, Duration.ofMinutes(5));
    assertEquals(10, c.sync(NOW, 12, List.of()).replicas());
    assertEquals(2, c.sync(NOW, 1, List.of()).replicas());
  }

  private static HpaPolicy queueHpa(HpaConfig.Behavior behavior) {
    return new HpaPolicy(HpaConfig.custom().minReplicas(1).maxReplicas(1000).behavior(behavior)
        .metric(new HpaMetric.External("sqs", List.of("queue.uploads.visible"), HpaMetric.TargetType.AVERAGE_VALUE, 5))
        .build());
  }

  @Test
  void fourSyncsPerMinuteWithDefaultBehavior() {
    Proposal p = queueHpa(HpaConfig.Behavior.defaults()).propose(Ctx.atMinute(0).running(1).visible(1000).build());
    // 1 → 5 → 10 → 20 → 40 (max of +4 pods and +100 % per 15 s)
    assertEquals(40, p.desired());
    assertEquals(4, HpaPolicy.syncsPerTick(Duration.ofSeconds(60), Duration.ofSeconds(15)));
  }

  @Test
  void fourSyncsPerMinuteLegacy() {
    Proposal p = queueHpa(null).propose(Ctx.atMinute(0).running(1).visible(1000).build());
    // 1 → 4 → 8 → 16 → 32 (max(2 × current, 4) per sync)
    assertEquals(32, p.desired());
  }

  @Test
  void scaleDownWaitsForTheFiveMinuteWindow() {
    HpaPolicy hpa = queueHpa(HpaConfig.Behavior.defaults());
    assertEquals(10, hpa.propose(Ctx.atMinute(0).running(10).visible(50).build()).desired());
    for (int m = 1; m <= 4; m++) {
      assertEquals(10, hpa.propose(Ctx.atMinute(m).running(10).visible(5).build()).desired(), "minute " + m);
    }
    // the recommendation of 10 made at 00:00 is older than 300 s during minute 5's last syncs
    assertEquals(1, hpa.propose(Ctx.atMinute(6).running(10).visible(5).build()).desired());
  }

  @Test
  void podsMetricFromBusySlots() {
    HpaPolicy hpa = new HpaPolicy(HpaConfig.custom().minReplicas(1).maxReplicas(100).syncPeriod(Duration.ofSeconds(60))
        .metric(new HpaMetric.Pods("busy", HpaMetric.PodSource.BUSY_SLOTS, 0.5)).build());
    // 4 instances with busy slots 1,1,1,1: average 1 vs 0.5 → 8
    Proposal p = hpa.propose(Ctx.atMinute(0).runningBusy(1, 1, 1, 1).build());
    assertEquals(8, p.desired());
  }

  @Test
  void configValidation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HpaConfig.custom().minReplicas(5)
        .maxReplicas(2).metric(new HpaMetric.Pods("p", HpaMetric.PodSource.BUSY_SLOTS, 1)).build());
    assertEquals("maxReplicas must be >= minReplicas (5), but was 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RatePolicy.pods(4, 3600));
    assertEquals("periodSeconds must be <= 1800, but was 3600", e.getMessage());
  }
}
