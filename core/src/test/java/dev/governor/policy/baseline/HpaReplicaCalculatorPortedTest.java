package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.Proposal;
import dev.governor.policy.baseline.Hpa.MetricResult;
import dev.governor.policy.baseline.Hpa.PodSample;
import dev.governor.policy.baseline.Hpa.Tolerance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases ported from Kubernetes' own suite, {@code kubernetes/kubernetes}
 * {@code pkg/controller/podautoscaler/replica_calculator_test.go} (each test names its Go test). The
 * Go tests give metric levels in milli-units; here the same numbers are whole units, which keeps every
 * ratio. A pod's readiness in the Go fixtures ({@code podReadiness}, {@code podPhase}) maps to
 * {@link Hpa.PodState}: Running + Ready → READY, Running + not Ready → RUNNING_NOT_READY, Pending →
 * PENDING.
 */
class HpaReplicaCalculatorPortedTest {
  private static final Tolerance TOL = Tolerance.DEFAULT;

  private static List<PodSample> ready(double... values) {
    List<PodSample> l = new ArrayList<>();
    Arrays.stream(values).forEach(v -> l.add(PodSample.ready(v)));
    return l;
  }

  private static MetricResult pods(int current, List<PodSample> samples, double target, Tolerance tol) {
    MetricResult r = Hpa.podsAverageValue("qps", current, samples, target, tol);
    assertTrue(r.valid(), r.detail());
    return r;
  }

  // ---- Pods metric (calcPlainMetricReplicas) ------------------------------------------------

  @Test
  void scaleUpCM() {
    // TestReplicaCalcScaleUpCM: 3 pods at 20000, 10000, 30000 vs 15000 → 4, usage 20000
    MetricResult r = pods(3, ready(20000, 10000, 30000), 15000, TOL);
    assertEquals(4, r.replicas());
    assertEquals(20000, r.usage(), 1e-9);
  }

  @Test
  void scaleDownCM() {
    // TestReplicaCalcScaleDownCM: 5 pods at 12000 vs 20000 → 3
    assertEquals(3, pods(5, ready(12000, 12000, 12000, 12000, 12000), 20000, TOL).replicas());
  }

  @Test
  void toleranceCM() {
    // TestReplicaCalcToleranceCM: 20000, 21000, 21000 vs 20000: ratio 1.033, within 10 % → 3
    assertEquals(3, pods(3, ready(20000, 21000, 21000), 20000, TOL).replicas());
  }

  @Test
  void configurableToleranceCM() {
    // TestReplicaCalcConfigurableToleranceCM: Tolerances{scaleDown 0.1, scaleUp 0.01}: ratio 1.033 → 4
    assertEquals(4, pods(3, ready(20000, 21000, 21000), 20000, new Tolerance(0.01, 0.1)).replicas());
  }

  @Test
  void toleranceBoundaryIsInclusiveBothWays() {
    // replica_calculator.go Tolerances.isWithin: (1 - scaleDown) <= ratio <= (1 + scaleUp); exactly
    // 10 % off either way is inside, one milli-unit more is out (TestReplicaCalcConfigurableTolerance
    // probes the same rule with 8 %, 34 % and 36 %).
    assertEquals(10, pods(10, ready(repeat(1100, 10)), 1000, TOL).replicas());
    assertEquals(10, pods(10, ready(repeat(900, 10)), 1000, TOL).replicas());
    assertEquals(12, pods(10, ready(repeat(1101, 10)), 1000, TOL).replicas());
    assertEquals(9, pods(10, ready(repeat(899, 10)), 1000, TOL).replicas());
    // TestReplicaCalcConfigurableTolerance "Within a 36% scale-down tolerance" / "Outside a 34% …":
    // ratio 0.65 → 3 with 36 %, ceil(0.65 × 3) = 2 with 34 %
    assertEquals(3, pods(3, ready(650, 650, 650), 1000, new Tolerance(0.1, 0.36)).replicas());
    assertEquals(2, pods(3, ready(650, 650, 650), 1000, new Tolerance(0.1, 0.34)).replicas());
  }

  private static double[] repeat(double v, int n) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Test
  void missingMetricsAtTheTargetChangeNothing() {
    // TestPlainMetricReplicaCalcMissingMetricsNoChangeEq: 5 pods, 3 metrics 20000, 19000, 21000 vs
    // 20000: ratio exactly 1, so the missing pods are not filled in and nothing changes → 5
    List<PodSample> s = ready(20000, 19000, 21000);
    s.add(PodSample.missing());
    s.add(PodSample.missing());
    assertEquals(5, pods(5, s, 20000, TOL).replicas());
  }

  @Test
  void rollingUpdateSurgePodWithoutMetricReversesNothing() {
    // TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM: 2 replicas, 3 running pods (a surge pod without
    // a metric), 10000 and 10000 vs 17000. Scale-down: the missing pod counts at the target, the new
    // ratio 0.725 × 3 pods = ceil(2.18) = 3 would exceed the 2 replicas → keep 2
    List<PodSample> s = ready(10000, 10000);
    s.add(PodSample.missing());
    assertEquals(2, pods(2, s, 17000, TOL).replicas());
  }

