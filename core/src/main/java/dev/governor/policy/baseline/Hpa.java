package dev.governor.policy.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure core of the Kubernetes Horizontal Pod Autoscaler (inputs → replica counts). The state
 * it reads — past recommendations and scale events — is passed in; {@link HpaController} keeps it.
 * "Replicas" are instances here.
 *
 * <p>Source: Kubernetes documentation "Horizontal Pod Autoscaling" (algorithm details,
 * configurable scaling behavior) and {@code pkg/controller/podautoscaler/replica_calculator.go},
 * {@code horizontal.go} and {@code pkg/apis/autoscaling/v2/defaults.go}. Metric values are carried
 * as milli-units in {@code long}s and ratios as {@code double}s, as the Go code does, so rounding
 * matches it.
 *
 * <pre>
 *   ratio = metric ÷ target;  inside tolerance (1 − down ≤ ratio ≤ 1 + up, default 0.1) → no change
 *   Pods AverageValue:     desired = ceil(ratio × readyPods), with the missing/not-ready rules below
 *   External Value:        desired = ceil(ratio × readyPods)  (ceil(ratio) when current is 0)
 *   External AverageValue: ratio = total ÷ (target × currentReplicas); desired = ceil(total ÷ target)
 *   several metrics:       the largest desired; if a metric fails and the others would scale
 *                          down, no scaling
 * </pre>
 *
 * Missing metrics (Pods only): on a scale-down the pods without a metric count as using exactly
 * the target, on a scale-up as using 0; pending pods count as 0 on a scale-up and are ignored
 * otherwise. The ratio is then recomputed over all those pods; if it falls inside the tolerance or
 * points the other way, nothing changes. A pod that runs but is not Ready ({@link
 * PodState#RUNNING_NOT_READY}) is a running pod for a Pods metric (its sample counts) but not a ready
 * pod for an External Value metric.
 *
 * <p>Normalisation: without {@code behavior} (legacy) the recommendation is the highest of the last
 * 5 minutes ({@code --horizontal-pod-autoscaler-downscale-stabilization}), capped at
 * {@code max(2 × current, 4)} and [min, max]. With {@code behavior}: stabilization windows
 * (scale-up: the lowest recommendation of its window, default 0 s; scale-down: the highest, default
 * 300 s), then the rate policies: for each policy, the replicas at the start of its period
 * ({@code current − added + removed} within {@code periodSeconds}) plus {@code value} pods or
 * {@code ceil(start × (1 + value%))} on scale-up, minus {@code value} pods or
 * {@code trunc(start × (1 − value%))} on scale-down; {@code selectPolicy} Max takes the largest
 * change, Min the smallest, Disabled none. Defaults: scale-up max(4 pods, 100 %) per 15 s,
 * scale-down 100 % per 15 s.
 */
public final class Hpa {
  private Hpa() {}

  /** Tolerance around a ratio of 1, per direction (Kubernetes 1.33 made them configurable). */
  public record Tolerance(double scaleUp, double scaleDown) {
    public static final Tolerance DEFAULT = new Tolerance(0.1, 0.1);

    public Tolerance {
      Check.nonNegative("tolerance.scaleUp", scaleUp);
      Check.nonNegative("tolerance.scaleDown", scaleDown);
      if (scaleDown >= 1) {
        throw new IllegalArgumentException("tolerance.scaleDown must be in [0, 1), but was " + scaleDown);
      }
    }

    public static Tolerance of(double both) {
      return new Tolerance(both, both);
    }

    public boolean isWithin(double ratio) {
      return (1.0 - scaleDown) <= ratio && ratio <= (1.0 + scaleUp);
    }
  }

  /**
   * How a pod (an instance) takes part in a metric, as {@code replica_calculator.go}'s
   * {@code groupPods} and {@code getReadyPodsCount} see it.
   */
  public enum PodState {
    /** Running and Ready: its Pods metric counts, and it is a ready pod for an External/Object Value metric. */
    READY,
    /**
     * Running, its Ready condition false (starting up, failing its readiness probe). For a Pods metric
     * it is a running pod like any other — its sample counts, a missing one follows the missing-pod
     * rules (Kubernetes sets not-ready pods aside only for CPU); it is not a ready pod for an
     * External/Object Value metric, whose {@code ceil(ratio × ready pods)} leaves it out.
     */
    RUNNING_NOT_READY,
    /** Pending: set aside; counted as 0 on a scale-up, ignored otherwise; never a ready pod. */
    PENDING,
    /** Being deleted or failed: discarded. */
    IGNORED
  }

  /**
   * One pod's sample of a per-pod metric.
   *
   * @param state its state
   * @param value its metric value, {@code NaN} when missing
   */
  public record PodSample(PodState state, double value) {
    public PodSample {
      Check.notNull("state", state);
    }

    public static PodSample ready(double v) {
      return new PodSample(PodState.READY, v);
    }

    /** Running but not Ready, with its metric value ({@code NaN} when missing). */
    public static PodSample notReady(double v) {
      return new PodSample(PodState.RUNNING_NOT_READY, v);
    }

    public static PodSample missing() {
      return new PodSample(PodState.READY, Double.NaN);
    }

    public static PodSample pending() {
      return new PodSample(PodState.PENDING, Double.NaN);
    }

    public static PodSample ignored() {
      return new PodSample(PodState.IGNORED, Double.NaN);
    }
  }

  /** Running and Ready pods ({@code getReadyPodsCount}): the count an External or Object Value metric scales. */
  public static int readyPods(List<PodSample> pods) {
    int n = 0;
    for (PodSample p : pods) {
      if (p.state() == PodState.READY) {
        n++;
      }
    }
    return n;
  }

  /**
   * One metric's proposal.
   *
   * @param metric metric name
   * @param valid false when no replica count could be computed (the metric failed)
   * @param replicas the proposed replicas (valid only)
   * @param usage the current value reported in status (average for per-pod targets)
   * @param ratio the usage ratio used
   * @param detail what happened, with the numbers
   */
  public record MetricResult(String metric, boolean valid, int replicas, double usage, double ratio, String detail) {
    public static MetricResult invalid(String metric, String why) {
      return new MetricResult(metric, false, 0, Double.NaN, Double.NaN, why);
    }
  }

  /** Quantity.MilliValue(): rounds up. */
  static long targetMilli(double target) {
    return (long) Math.ceil(target * 1000 - 1e-9);
  }

  /** A metric value as KEDA and metric adapters publish it: {@code int64(value × 1000)}. */
  static long valueMilli(double value) {
    return (long) (value * 1000);
  }

  private static int ceilToInt(double v) {
    return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.ceil(v);
  }

  /** External metric with an AverageValue target ({@code GetExternalPerPodMetricReplicas}). */
  public static MetricResult externalAverageValue(String name, int statusReplicas, double total, double targetPerPod,
      Tolerance tol) {
    long usage = valueMilli(total);
    long target = targetMilli(targetPerPod);
    int replicas = statusReplicas;
    double ratio = (double) usage / ((double) target * (double) replicas);
    String d;
    if (!tol.isWithin(ratio)) {
      replicas = ceilToInt((double) usage / (double) target);
      d = "total " + Check.n(total) + " ÷ " + Check.n(targetPerPod) + " per replica (ratio " + Check.n(ratio) + " over "
          + statusReplicas + ") → ceil = " + replicas;
    } else {
      d = "total " + Check.n(total) + " vs " + Check.n(targetPerPod) + " per replica × " + statusReplicas + ": ratio "
          + Check.n(ratio) + " within tolerance → " + replicas;
    }
    double avg = statusReplicas == 0 ? Double.NaN : Math.ceil((double) usage / statusReplicas) / 1000.0;
    return new MetricResult(name, true, replicas, avg, ratio, d);
  }

  /** External metric with a Value target ({@code GetExternalMetricReplicas}). */
  public static MetricResult externalValue(String name, int currentReplicas, int readyPods, double total, double target,
      Tolerance tol) {
    long usage = valueMilli(total);
    long t = targetMilli(target);
    double ratio = (double) usage / (double) t;
    if (currentReplicas != 0) {
      if (tol.isWithin(ratio)) {
        return new MetricResult(name, true, currentReplicas, total, ratio, "value " + Check.n(total) + " vs target "
            + Check.n(target) + ": ratio " + Check.n(ratio) + " within tolerance → " + currentReplicas);
      }
      int r = ceilToInt(ratio * readyPods);
      return new MetricResult(name, true, r, total, ratio, "value " + Check.n(total) + " vs target " + Check.n(target)
          + ": ceil(" + Check.n(ratio) + " × " + readyPods + " ready) = " + r);
    }
    int r = ceilToInt(ratio);
    return new MetricResult(name, true, r, total, ratio, "value " + Check.n(total) + " vs target " + Check.n(target)
        + " with 0 replicas: ceil(" + Check.n(ratio) + ") = " + r);
  }

  /** Per-pod metric with an AverageValue target ({@code calcPlainMetricReplicas}). */
  public static MetricResult podsAverageValue(String name, int currentReplicas, List<PodSample> pods,
      double targetAverage, Tolerance tol) {
    long target = targetMilli(targetAverage);
    List<Long> metrics = new ArrayList<>();
    int ready = 0;
    int unready = 0;
    int missing = 0;
    for (PodSample p : pods) {
      if (p.state() == PodState.IGNORED) {
        continue;
      }
      if (p.state() == PodState.PENDING) {
        unready++;
        continue;
      }
      // READY and RUNNING_NOT_READY alike: groupPods sets running pods aside by readiness only for CPU
      if (Double.isNaN(p.value())) {
        missing++;
        continue;
      }
      ready++;
      metrics.add(valueMilli(p.value()));
    }
    if (metrics.isEmpty()) {
      return MetricResult.invalid(name, "did not receive metrics for targeted pods (pods might be unready)");
    }
    long usage = average(metrics);
    double ratio = (double) usage / (double) target;
    boolean scaleUpWithUnready = unready > 0 && ratio > 1.0;
    String base = "average " + Check.n(usage / 1000.0) + " vs target " + Check.n(targetAverage) + " (ratio "
        + Check.n(ratio) + ", " + ready + " ready, " + missing + " missing, " + unready + " not ready)";
    if (!scaleUpWithUnready && missing == 0) {
      if (tol.isWithin(ratio)) {
        return new MetricResult(name, true, currentReplicas, usage / 1000.0, ratio, base + ": within tolerance → "
            + currentReplicas);
      }
      int r = ceilToInt(ratio * ready);
      return new MetricResult(name, true, r, usage / 1000.0, ratio, base + ": ceil(" + Check.n(ratio) + " × " + ready
          + ") = " + r);
    }
    List<Long> adjusted = new ArrayList<>(metrics);
    String rule = "";
    if (missing > 0) {
      if (ratio < 1.0) {
        for (int i = 0; i < missing; i++) {
          adjusted.add(target);
        }
        rule += "missing counted at the target on scale-down; ";
      } else if (ratio > 1.0) {
        for (int i = 0; i < missing; i++) {
          adjusted.add(0L);
        }
        rule += "missing counted as 0 on scale-up; ";
      }
    }
    if (scaleUpWithUnready) {
      for (int i = 0; i < unready; i++) {
        adjusted.add(0L);
      }
      rule += "not-ready counted as 0 on scale-up; ";
    }
    double newRatio = (double) average(adjusted) / (double) target;
    if (tol.isWithin(newRatio) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
      return new MetricResult(name, true, currentReplicas, usage / 1000.0, newRatio, base + ": " + rule + "new ratio "
          + Check.n(newRatio) + " within tolerance or reversing direction → " + currentReplicas);
    }
    int r = ceilToInt(newRatio * adjusted.size());
    if ((newRatio < 1.0 && r > currentReplicas) || (newRatio > 1.0 && r < currentReplicas)) {
      return new MetricResult(name, true, currentReplicas, usage / 1000.0, newRatio, base + ": " + rule + "ceil("
          + Check.n(newRatio) + " × " + adjusted.size() + ") = " + r + " would reverse direction → " + currentReplicas);
    }
    return new MetricResult(name, true, r, usage / 1000.0, newRatio, base + ": " + rule + "ceil(" + Check.n(newRatio)
        + " × " + adjusted.size() + ") = " + r);
  }

  private static long average(List<Long> values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total / values.size();
  }

  /**
   * The largest proposal of several metrics ({@code computeReplicasForMetrics}); {@code -1} when
   * every metric failed, or some failed and the valid ones would scale below {@code specReplicas}.
   */
  public static int maxOfMetrics(int specReplicas, List<MetricResult> results) {
    int invalid = 0;
    int replicas = 0;
    boolean any = false;
    for (MetricResult r : results) {
      if (!r.valid()) {
        invalid++;
        continue;
      }
      if (!any || r.replicas() > replicas) {
        replicas = r.replicas();
        any = true;
      }
    }
    if (invalid >= results.size() || (invalid > 0 && replicas < specReplicas)) {
      return -1;
    }
    return replicas;
  }

  // ---- behavior ------------------------------------------------------------------------------

  public enum PolicyType { PODS, PERCENT }

  public enum SelectPolicy { MAX, MIN, DISABLED }

  /**
   * One rate policy: at most {@code value} pods or percent per {@code period}.
   */
  public record RatePolicy(PolicyType type, int value, Duration period) {
    public RatePolicy {
      Check.notNull("type", type);
      Check.atLeast("value", value, 1);
      Check.positive("periodSeconds", period);
      if (period.compareTo(Duration.ofSeconds(1800)) > 0) {
        throw new IllegalArgumentException("periodSeconds must be <= 1800, but was " + period.toSeconds());
      }
    }

    public static RatePolicy pods(int value, long periodSeconds) {
      return new RatePolicy(PolicyType.PODS, value, Duration.ofSeconds(periodSeconds));
    }

    public static RatePolicy percent(int value, long periodSeconds) {
      return new RatePolicy(PolicyType.PERCENT, value, Duration.ofSeconds(periodSeconds));
    }
  }

  /**
   * HPAScalingRules of one direction. {@code stabilizationWindow} null on scale-down means the
   * controller's default (300 s).
   */
  public record ScalingRules(Duration stabilizationWindow, SelectPolicy selectPolicy, List<RatePolicy> policies) {
    public ScalingRules {
      if (stabilizationWindow != null) {
        Check.nonNegative("stabilizationWindowSeconds", stabilizationWindow);
        if (stabilizationWindow.compareTo(Duration.ofSeconds(3600)) > 0) {
          throw new IllegalArgumentException("stabilizationWindowSeconds must be <= 3600, but was "
              + stabilizationWindow.toSeconds());
        }
      }
      Check.notNull("selectPolicy", selectPolicy);
      policies = List.copyOf(Check.notNull("policies", policies));
    }

    Duration longestPeriod() {
      Duration d = Duration.ZERO;
      for (RatePolicy p : policies) {
        if (p.period().compareTo(d) > 0) {
          d = p.period();
        }
      }
      return d;
    }
  }

  /** The defaults of {@code GenerateHPAScaleUpRules}: 0 s window, Max of 4 pods and 100 % per 15 s. */
  public static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(Duration.ZERO, SelectPolicy.MAX,
      List.of(RatePolicy.pods(4, 15), RatePolicy.percent(100, 15)));
  /** The defaults of {@code GenerateHPAScaleDownRules}: controller window (300 s), 100 % per 15 s. */
  public static final ScalingRules DEFAULT_SCALE_DOWN = new ScalingRules(null, SelectPolicy.MAX,
      List.of(RatePolicy.percent(100, 15)));

  /** A past recommendation. */
  public record Recommendation(Instant at, int replicas) {}

  /** A past scale event: how many replicas were added (scale-up list) or removed (scale-down list). */
  public record ScaleEvent(Instant at, int change) {}

  /**
   * Legacy stabilization ({@code stabilizeRecommendation}): the highest of this recommendation and
   * every one not older than {@code window}.
   */
  public static int stabilizeLegacy(int prenormalized, List<Recommendation> recs, Instant now, Duration window) {
    Instant cutoff = now.minus(window);
    int max = prenormalized;
    for (Recommendation r : recs) {
      if (!r.at().isBefore(cutoff) && r.replicas() > max) {
        max = r.replicas();
      }
    }
    return max;
  }

  /** Legacy limits ({@code convertDesiredReplicasWithRules}). */
  public static int convertWithRules(int current, int desired, int min, int max) {
    int scaleUpLimit = (int) Math.max(2.0 * current, 4.0);
    int maxAllowed = Math.min(max, scaleUpLimit);
    if (desired < min) {
      return min;
    }
    return Math.min(desired, maxAllowed);
  }

  /**
   * Stabilization with behavior ({@code stabilizeRecommendationWithBehaviors}): the current count
   * moved no further than the lowest recommendation of the scale-up window and the highest of the
   * scale-down window.
   */
  public static int stabilizeWithBehavior(int current, int desired, List<Recommendation> recs, Instant now,
      Duration upWindow, Duration downWindow) {
    int up = desired;
    int down = desired;
    Instant upCutoff = now.minus(upWindow);
    Instant downCutoff = now.minus(downWindow);
    for (Recommendation r : recs) {
      if (r.at().isAfter(upCutoff)) {
        up = Math.min(up, r.replicas());
      }
      if (r.at().isAfter(downCutoff)) {
        down = Math.max(down, r.replicas());
      }
    }
    int rec = current;
    if (rec < up) {
      rec = up;
    }
    if (rec > down) {
      rec = down;
    }
    return rec;
  }

  static int changeInPeriod(Duration period, List<ScaleEvent> events, Instant now) {
    Instant cutoff = now.minus(period);
    int n = 0;
    for (ScaleEvent e : events) {
      if (e.at().isAfter(cutoff)) {
        n += e.change();
      }
    }
    return n;
  }

  /** The most replicas the scale-up rules allow ({@code calculateScaleUpLimitWithScalingRules}). */
  public static int scaleUpLimit(int current, List<ScaleEvent> upEvents, List<ScaleEvent> downEvents,
      ScalingRules rules, Instant now) {
    if (rules.selectPolicy() == SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = rules.selectPolicy() == SelectPolicy.MIN;
    long result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    for (RatePolicy p : rules.policies()) {
      int start = current - changeInPeriod(p.period(), upEvents, now) + changeInPeriod(p.period(), downEvents, now);
      long proposed = p.type() == PolicyType.PODS ? (long) start + p.value()
          : (long) Math.ceil(start * (1 + p.value() / 100.0));
      result = min ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
  }

  /** The fewest replicas the scale-down rules allow ({@code calculateScaleDownLimitWithBehaviors}). */
  public static int scaleDownLimit(int current, List<ScaleEvent> upEvents, List<ScaleEvent> downEvents,
      ScalingRules rules, Instant now) {
    if (rules.selectPolicy() == SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = rules.selectPolicy() == SelectPolicy.MIN;
    long result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (RatePolicy p : rules.policies()) {
      int start = current - changeInPeriod(p.period(), upEvents, now) + changeInPeriod(p.period(), downEvents, now);
      long proposed = p.type() == PolicyType.PODS ? (long) start - p.value()
          : (long) (start * (1 - p.value() / 100.0));
      result = min ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return (int) result;
  }

  /** The outcome of the rate limits with the condition reason Kubernetes reports. */
  public record Limited(int replicas, String reason) {}

  /** {@code convertDesiredReplicasWithBehaviorRate}. */
  public static Limited convertWithBehaviorRate(int current, int desired, int min, int max, List<ScaleEvent> upEvents,
      List<ScaleEvent> downEvents, ScalingRules up, ScalingRules down, Instant now) {
    if (desired > current) {
      int limit = Math.max(scaleUpLimit(current, upEvents, downEvents, up, now), current);
      int maxAllowed = max;
      String reason = "TooManyReplicas";
      if (maxAllowed > limit) {
        maxAllowed = limit;
        reason = "ScaleUpLimit";
      }
      if (desired > maxAllowed) {
        return new Limited(maxAllowed, reason);
      }
    } else if (desired < current) {
      int limit = Math.min(scaleDownLimit(current, upEvents, downEvents, down, now), current);
      int minAllowed = min;
      String reason = "TooFewReplicas";
      if (minAllowed < limit) {
        minAllowed = limit;
        reason = "ScaleDownLimit";
      }
      if (desired < minAllowed) {
        return new Limited(minAllowed, reason);
      }
    }
    return new Limited(desired, "DesiredWithinRange");
  }
}
