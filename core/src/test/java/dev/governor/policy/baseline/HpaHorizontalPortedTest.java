package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.baseline.Hpa.MetricResult;
import dev.governor.policy.baseline.Hpa.PodSample;
import dev.governor.policy.baseline.Hpa.RatePolicy;
import dev.governor.policy.baseline.Hpa.Recommendation;
import dev.governor.policy.baseline.Hpa.ScaleEvent;
import dev.governor.policy.baseline.Hpa.ScalingRules;
import dev.governor.policy.baseline.Hpa.SelectPolicy;
import dev.governor.policy.baseline.Hpa.Tolerance;
import dev.governor.policy.baseline.HpaController.History;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases ported from Kubernetes' own suite, {@code kubernetes/kubernetes}
 * {@code pkg/controller/podautoscaler/horizontal_test.go} (each test names its Go test), and the
 * exact cut-offs of {@code horizontal.go}. The Go tests stamp their fixtures relative to
 * {@code time.Now()}; here they are relative to a fixed instant.
 */
class HpaHorizontalPortedTest {
  static final Instant NOW = Ctx.T0;
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private static Recommendation rec(int replicas, long secondsAgo) {
    return new Recommendation(NOW.minusSeconds(secondsAgo), replicas);
  }

  private static ScaleEvent event(int change, long secondsAgo) {
    return new ScaleEvent(NOW.minusSeconds(secondsAgo), change);
  }

  /** horizontal_test.go generateScalingRules with selectPolicy Max (0 leaves a policy out). */
  private static ScalingRules rules(int pods, long podsPeriod, int percent, long percentPeriod, long window) {
    List<RatePolicy> p = new ArrayList<>();
    if (pods != 0) {
      p.add(RatePolicy.pods(pods, podsPeriod));
    }
    if (percent != 0) {
      p.add(RatePolicy.percent(percent, percentPeriod));
    }
    return new ScalingRules(Duration.ofSeconds(window), SelectPolicy.MAX, p);
  }

