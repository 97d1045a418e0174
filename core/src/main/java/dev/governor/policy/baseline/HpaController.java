package dev.governor.policy.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state one HPA keeps between syncs — its recommendations and, with {@code behavior}, its
 * scale events — and the reconcile step of {@code horizontal.go} around the pure {@link Hpa}
 * functions. Used by {@link HpaPolicy} and {@link KedaSqsPolicy}.
 */
public final class HpaController {
  private final int minReplicas;
  private final int maxReplicas;
  private final HpaConfig.Behavior behavior;
  private final Duration downscaleStabilization;
  private final List<Hpa.Recommendation> recommendations = new ArrayList<>();
  private final List<Hpa.ScaleEvent> upEvents = new ArrayList<>();
  private final List<Hpa.ScaleEvent> downEvents = new ArrayList<>();

  /** What one sync decided and why. */
  public record Sync(int replicas, String explanation) {}

  public HpaController(int minReplicas, int maxReplicas, HpaConfig.Behavior behavior, Duration downscaleStabilization) {
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.behavior = behavior;
    this.downscaleStabilization = downscaleStabilization;
  }

  /**
   * One reconcile: {@code current} is the scale target's replicas (spec), {@code metrics} this
   * sync's per-metric proposals.
   */
  public Sync sync(Instant now, int current, List<Hpa.MetricResult> metrics) {
    if (recommendations.isEmpty()) {
      recommendations.add(new Hpa.Recommendation(now, current));
    }
    int desired;
    String why;
    if (current == 0 && minReplicas != 0) {
      return new Sync(0, "ScalingDisabled: the target has 0 replicas (minReplicas " + minReplicas + ")");
    } else if (current > maxReplicas) {
      desired = maxReplicas;
      why = "current " + current + " above maxReplicas";
    } else if (current < minReplicas) {
      desired = minReplicas;
      why = "current " + current + " below minReplicas";
    } else {
      int fromMetrics = Hpa.maxOfMetrics(current, metrics);
      if (fromMetrics < 0) {
        return new Sync(current, "invalid metrics, not scaling: " + describe(metrics));
      }
      int pre = Math.max(0, fromMetrics);
      if (behavior == null) {
        int stabilized = Hpa.stabilizeLegacy(pre, recommendations, now, downscaleStabilization);
        record(now, pre, downscaleStabilization);
        desired = Hpa.convertWithRules(current, stabilized, minReplicas, maxReplicas);
        why = "metrics want " + pre + "; highest in " + downscaleStabilization.toSeconds() + " s " + stabilized
            + "; limits [" + minReplicas + ", min(" + maxReplicas + ", max(2 × " + current + ", 4))] → " + desired;
      } else {
        Duration down = behavior.scaleDown().stabilizationWindow() == null ? downscaleStabilization
            : behavior.scaleDown().stabilizationWindow();
        Duration up = behavior.scaleUp().stabilizationWindow() == null ? Duration.ZERO
            : behavior.scaleUp().stabilizationWindow();
        int stabilized = Hpa.stabilizeWithBehavior(current, pre, recommendations, now, up, down);
        record(now, pre, up.compareTo(down) > 0 ? up : down);
        Hpa.Limited lim = Hpa.convertWithBehaviorRate(current, stabilized, minReplicas, maxReplicas, upEvents, downEvents,
            behavior.scaleUp(), behavior.scaleDown(), now);
        desired = lim.replicas();
        why = "metrics want " + pre + "; stabilized (up " + up.toSeconds() + " s, down " + down.toSeconds() + " s) "
            + stabilized + "; " + lim.reason() + " → " + desired;
      }
    }
    if (desired != current && behavior != null) {
      storeEvent(now, current, desired);
    }
    return new Sync(desired, why + (metrics.isEmpty() ? "" : " [" + describe(metrics) + "]"));
  }

  private void record(Instant now, int replicas, Duration keep) {
    Instant cutoff = now.minus(keep);
    recommendations.removeIf(r -> r.at().isBefore(cutoff));
    recommendations.add(new Hpa.Recommendation(now, replicas));
  }

  private void storeEvent(Instant now, int prev, int next) {
    if (next > prev) {
      Instant cutoff = now.minus(behavior.scaleUp().longestPeriod());
      upEvents.removeIf(e -> e.at().isBefore(cutoff));
      upEvents.add(new Hpa.ScaleEvent(now, next - prev));
    } else {
      Instant cutoff = now.minus(behavior.scaleDown().longestPeriod());
      downEvents.removeIf(e -> e.at().isBefore(cutoff));
      downEvents.add(new Hpa.ScaleEvent(now, prev - next));
    }
  }

  private static String describe(List<Hpa.MetricResult> metrics) {
    StringBuilder sb = new StringBuilder();
    for (Hpa.MetricResult m : metrics) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(m.metric()).append(": ").append(m.detail());
    }
    return sb.toString();
  }
}
