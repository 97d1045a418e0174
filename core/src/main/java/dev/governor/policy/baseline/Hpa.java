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

  /**
   * Tolerance around a usage ratio of 1, per direction (Kubernetes 1.33 made them configurable;
   * before, one {@code --horizontal-pod-autoscaler-tolerance} for both, default 0.1). A ratio in
   * {@code [1 − scaleDown, 1 + scaleUp]} changes nothing.
   *
   * @param scaleUp fraction above 1 tolerated before scaling up, &gt;= 0 and finite
   * @param scaleDown fraction below 1 tolerated before scaling down, in {@code [0, 1)}
   */
  public record Tolerance(double scaleUp, double scaleDown) {
    /** Kubernetes' default: 0.1 each way, so ratios in {@code [0.9, 1.1]} change nothing. */
    public static final Tolerance DEFAULT = new Tolerance(0.1, 0.1);

    /**
     * Validates the tolerance.
     *
     * @param scaleUp fraction above 1 tolerated before scaling up, &gt;= 0 and finite
     * @param scaleDown fraction below 1 tolerated before scaling down, in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code scaleUp} is negative or not finite, or
     *     {@code scaleDown} is outside {@code [0, 1)}
     */
    public Tolerance {
      Check.nonNegative("tolerance.scaleUp", scaleUp);
      Check.nonNegative("tolerance.scaleDown", scaleDown);
      if (scaleDown >= 1) {
        throw new IllegalArgumentException("tolerance.scaleDown must be in [0, 1), but was " + scaleDown);
      }
    }

    /**
     * The same tolerance both ways, as the controller flag sets it.
     *
     * @param both the fraction, in {@code [0, 1)}
     * @return {@code new Tolerance(both, both)}
     * @throws IllegalArgumentException if {@code both} is outside {@code [0, 1)}
     */
    public static Tolerance of(double both) {
      return new Tolerance(both, both);
    }

    /**
     * Whether a usage ratio is too close to 1 to act on.
     *
     * @param ratio metric ÷ target
     * @return {@code 1 − scaleDown <= ratio <= 1 + scaleUp} (false for {@code NaN})
     */
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
   * @param value its metric value, in the metric's unit, {@code NaN} when missing
   */
  public record PodSample(PodState state, double value) {
    /**
     * Validates the sample.
     *
     * @param state its state
     * @param value its metric value, in the metric's unit, {@code NaN} when missing
     * @throws IllegalArgumentException if {@code state} is null
     */
    public PodSample {
      Check.notNull("state", state);
    }

    /**
     * A Ready pod with its metric value.
     *
     * @param v its value, {@code NaN} when missing
     * @return a {@link PodState#READY} sample
     */
    public static PodSample ready(double v) {
      return new PodSample(PodState.READY, v);
    }

    /**
     * Running but not Ready, with its metric value.
     *
     * @param v its value, {@code NaN} when missing
     * @return a {@link PodState#RUNNING_NOT_READY} sample
     */
    public static PodSample notReady(double v) {
      return new PodSample(PodState.RUNNING_NOT_READY, v);
    }

    /**
     * A Ready pod whose metric is missing.
     *
     * @return a {@link PodState#READY} sample with value {@code NaN}
     */
    public static PodSample missing() {
      return new PodSample(PodState.READY, Double.NaN);
    }

    /**
     * A pending pod (no metric).
     *
     * @return a {@link PodState#PENDING} sample
     */
    public static PodSample pending() {
      return new PodSample(PodState.PENDING, Double.NaN);
    }

    /**
     * A pod being deleted or failed (no metric).
     *
     * @return an {@link PodState#IGNORED} sample
     */
    public static PodSample ignored() {
      return new PodSample(PodState.IGNORED, Double.NaN);
    }
  }

  /**
   * Running and Ready pods ({@code getReadyPodsCount}): the count an External or Object Value metric scales.
   *
   * @param pods the pods
   * @return how many are {@link PodState#READY}
   */
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
   * @param replicas the proposed replicas (valid only; 0 when invalid)
   * @param usage the current value reported in status (average for per-pod targets), {@code NaN}
   *     when invalid or unknown
   * @param ratio the usage ratio used ({@code NaN} when invalid)
   * @param detail what happened, with the numbers
   */
  public record MetricResult(String metric, boolean valid, int replicas, double usage, double ratio, String detail) {
    /**
     * A failed metric: no proposal.
     *
     * @param metric metric name
     * @param why the failure, for reasons
     * @return a result with {@code valid = false}, 0 replicas and {@code NaN} usage and ratio
     */
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

  /**
   * External metric with an AverageValue target ({@code GetExternalPerPodMetricReplicas}), in
   * milli-units as Kubernetes computes it: {@code ratio = total ÷ (targetPerPod × statusReplicas)};
   * outside the tolerance {@code replicas = ceil(total ÷ targetPerPod)}, inside it
   * {@code statusReplicas}. The usage reported is {@code ceil(total ÷ statusReplicas)}.
   *
   * @param name metric name
   * @param statusReplicas the replicas the ratio is taken over (the scale target's current replicas)
   * @param total the metric's value (e.g. visible messages), &gt;= 0
   * @param targetPerPod the AverageValue target per replica, &gt; 0
   * @param tol the tolerance
   * @return a valid result (usage {@code NaN} at 0 replicas)
   */
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

  /**
   * External metric with a Value target ({@code GetExternalMetricReplicas}):
   * {@code ratio = total ÷ target}; with replicas, inside the tolerance {@code currentReplicas},
   * else {@code ceil(ratio × readyPods)}; at 0 replicas {@code ceil(ratio)} (the tolerance does
   * not apply).
   *
   * @param name metric name
   * @param currentReplicas the scale target's current replicas
   * @param readyPods Running and Ready pods ({@link #readyPods})
   * @param total the metric's value, &gt;= 0
   * @param target the Value target, &gt; 0
   * @param tol the tolerance
   * @return a valid result
   */
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

  /**
   * Per-pod metric with an AverageValue target ({@code calcPlainMetricReplicas}), with the
   * missing/pending rules of the class comment: {@code ratio = average ÷ target} over the pods with
   * a sample; without missing or pending-on-scale-up pods, {@code ceil(ratio × podsWithSample)}
   * outside the tolerance; otherwise the ratio is recomputed with missing pods at the target
   * (ratio &lt; 1) or 0 (ratio &gt; 1) and pending pods at 0 (ratio &gt; 1), and
   * {@code ceil(newRatio × pods)} applies unless inside the tolerance or reversing direction.
   *
   * @param name metric name
   * @param currentReplicas the scale target's current replicas, proposed when nothing changes
   * @param pods the pods' samples
   * @param targetAverage the AverageValue target per pod, &gt; 0
   * @param tol the tolerance
   * @return the result; invalid when no pod has a sample
   */
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
   *
   * @param specReplicas the scale target's current replicas (spec)
   * @param results one result per metric
   * @return the largest valid proposal, or {@code -1} (no scaling this sync; also for an empty list)
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

  /** {@code HPAScalingPolicyType}: the unit of a rate policy's {@code value}. */
  public enum PolicyType {
    /** {@code Pods}: at most {@code value} replicas per period. */
    PODS,
    /** {@code Percent}: at most {@code value} % of the replicas at the start of the period. */
    PERCENT
  }

  /** {@code selectPolicy}: which rate policy of a direction wins. */
  public enum SelectPolicy {
    /** {@code Max} (default): the policy allowing the largest change. */
    MAX,
    /** {@code Min}: the policy allowing the smallest change. */
    MIN,
    /** {@code Disabled}: no scaling in this direction. */
    DISABLED
  }

  /**
   * One rate policy ({@code HPAScalingPolicy}): at most {@code value} pods or percent per
   * {@code period}.
   *
   * @param type pods or percent
   * @param value the pods or percent allowed per period, &gt;= 1
   * @param period {@code periodSeconds}, in {@code (0 s, 1800 s]}
   */
  public record RatePolicy(PolicyType type, int value, Duration period) {
    /**
     * Validates the policy.
     *
     * @param type pods or percent
     * @param value the pods or percent allowed per period, &gt;= 1
     * @param period {@code periodSeconds}, in {@code (0 s, 1800 s]}
     * @throws IllegalArgumentException if {@code type} is null, {@code value < 1}, or
     *     {@code period} is null, not positive or above 1800 s
     */
    public RatePolicy {
      Check.notNull("type", type);
      Check.atLeast("value", value, 1);
      Check.positive("periodSeconds", period);
      if (period.compareTo(Duration.ofSeconds(1800)) > 0) {
        throw new IllegalArgumentException("periodSeconds must be <= 1800, but was " + period.toSeconds());
      }
    }

    /**
     * At most {@code value} pods per period.
     *
     * @param value pods, &gt;= 1
     * @param periodSeconds the period, seconds, in {@code [1, 1800]}
     * @return a {@link PolicyType#PODS} policy
     * @throws IllegalArgumentException if a value is out of range
     */
    public static RatePolicy pods(int value, long periodSeconds) {
      return new RatePolicy(PolicyType.PODS, value, Duration.ofSeconds(periodSeconds));
    }

    /**
     * At most {@code value} percent per period.
     *
     * @param value percent, &gt;= 1
     * @param periodSeconds the period, seconds, in {@code [1, 1800]}
     * @return a {@link PolicyType#PERCENT} policy
     * @throws IllegalArgumentException if a value is out of range
     */
    public static RatePolicy percent(int value, long periodSeconds) {
      return new RatePolicy(PolicyType.PERCENT, value, Duration.ofSeconds(periodSeconds));
    }
  }

  /**
   * HPAScalingRules of one direction. {@code stabilizationWindow} null on scale-down means the
   * controller's default (300 s).
   *
   * @param stabilizationWindow {@code stabilizationWindowSeconds}, in {@code [0 s, 3600 s]}, or null:
   *     the controller's downscale stabilization on scale-down, 0 s on scale-up
   * @param selectPolicy which rate policy wins
   * @param policies the rate policies (copied); an empty list allows no change in this direction
   *     with {@code Max}, and sets no limit with {@code Min}
   */
  public record ScalingRules(Duration stabilizationWindow, SelectPolicy selectPolicy, List<RatePolicy> policies) {
    /**
     * Validates the rules and copies {@code policies}.
     *
     * @param stabilizationWindow {@code stabilizationWindowSeconds}, in {@code [0 s, 3600 s]}, or null:
     *     the controller's downscale stabilization on scale-down, 0 s on scale-up
     * @param selectPolicy which rate policy wins
     * @param policies the rate policies (copied); an empty list allows no change in this direction
     *     with {@code Max}, and sets no limit with {@code Min}
     * @throws IllegalArgumentException if {@code stabilizationWindow} is negative or above 3600 s,
     *     or {@code selectPolicy} or {@code policies} is null
     */
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

  /**
   * A past recommendation.
   *
   * @param at when the sync made it
   * @param replicas the prenormalized replicas the metrics asked for
   */
  public record Recommendation(Instant at, int replicas) {}

  /**
   * A past scale event: how many replicas were added (scale-up list) or removed (scale-down list).
   *
   * @param at when the sync rescaled
   * @param change replicas added or removed, &gt; 0
   */
  public record ScaleEvent(Instant at, int change) {}

  /**
   * Legacy stabilization ({@code stabilizeRecommendation}): the highest of this recommendation and
   * every one not older than {@code window} (at or after {@code now − window}).
   *
   * @param prenormalized this sync's recommendation, replicas
   * @param recs the past recommendations
   * @param now the sync time
   * @param window the downscale stabilization window (default 300 s)
   * @return the stabilized recommendation, replicas
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

  /**
   * Legacy limits ({@code convertDesiredReplicasWithRules}): {@code desired} raised to {@code min},
   * or capped at {@code min(max, max(2 × current, 4))}.
   *
   * @param current the current replicas
   * @param desired the stabilized recommendation
   * @param min minReplicas
   * @param max maxReplicas
   * @return the replicas to set
   */
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
   * scale-down window. A recommendation is in a window when newer than {@code now − window}.
   *
   * @param current the current replicas
   * @param desired this sync's (prenormalized) recommendation, which counts in both windows
   * @param recs the past recommendations
   * @param now the sync time
   * @param upWindow the scale-up stabilization window (default 0 s)
   * @param downWindow the scale-down stabilization window (default 300 s)
   * @return {@code current} raised to at least the scale-up window's lowest and lowered to at most
   *     the scale-down window's highest recommendation
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

  /**
   * The most replicas the scale-up rules allow ({@code calculateScaleUpLimitWithScalingRules}). Per
   * rate policy, {@code start = current − added + removed} within its period (events newer than
   * {@code now − period}), and the limit {@code start + value} (Pods) or
   * {@code ceil(start × (1 + value ÷ 100))} (Percent); {@code Max} takes the largest, {@code Min}
   * the smallest.
   *
   * @param current the current replicas
   * @param upEvents past scale-up events
   * @param downEvents past scale-down events
   * @param rules the scale-up rules
   * @param now the sync time
   * @return the limit, replicas; {@code current} when the direction is disabled
   */
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

  /**
   * The fewest replicas the scale-down rules allow ({@code calculateScaleDownLimitWithBehaviors}).
   * Per rate policy, {@code start} as for {@link #scaleUpLimit}, and the limit {@code start − value}
   * (Pods) or {@code trunc(start × (1 − value ÷ 100))} (Percent); {@code Max} takes the lowest
   * limit (largest change), {@code Min} the highest.
   *
   * @param current the current replicas
   * @param upEvents past scale-up events
   * @param downEvents past scale-down events
   * @param rules the scale-down rules
   * @param now the sync time
   * @return the limit, replicas; {@code current} when the direction is disabled
   */
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

  /**
   * The outcome of the rate limits with the condition reason Kubernetes reports.
   *
   * @param replicas the replicas to set
   * @param reason {@code ScaleUpLimit}, {@code TooManyReplicas}, {@code ScaleDownLimit},
   *     {@code TooFewReplicas} or {@code DesiredWithinRange}
   */
  public record Limited(int replicas, String reason) {}

  /**
   * {@code convertDesiredReplicasWithBehaviorRate}: a scale-up is capped at
   * {@code min(max, max(scaleUpLimit, current))}, a scale-down raised to
   * {@code max(min, min(scaleDownLimit, current))}; otherwise {@code desired} stands.
   *
   * @param current the current replicas
   * @param desired the stabilized recommendation
   * @param min minReplicas
   * @param max maxReplicas
   * @param upEvents past scale-up events
   * @param downEvents past scale-down events
   * @param up the scale-up rules
   * @param down the scale-down rules
   * @param now the sync time
   * @return the replicas to set and the limiting reason
   */
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