  /** The Pods metric of TestScaleDownCM: 5 pods at 12 vs an AverageValue of 20 → 3. */
  private static List<MetricResult> fivePodsWantThree() {
    List<PodSample> s = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      s.add(PodSample.ready(12));
    }
    MetricResult m = Hpa.podsAverageValue("qps", 5, s, 20, Tolerance.DEFAULT);
    assertEquals(3, m.replicas());
    return List.of(m);
  }

  // ---- the initial recommendation and seeded history ----------------------------------------

  @Test
  void aFreshControllerHoldsItsStartingReplicasForTheWindow() {
    // TestScaleDownStabilizeInitialSize (recommendations nil): the first sync records the current 5 as
    // a recommendation (recordInitialRecommendation), so the scale-down to 3 is stabilized at 5
    HpaController fresh = new HpaController(2, 6, null, FIVE_MINUTES);
    assertTrue(fresh.history().isEmpty());
    assertEquals(5, fresh.sync(NOW, 5, fivePodsWantThree()).replicas());
    assertEquals(List.of(rec(5, 0), rec(3, 0)), fresh.history().orElseThrow().recommendations());
    // ... until that recommendation is older than the window
    assertEquals(5, fresh.sync(NOW.plusSeconds(300), 5, fivePodsWantThree()).replicas());
    assertEquals(3, fresh.sync(NOW.plusSeconds(301), 5, fivePodsWantThree()).replicas());
  }

  @Test
  void aControllerSeededWithAnEmptyHistoryScalesAtOnce() {
    // TestScaleDownCM (recommendations []timestampedRecommendation{}): the entry exists, so no initial
    // recommendation: 5 → 3
    HpaController seeded = new HpaController(2, 6, null, FIVE_MINUTES, History.empty());
    assertEquals(History.empty(), seeded.history().orElseThrow());
    assertEquals(3, seeded.sync(NOW, 5, fivePodsWantThree()).replicas());
    assertEquals(List.of(rec(3, 0)), seeded.history().orElseThrow().recommendations());
    // and from a given history: a recommendation of 6 four minutes ago holds the scale-down at 6 → max 6
    HpaController given = new HpaController(2, 6, null, FIVE_MINUTES, History.of(List.of(rec(6, 240))));
    assertEquals(6, given.sync(NOW, 5, fivePodsWantThree()).replicas());
  }

  @Test
  void thePolicyStartsFromNoHistoryOrAGivenOne() {
    HpaConfig cfg = HpaConfig.custom().minReplicas(1).maxReplicas(100)
        .metric(new HpaMetric.External("sqs", List.of("queue.uploads.visible"), HpaMetric.TargetType.AVERAGE_VALUE, 5))
        .build();
    // 10 running, 10 messages at 5 per replica: the metrics want 2
    HpaPolicy fresh = new HpaPolicy(cfg);
    assertTrue(fresh.history().isEmpty());
    assertEquals(10, fresh.propose(Ctx.atMinute(0).running(10).visible(10).build()).desired());
    assertEquals(new Recommendation(Ctx.T0.minusSeconds(45), 10),
        fresh.history().orElseThrow().recommendations().get(0));
    HpaPolicy seeded = new HpaPolicy(cfg, History.empty());
    assertEquals(2, seeded.propose(Ctx.atMinute(0).running(10).visible(10).build()).desired());
  }

  // ---- legacy normalisation (no behavior): the 5-minute window ------------------------------

  @Test
  void legacyStabilizationAsTestNormalizeDesiredReplicas() {
    // TestNormalizeDesiredReplicas: window 5 min; {name, log, prenormalized, stabilized, log length}
    check(List.of(), 5, 5, 1); // "empty log"
    check(List.of(rec(4, 120), rec(5, 60)), 3, 5, 3); // "stabilize"
    check(List.of(rec(1, 120), rec(2, 60)), 3, 3, 3); // "no stabilize"
    check(List.of(rec(10, 600), rec(9, 540)), 3, 3, 2); // "no stabilize - old recommendations"
    check(List.of(rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)), 3, 5, 4); // "stabilize - old recommendations"
  }

  private static void check(List<Recommendation> log, int prenormalized, int stabilized, int logLength) {
    HpaController c = new HpaController(1, 1000, null, FIVE_MINUTES, History.of(log));
    MetricResult m = new MetricResult("m", true, prenormalized, 0, 0, "");
    // current = the stabilized value, so the legacy rate limit max(2 × current, 4) does not interfere
    assertEquals(stabilized, c.sync(NOW, stabilized, List.of(m)).replicas(), log.toString());
    List<Recommendation> after = c.history().orElseThrow().recommendations();
    assertEquals(logLength, after.size(), after.toString());
    assertTrue(after.contains(new Recommendation(NOW, prenormalized)), after.toString());
  }

  @Test
  void legacyWindowIncludesARecommendationExactlyFiveMinutesOld() {
    // horizontal.go stabilizeRecommendation: a recommendation is old when timestamp.Before(now − window),
    // so one exactly 300 s old still counts, one 300 s + 1 ns old does not
    assertEquals(9, Hpa.stabilizeLegacy(3, List.of(rec(9, 300)), NOW, FIVE_MINUTES));
    assertEquals(3, Hpa.stabilizeLegacy(3, List.of(new Recommendation(NOW.minusSeconds(300).minusNanos(1), 9)), NOW,
        FIVE_MINUTES));
  }

  @Test
  void legacyRateLimitAsTestConvertDesiredReplicasWithRules() {
    // TestConvertDesiredReplicasWithRules
    assertEquals(7, Hpa.convertWithRules(5, 7, 3, 8)); // within range
    assertEquals(2, Hpa.convertWithRules(3, 1, 2, 8)); // < minReplicas
    assertEquals(0, Hpa.convertWithRules(1, 0, 0, 10)); // zeroed replicas within range
    assertEquals(10, Hpa.convertWithRules(20, 1000, 1, 10)); // maxReplicas < scaleUpLimit
    assertEquals(6, Hpa.convertWithRules(3, 1000, 1, 2000)); // scaleUpLimit = max(2 × 3, 4)
  }

  // ---- behavior: stabilization windows and their cut-offs -----------------------------------

  @Test
  void behaviorWindowsExcludeARecommendationExactlyAtTheirEdge() {
    // horizontal.go stabilizeRecommendationWithBehaviors counts rec.timestamp.After(now − window): one
    // exactly the window old is out (unlike the legacy window), one a nanosecond younger is in
    Duration w = Duration.ofSeconds(300);
    assertEquals(5, Hpa.stabilizeWithBehavior(10, 5, List.of(rec(9, 300)), NOW, Duration.ZERO, w));
    assertEquals(9, Hpa.stabilizeWithBehavior(10, 5,
        List.of(new Recommendation(NOW.minusSeconds(300).plusNanos(1), 9)), NOW, Duration.ZERO, w));
    // scale-up window: the lowest recommendation inside it
    assertEquals(12, Hpa.stabilizeWithBehavior(5, 12, List.of(rec(6, 60)), NOW, Duration.ofSeconds(60), w));
    assertEquals(6, Hpa.stabilizeWithBehavior(5, 12, List.of(rec(6, 59)), NOW, Duration.ofSeconds(60), w));
  }

  @Test
  void behaviorReusesOnlyRecommendationsOutsideBothWindows() {
    // stabilizeRecommendationWithBehaviors: a sample is replaced only when Before both cut-offs
    HpaConfig.Behavior b = new HpaConfig.Behavior(rules(4, 15, 100, 15, 60), rules(0, 0, 100, 15, 300));
    HpaController c = new HpaController(1, 100, b, FIVE_MINUTES,
        History.of(List.of(rec(7, 200), rec(8, 400))));
    c.sync(NOW, 5, List.of(new MetricResult("m", true, 5, 0, 0, "")));
    assertEquals(List.of(rec(7, 200), rec(5, 0)), c.history().orElseThrow().recommendations());
  }

  // ---- behavior: rate policies and scale events (TestScalingWithRules) ----------------------

  private static Hpa.Limited convert(int current, int desired, int min, int max, List<ScaleEvent> up,
      List<ScaleEvent> down, ScalingRules upRules, ScalingRules downRules) {
    return Hpa.convertWithBehaviorRate(current, desired, min, max, up, down,
        upRules == null ? Hpa.DEFAULT_SCALE_UP : upRules,
        downRules == null ? Hpa.DEFAULT_SCALE_DOWN : downRules, NOW);
  }

  private static void limited(int replicas, String reason, Hpa.Limited l) {
    assertEquals(replicas, l.replicas());
    assertEquals(reason, l.reason());
  }

  @Test
  void rulesWithoutEvents() {
    // TestScalingWithRules, one assertion per named case
    limited(7, "DesiredWithinRange", convert(5, 7, 3, 8, List.of(), List.of(), null, null));
    limited(2, "TooFewReplicas", convert(3, 1, 2, 8, List.of(), List.of(), null, null));
    limited(0, "DesiredWithinRange", convert(1, 0, 0, 10, List.of(), List.of(), null, null));
    limited(10, "TooManyReplicas", convert(20, 1000, 1, 10, List.of(), List.of(), null, null));
    limited(150, "TooManyReplicas", convert(100, 1000, 100, 150, List.of(), List.of(), null, null));
    // "scaleUpLimit is the limit … with user policies": 1 % of 3 rounds up to 1 → 4
    limited(4, "ScaleUpLimit", convert(3, 1000, 1, 2000, List.of(), List.of(), rules(0, 0, 1, 60, 0), null));
    limited(20, "ScaleUpLimit", convert(10, 50, 1, 1000, List.of(), List.of(), null, null)); // default behavior
    limited(110, "ScaleUpLimit", convert(10, 500, 1, 1000, List.of(), List.of(), rules(100, 60, 100, 60, 0), null));
    limited(20, "ScaleUpLimit", convert(10, 500, 1, 1000, List.of(), List.of(), rules(2, 60, 100, 60, 0), null));
    limited(50, "DesiredWithinRange", convert(10, 50, 1, 1000, List.of(), List.of(), rules(100, 60, 0, 0, 0), null));
    limited(40, "ScaleUpLimit", convert(10, 50, 1, 1000, List.of(), List.of(), rules(30, 60, 0, 0, 0), null));
    limited(30, "ScaleUpLimit", convert(10, 50, 1, 1000, List.of(), List.of(), rules(0, 0, 200, 60, 0), null));
    limited(80, "ScaleDownLimit", convert(100, 2, 1, 1000, List.of(), List.of(), null, rules(20, 60, 1, 60, 300)));
    limited(98, "ScaleDownLimit", convert(100, 2, 1, 1000, List.of(), List.of(), null, rules(2, 60, 1, 60, 300)));
    limited(1, "TooFewReplicas", convert(10, 0, 1, 1000, List.of(), List.of(), null, rules(100, 60, 0, 0, 300)));
    limited(5, "TooFewReplicas", convert(10, 2, 5, 1000, List.of(), List.of(), null, rules(0, 0, 100, 60, 300)));
    limited(5, "ScaleDownLimit", convert(10, 2, 1, 1000, List.of(), List.of(), null, rules(5, 60, 0, 0, 300)));
    limited(5, "DesiredWithinRange", convert(10, 5, 1, 1000, List.of(), List.of(), null, rules(0, 0, 50, 60, 300)));
  }

  /** generateEventsUniformDistribution([1, 5, 9], 120): at 100 s, 60 s and 20 s ago. */
  private static List<ScaleEvent> oneFiveNine() {
    return List.of(event(1, 100), event(5, 60), event(9, 20));
  }

  @Test
  void rulesWithPreviousEvents() {
    // TestScalingWithRules, the cases with scale events spread over the last 120 s
    limited(200, "TooManyReplicas", convert(100, 500, 1, 200, oneFiveNine(), List.of(), rules(300, 60, 0, 0, 0), null));
    // "a lot of recent scale up events": 100 − 15 + 5 < 100, so no further scale-up
    limited(100, "ScaleUpLimit", convert(100, 500, 1, 1000, oneFiveNine(), List.of(), rules(5, 120, 0, 0, 0), null));
    limited(235, "ScaleUpLimit", convert(100, 500, 1, 1000, oneFiveNine(), List.of(), rules(150, 120, 0, 0, 0), null));
    limited(255, "ScaleUpLimit", convert(100, 500, 1, 1000, oneFiveNine(), List.of(), rules(0, 0, 200, 120, 0), null));
    // up 4 and down 2 at 60 s ago, 300 % per 300 s: the period started at 6 − 4 + 2 = 4 → 16
    limited(16, "ScaleUpLimit", convert(6, 24, 1, 1000, List.of(event(4, 60)), List.of(event(2, 60)),
        rules(0, 0, 300, 300, 0), null));
    limited(5, "DesiredWithinRange", convert(10, 5, 1, 1000, List.of(), oneFiveNine(), null, null));
    limited(100, "ScaleDownLimit", convert(100, 2, 1, 1000, List.of(), oneFiveNine(), null, rules(5, 120, 0, 0, 300)));
    // removed 2, 4, 6 in the last 120 s: (100 + 12) × 50 % = 56
    limited(56, "ScaleDownLimit", convert(100, 0, 1, 1000, List.of(), List.of(event(2, 100), event(4, 60),
        event(6, 20)), null, rules(0, 0, 50, 120, 300)));
    // up 2, down 4 at 60 s ago, 50 % per 180 s: (10 − 2 + 4) × 50 % = 6
    limited(6, "ScaleDownLimit", convert(10, 1, 1, 1000, List.of(event(2, 60)), List.of(event(4, 60)), null,
        rules(0, 0, 50, 180, 0)));
    // "previous events preventing further scale down": (100 + 30) − 10 % = 117 > 100 → keep 100
    List<ScaleEvent> thirty = List.of(event(10, 100), event(10, 60), event(10, 20));
    limited(100, "ScaleDownLimit", convert(100, 0, 1, 1000, List.of(), thirty, null, rules(0, 0, 10, 120, 300)));
    limited(5, "DesiredWithinRange", convert(10, 5, 1, 1000, List.of(), thirty, null, rules(0, 0, 1000, 120, 300)));
  }

  @Test
  void anEventExactlyOnePeriodOldNoLongerCounts() {
    // getReplicasChangePerPeriod counts rec.timestamp.After(now − period)
    ScalingRules pods4 = rules(4, 60, 0, 0, 0);
    assertEquals(14, Hpa.scaleUpLimit(10, List.of(event(4, 60)), List.of(), pods4, NOW));
    assertEquals(10, Hpa.scaleUpLimit(10, List.of(new ScaleEvent(NOW.minusSeconds(60).plusNanos(1), 4)), List.of(),
        pods4, NOW));
    assertEquals(6, Hpa.scaleDownLimit(10, List.of(), List.of(event(4, 60)), pods4, NOW));
    assertEquals(10, Hpa.scaleDownLimit(10, List.of(), List.of(new ScaleEvent(NOW.minusSeconds(60).plusNanos(1), 4)),
        pods4, NOW));
  }

  @Test
  void percentPoliciesRoundUpOnScaleUpAndTruncateOnScaleDown() {
    ScalingRules min = new ScalingRules(Duration.ofSeconds(300), SelectPolicy.MIN,
        List.of(RatePolicy.pods(2, 60), RatePolicy.percent(50, 60)));
    // TestCalculateScaleUpLimitWithScalingRules: from 1, Pods +2 = 3, Percent ceil(1 × 1.5) = 2, Min → 2
    assertEquals(2, Hpa.scaleUpLimit(1, List.of(), List.of(), min, NOW));
    // TestCalculateScaleDownLimitWithBehaviors: from 5, Pods −2 = 3, Percent int32(5 × 0.5) = 2, Min change → 3
    assertEquals(3, Hpa.scaleDownLimit(5, List.of(), List.of(), min, NOW));
    // the same policies with Max: the Percent limit decides, and it truncates 2.5 to 2 (not 3)
    ScalingRules max = new ScalingRules(Duration.ofSeconds(300), SelectPolicy.MAX, min.policies());
    assertEquals(2, Hpa.scaleDownLimit(5, List.of(), List.of(), max, NOW));
    // 10 % of 75 removes 7.5 → int32(67.5) = 67 left; 10 % added to 75 → ceil(82.5) = 83
    assertEquals(67, Hpa.scaleDownLimit(75, List.of(), List.of(), rules(0, 0, 10, 60, 0), NOW));
    assertEquals(83, Hpa.scaleUpLimit(75, List.of(), List.of(), rules(0, 0, 10, 60, 0), NOW));
  }

  @Test
  void scaleEventsReuseTheirOutdatedEntries() {
    // TestStoreScaleEvents "two entries, one of them to be replaced": Pods 10 / 60 s; a +7 event 61 s
    // old is outdated and replaced by the new one, the +6 at 59 s stays (and limits this sync to
    // 10 − 6 + 10 = 14, so the new event is +4)
    HpaConfig.Behavior b = new HpaConfig.Behavior(rules(10, 60, 0, 0, 0), null);
    HpaController c = new HpaController(1, 100, b, FIVE_MINUTES,
        new History(List.of(), List.of(event(7, 61), event(6, 59)), List.of()));
    assertEquals(14, c.sync(NOW, 10, List.of(new MetricResult("m", true, 15, 0, 0, ""))).replicas());
    assertEquals(List.of(event(4, 0), event(6, 59)), c.history().orElseThrow().scaleUpEvents());
    // "one actual entry to be not touched with behavior": nothing outdated, the event (+3: the period
    // started at 10 − 7) is appended
    HpaController d = new HpaController(1, 100, b, FIVE_MINUTES,
        new History(List.of(), List.of(event(7, 58)), List.of()));
    d.sync(NOW, 10, List.of(new MetricResult("m", true, 15, 0, 0, "")));
    assertEquals(List.of(event(7, 58), event(3, 0)), d.history().orElseThrow().scaleUpEvents());
    // "empty entries with default behavior": without behavior no event is stored
    HpaController legacy = new HpaController(1, 100, null, FIVE_MINUTES, History.empty());
    legacy.sync(NOW, 10, List.of(new MetricResult("m", true, 15, 0, 0, "")));
    assertEquals(List.of(), legacy.history().orElseThrow().scaleUpEvents());
  }

  // ---- several metrics, failed metrics, zero replicas ---------------------------------------

  @Test
  void aFailedMetricDoesNotStopAScaleUpButBlocksAScaleDown() {
    MetricResult invalid = MetricResult.invalid("CheddarCheese", "unknown metric source type");
    // TestScaleUpOneMetricInvalid: 3 replicas, a valid metric wants 4, the other fails → 4
    HpaController up = new HpaController(2, 6, null, FIVE_MINUTES, History.empty());
    assertEquals(4, up.sync(NOW, 3, List.of(new MetricResult("cpu", true, 4, 0, 0, ""), invalid)).replicas());
    // computeReplicasForMetrics: "If all metrics are invalid or some are invalid and we would scale
    // down" → no scaling: 5 replicas, the valid metric wants 3, the other fails → 5
    HpaController down = new HpaController(2, 6, null, FIVE_MINUTES, History.empty());
    HpaController.Sync s = down.sync(NOW, 5, List.of(fivePodsWantThree().get(0), invalid));
    assertEquals(5, s.replicas());
    assertTrue(s.explanation().contains("invalid metrics"), s.explanation());
    // TestScaleUpBothMetricsEmpty: every metric fails → keep 3
    HpaController none = new HpaController(2, 6, null, FIVE_MINUTES, History.empty());
    assertEquals(3, none.sync(NOW, 3, List.of(invalid)).replicas());
  }

  @Test
  void externalValueScalesToAndFromZeroWithMinReplicasZero() {
    // TestScaleDownToZeroCMExternal: minReplicas 0, 5 replicas, value 0 vs 14.4 → 0
    HpaController c = new HpaController(0, 6, null, FIVE_MINUTES, History.empty());
    MetricResult zero = Hpa.externalValue("qps", 5, 5, 0, 14.4, Tolerance.DEFAULT);
    assertEquals(0, c.sync(NOW, 5, List.of(zero)).replicas());
    // at 0 replicas with minReplicas 0 the HPA is not disabled: ceil(8.6 / 4.4) = 2, tolerance ignored
    HpaController fromZero = new HpaController(0, 6, null, FIVE_MINUTES, History.empty());
    MetricResult up = Hpa.externalValue("qps", 0, 0, 8.6, 4.4, Tolerance.DEFAULT);
    assertEquals(2, fromZero.sync(NOW, 0, List.of(up)).replicas());
    // with minReplicas 1 (HPAScaleToZero off, as KEDA's HPA): 0 replicas → ScalingDisabled, stays 0
    HpaController disabled = new HpaController(1, 6, null, FIVE_MINUTES, History.empty());
    HpaController.Sync s = disabled.sync(NOW, 0, List.of(up));
    assertEquals(0, s.replicas());
    assertTrue(s.explanation().startsWith("ScalingDisabled"), s.explanation());
  }
}