  @Test
  void runningButNotReadyPodsCountForAPodsMetric() {
    // TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale: readiness True, True, False; 50000, 10000,
    // 30000 vs 15000. Only CPU sets not-ready pods aside: the average 30000 is 2 × target → 6.
    List<PodSample> s = ready(50000, 10000);
    s.add(PodSample.notReady(30000));
    assertEquals(6, pods(3, s, 15000, TOL).replicas());
    // the same third pod Pending instead counts as 0 on this scale-up: (50000 + 10000 + 0) / 3 vs 15000 → 4
    List<PodSample> pending = ready(50000, 10000);
    pending.add(PodSample.pending());
    assertEquals(4, pods(3, pending, 15000, TOL).replicas());
  }

  @Test
  void runningButNotReadyPodsWithoutAMetricAreMissing() {
    // TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown: readiness False, True, False; 50000,
    // 15000, 30000 vs 15000 → ratio 2.11 × 3 = ceil(6.33) = 7
    List<PodSample> s = new ArrayList<>(List.of(PodSample.notReady(50000), PodSample.ready(15000),
        PodSample.notReady(30000)));
    assertEquals(7, pods(3, s, 15000, TOL).replicas());
    // groupPods: a running pod's missing metric makes it missing, whatever its readiness: 2 × 200 + a
    // missing pod on a scale-up counts 0 → (200 + 200 + 0) / 3 vs 100 → ceil(1.33 × 3) = 4
    List<PodSample> m = ready(200, 200);
    m.add(PodSample.notReady(Double.NaN));
    assertEquals(4, pods(3, m, 100, TOL).replicas());
  }

  @Test
  void pendingPodsAreSetAsideOnScaleDownAndCountZeroOnScaleUp() {
    // TestReplicaCalcResourceScale "scale down: exclude unscheduled pods" (groupPods treats Pending pods
    // alike for every metric): 1 running pod at 10, 4 Pending, target 50 → ceil(0.2 × 1) = 1
    List<PodSample> down = ready(10);
    for (int i = 0; i < 4; i++) {
      down.add(PodSample.pending());
    }
    assertEquals(1, pods(5, down, 50, TOL).replicas());
    // TestReplicaCalcResourceScale "scale up: unready pod scales less", with the first pod Pending:
    // 500, 700 vs 300 → scale-up with a pending pod at 0: 400 / 300 × 3 = 4 (not ceil(2 × 2) … = 5)
    List<PodSample> up = new ArrayList<>(List.of(PodSample.pending()));
    up.addAll(ready(500, 700));
    assertEquals(4, pods(3, up, 300, TOL).replicas());
  }

  @Test
  void ignoredPodsAreDiscarded() {
    // TestReplicaCalcResourceScale "scale up: pods being deleted are ignored" (DeletionTimestamp set):
    // 2 running pods at 500 and 700 vs 300, 2 being deleted → 600 / 300 × 2 = 4
    List<PodSample> s = ready(500, 700);
    s.add(PodSample.ignored());
    s.add(PodSample.ignored());
    assertEquals(4, pods(2, s, 300, TOL).replicas());
  }

  // ---- External metrics (GetExternalMetricReplicas, GetExternalPerPodMetricReplicas) --------

  @Test
  void externalValueScalesTheReadyPods() {
    // TestReplicaCalcScaleDownCMExternal: 5 replicas, value 8600 vs 14334 → ceil(0.59997 × 5) = 3
    assertEquals(3, Hpa.externalValue("qps", 5, 5, 8600, 14334, TOL).replicas());
    // TestReplicaCalcToleranceCMExternal: 8600 vs 8888, ratio 0.968 → 3
    assertEquals(3, Hpa.externalValue("qps", 3, 3, 8600, 8888, TOL).replicas());
    // TestReplicaCalcConfigurableToleranceCMExternal: 8900 vs 8800 with a 1 % scale-up tolerance → 4
    assertEquals(4, Hpa.externalValue("qps", 3, 3, 8900, 8800, new Tolerance(0.01, 0.1)).replicas());
  }

  @Test
  void externalValueLeavesRunningButNotReadyPodsOut() {
    // TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods: 3 replicas, readiness False, True, False;
    // 8600 vs 4400 → ceil(1.95 × 1 ready pod) = 2 (6 if the not-ready pods counted)
    List<PodSample> pods = List.of(PodSample.notReady(Double.NaN), PodSample.ready(Double.NaN),
        PodSample.notReady(Double.NaN));
    int ready = Hpa.readyPods(pods);
    assertEquals(1, ready);
    assertEquals(2, Hpa.externalValue("qps", 3, ready, 8600, 4400, TOL).replicas());
    assertEquals(0, Hpa.readyPods(List.of(PodSample.pending(), PodSample.ignored())));
  }

