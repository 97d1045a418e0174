package dev.governor.policy.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A HorizontalPodAutoscaler ({@code autoscaling/v2}) over the instances of the fleet. Immutable;
 * build with {@link #custom()}. Defaults are Kubernetes': minReplicas 1, tolerance 0.1, downscale
 * stabilization 300 s, sync period 15 s, no {@code behavior} (the legacy normalisation).
 *
 * <p>The HPA syncs every {@code syncPeriod}; a Governor tick usually lasts longer (60 s), so each
 * tick runs {@code max(1, tick ÷ syncPeriod)} syncs at {@code now − (n−1−i) × syncPeriod}, each with
 * this tick's metric readings and the replica count the previous sync chose. This keeps the rate
 * policies ({@code periodSeconds} 15) and stabilization windows in real seconds.
 *
 * @param name policy name for reports
 * @param minReplicas minReplicas (0 needs the HPAScaleToZero gate in Kubernetes)
 * @param maxReplicas maxReplicas
 * @param metrics the metric specs (several → the largest proposal)
 * @param behavior the {@code behavior} stanza, or null for the legacy behaviour
 * @param tolerance the controller's tolerance
 * @param downscaleStabilization {@code --horizontal-pod-autoscaler-downscale-stabilization}
 * @param syncPeriod {@code --horizontal-pod-autoscaler-sync-period}
 * @param readinessDelay how long after its launch a RUNNING instance stays Running but not Ready
 *     (a readiness probe's {@code initialDelaySeconds}, counted from launch as Governor knows only the
 *     launch time); 0 (default) makes every RUNNING instance Ready. See {@link Hpa.PodState}.
 */
public record HpaConfig(String name, int minReplicas, int maxReplicas, List<HpaMetric> metrics, Behavior behavior,
    Hpa.Tolerance tolerance, Duration downscaleStabilization, Duration syncPeriod, Duration readinessDelay) {
  public static final Duration DEFAULT_DOWNSCALE_STABILIZATION = Duration.ofMinutes(5);
  public static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(15);

  /**
   * The {@code behavior} stanza with Kubernetes' defaults for any direction left null.
   */
  public record Behavior(Hpa.ScalingRules scaleUp, Hpa.ScalingRules scaleDown) {
    public Behavior {
      scaleUp = scaleUp == null ? Hpa.DEFAULT_SCALE_UP : scaleUp;
      scaleDown = scaleDown == null ? Hpa.DEFAULT_SCALE_DOWN : scaleDown;
    }

    /** {@code behavior: {}}: both directions defaulted. */
    public static Behavior defaults() {
      return new Behavior(null, null);
    }
  }

  public HpaConfig {
    Check.notNull("name", name);
    Check.atLeast("minReplicas", minReplicas, 0);
    Check.atLeast("maxReplicas", maxReplicas, 1);
    if (maxReplicas < minReplicas) {
      throw new IllegalArgumentException("maxReplicas must be >= minReplicas (" + minReplicas + "), but was " + maxReplicas);
    }
    metrics = List.copyOf(Check.notNull("metrics", metrics));
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("metrics must not be empty");
    }
    Check.notNull("tolerance", tolerance);
    Check.nonNegative("downscaleStabilization", downscaleStabilization);
    Check.positive("syncPeriod", syncPeriod);
    Check.nonNegative("readinessDelay", readinessDelay);
  }

  public static Builder custom() {
    return new Builder();
  }

  public static final class Builder {
    private String name = "hpa";
    private int min = 1;
    private int max = 10;
    private final List<HpaMetric> metrics = new ArrayList<>();
    private Behavior behavior;
    private Hpa.Tolerance tolerance = Hpa.Tolerance.DEFAULT;
    private Duration stabilization = DEFAULT_DOWNSCALE_STABILIZATION;
    private Duration sync = DEFAULT_SYNC_PERIOD;
    private Duration readinessDelay = Duration.ZERO;

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder minReplicas(int v) {
      min = v;
      return this;
    }

    public Builder maxReplicas(int v) {
      max = v;
      return this;
    }

    public Builder metric(HpaMetric m) {
      metrics.add(m);
      return this;
    }

    public Builder behavior(Behavior v) {
      behavior = v;
      return this;
    }

    public Builder tolerance(Hpa.Tolerance v) {
      tolerance = v;
      return this;
    }

    public Builder downscaleStabilization(Duration v) {
      stabilization = v;
      return this;
    }

    public Builder syncPeriod(Duration v) {
      sync = v;
      return this;
    }

    public Builder readinessDelay(Duration v) {
      readinessDelay = v;
      return this;
    }

    public HpaConfig build() {
      return new HpaConfig(name, min, max, metrics, behavior, tolerance, stabilization, sync, readinessDelay);
    }
  }
}