  @Test
  void externalValueAtZeroReplicasIgnoresTolerance() {
    // getUsageRatioReplicaCount: "For currentReplicas=0 doesn't take into account ready pods count and
    // tolerance to support scaling to zero pods": ceil(ratio), so 5 % above the target is 2 replicas
    assertEquals(2, Hpa.externalValue("qps", 0, 0, 1050, 1000, TOL).replicas());
    assertEquals(1, Hpa.externalValue("qps", 0, 0, 1000, 1000, TOL).replicas());
    assertEquals(0, Hpa.externalValue("qps", 0, 0, 0, 1000, TOL).replicas());
    // with replicas, the same 5 % is inside the tolerance
    assertEquals(3, Hpa.externalValue("qps", 3, 3, 1050, 1000, TOL).replicas());
  }

  @Test
  void externalAverageValueIsTotalOverTargetPerPod() {
    // TestReplicaCalcScaleUpPerPodCMExternal: 3 replicas, 8600 / 2150 per pod → 4
    assertEquals(4, Hpa.externalAverageValue("qps", 3, 8600, 2150, TOL).replicas());
    // TestReplicaCalcScaleDownPerPodCMExternal: 5 replicas, 8600 / 2867 → ceil(2.9996) = 3, usage 1720 per pod
    MetricResult down = Hpa.externalAverageValue("qps", 5, 8600, 2867, TOL);
    assertEquals(3, down.replicas());
    assertEquals(1720, down.usage(), 1e-9);
    // TestReplicaCalcTolerancePerPodCMExternal: 8600 / (2900 × 3) = 0.989 → 3
    assertEquals(3, Hpa.externalAverageValue("qps", 3, 8600, 2900, TOL).replicas());
    // TestReplicaCalcConfigurableTolerancePerPodCMExternal: 8600 / (2800 × 3) = 1.024, 1 % scale-up tolerance → 4
    assertEquals(4, Hpa.externalAverageValue("qps", 3, 8600, 2800, new Tolerance(0.01, 0.1)).replicas());
  }

  @Test
  void externalAverageValueAtTheToleranceBoundary() {
    // Tolerances.isWithin on total ÷ (target × replicas): exactly 1.1 and 0.9 stay, just past moves
    assertEquals(10, Hpa.externalAverageValue("q", 10, 1100, 100, TOL).replicas());
    assertEquals(10, Hpa.externalAverageValue("q", 10, 900, 100, TOL).replicas());
    assertEquals(12, Hpa.externalAverageValue("q", 10, 1101, 100, TOL).replicas());
    assertEquals(9, Hpa.externalAverageValue("q", 10, 899, 100, TOL).replicas());
  }

  // ---- the policy derives readiness from the fleet ------------------------------------------

  @Test
  void readinessDelayMakesYoungInstancesRunningButNotReady() {
    // the External Value case above through HpaPolicy: 3 RUNNING instances, one launched 30 s ago with a
    // 60 s readinessDelay, so 2 are Ready: ratio 8600 / 4400 × 2 ready = ceil(3.9) = 4 (6 if all 3 counted)
    HpaPolicy hpa = new HpaPolicy(HpaConfig.custom().minReplicas(1).maxReplicas(100)
        .syncPeriod(Duration.ofSeconds(60)).readinessDelay(Duration.ofSeconds(60))
        .metric(new HpaMetric.External("qps", List.of("queue.uploads.visible"), HpaMetric.TargetType.VALUE, 4400))
        .build());
    Ctx ctx = Ctx.atMinute(0).running(2).runningSince(1, Ctx.T0.minusSeconds(30)).visible(8600);
    Proposal p = hpa.propose(ctx.build());
    assertEquals(4, p.desired());
    HpaPolicy allReady = new HpaPolicy(HpaConfig.custom().minReplicas(1).maxReplicas(100)
        .syncPeriod(Duration.ofSeconds(60))
        .metric(new HpaMetric.External("qps", List.of("queue.uploads.visible"), HpaMetric.TargetType.VALUE, 4400))
        .build());
    assertEquals(6, allReady.propose(Ctx.atMinute(0).running(2).runningSince(1, Ctx.T0.minusSeconds(30))
        .visible(8600).build()).desired());
  }

  @Test
  void readinessDelayKeepsAPodsMetricSample() {
    // Pods metric from busy slots: a not-ready instance's sample still counts (no CPU rule)
    Ctx ctx = Ctx.atMinute(0).runningBusy(1, 1);
    List<PodSample> s = HpaPolicy.samples(new HpaMetric.Pods("busy", HpaMetric.PodSource.BUSY_SLOTS, 0.5), ctx.build(),
        2, 2, Duration.ofDays(2));
    assertEquals(List.of(PodSample.notReady(1), PodSample.notReady(1)), s);
  }
}
