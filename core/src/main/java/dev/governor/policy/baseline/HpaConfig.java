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
 * @param name policy name for reports; not null (builder default {@code hpa})
 * @param minReplicas minReplicas, &gt;= 0 (0 needs the HPAScaleToZero gate in Kubernetes; builder
 *     default 1)
 * @param maxReplicas maxReplicas, &gt;= max(1, minReplicas) (builder default 10)
 * @param metrics the metric specs (several → the largest proposal); at least one
 * @param behavior the {@code behavior} stanza, or null (builder default) for the legacy behaviour
 * @param tolerance the controller's tolerance (default {@link Hpa.Tolerance#DEFAULT}, 0.1 each way)
 * @param downscaleStabilization {@code --horizontal-pod-autoscaler-downscale-stabilization}, &gt;= 0
 *     (default {@link #DEFAULT_DOWNSCALE_STABILIZATION}, 300 s); also the scale-down window of a
 *     {@code behavior} that leaves it null
 * @param syncPeriod {@code --horizontal-pod-autoscaler-sync-period}, &gt; 0 (default
 *     {@link #DEFAULT_SYNC_PERIOD}, 15 s)
 * @param readinessDelay how long after its launch a RUNNING instance stays Running but not Ready
 *     (a readiness probe's {@code initialDelaySeconds}, counted from launch as Governor knows only the
 *     launch time); 0 (default) makes every RUNNING instance Ready. See {@link Hpa.PodState}.
 */
public record HpaConfig(String name, int minReplicas, int maxReplicas, List<HpaMetric> metrics, Behavior behavior,
    Hpa.Tolerance tolerance, Duration downscaleStabilization, Duration syncPeriod, Duration readinessDelay) {
  /** The kube-controller-manager's default downscale stabilization window: 5 minutes. */
  public static final Duration DEFAULT_DOWNSCALE_STABILIZATION = Duration.ofMinutes(5);
  /** The kube-controller-manager's default HPA sync period: 15 s. */
  public static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(15);

  /**
   * The {@code behavior} stanza with Kubernetes' defaults for any direction left null.
   *
   * @param scaleUp the scale-up rules; null means {@link Hpa#DEFAULT_SCALE_UP} (0 s window, Max of
   *     4 pods and 100 % per 15 s)
   * @param scaleDown the scale-down rules; null means {@link Hpa#DEFAULT_SCALE_DOWN} (the
   *     controller's 300 s window, 100 % per 15 s)
   */
  public record Behavior(Hpa.ScalingRules scaleUp, Hpa.ScalingRules scaleDown) {
    /**
     * Replaces a null direction with Kubernetes' default rules.
     *
     * @param scaleUp the scale-up rules; null means {@link Hpa#DEFAULT_SCALE_UP} (0 s window, Max of
     *     4 pods and 100 % per 15 s)
     * @param scaleDown the scale-down rules; null means {@link Hpa#DEFAULT_SCALE_DOWN} (the
     *     controller's 300 s window, 100 % per 15 s)
     */
    public Behavior {
      scaleUp = scaleUp == null ? Hpa.DEFAULT_SCALE_UP : scaleUp;
      scaleDown = scaleDown == null ? Hpa.DEFAULT_SCALE_DOWN : scaleDown;
    }

    /**
     * {@code behavior: {}}: both directions defaulted.
     *
     * @return a behavior with {@link Hpa#DEFAULT_SCALE_UP} and {@link Hpa#DEFAULT_SCALE_DOWN}
     */
    public static Behavior defaults() {
      return new Behavior(null, null);
    }
  }

  /**
   * Validates the config and copies {@code metrics}.
   *
   * @param name policy name for reports; not null (builder default {@code hpa})
   * @param minReplicas minReplicas, &gt;= 0 (0 needs the HPAScaleToZero gate in Kubernetes; builder
   *     default 1)
   * @param maxReplicas maxReplicas, &gt;= max(1, minReplicas) (builder default 10)
   * @param metrics the metric specs (several → the largest proposal); at least one
   * @param behavior the {@code behavior} stanza, or null (builder default) for the legacy behaviour
   * @param tolerance the controller's tolerance (default {@link Hpa.Tolerance#DEFAULT}, 0.1 each way)
   * @param downscaleStabilization {@code --horizontal-pod-autoscaler-downscale-stabilization}, &gt;= 0
   *     (default {@link #DEFAULT_DOWNSCALE_STABILIZATION}, 300 s); also the scale-down window of a
   *     {@code behavior} that leaves it null
   * @param syncPeriod {@code --horizontal-pod-autoscaler-sync-period}, &gt; 0 (default
   *     {@link #DEFAULT_SYNC_PERIOD}, 15 s)
   * @param readinessDelay how long after its launch a RUNNING instance stays Running but not Ready
   *     (a readiness probe's {@code initialDelaySeconds}, counted from launch as Governor knows only the
   *     launch time); 0 (default) makes every RUNNING instance Ready. See {@link Hpa.PodState}.
   * @throws IllegalArgumentException if {@code name} or {@code tolerance} is null,
   *     {@code minReplicas < 0}, {@code maxReplicas < 1} or {@code < minReplicas}, {@code metrics}
   *     is null or empty, {@code downscaleStabilization} or {@code readinessDelay} is null or
   *     negative, or {@code syncPeriod} is null or not positive
   */
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

  /**
   * A builder with Kubernetes' defaults, name {@code hpa}, replicas {@code [1, 10]} and no metric
   * yet (add at least one).
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /** Builds an {@link HpaConfig}; not thread-safe. Each setter returns this builder. */
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

    /**
     * Sets the policy name for reports.
     *
     * @param v the name (default {@code hpa})
     * @return this builder
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /**
     * Sets minReplicas.
     *
     * @param v instances, &gt;= 0 (default 1)
     * @return this builder
     */
    public Builder minReplicas(int v) {
      min = v;
      return this;
    }

    /**
     * Sets maxReplicas.
     *
     * @param v instances, &gt;= max(1, minReplicas) (default 10)
     * @return this builder
     */
    public Builder maxReplicas(int v) {
      max = v;
      return this;
    }

    /**
     * Adds a metric spec.
     *
     * @param m the metric
     * @return this builder
     */
    public Builder metric(HpaMetric m) {
      metrics.add(m);
      return this;
    }

    /**
     * Sets the {@code behavior} stanza.
     *
     * @param v the behavior, or null (default) for the legacy normalisation
     * @return this builder
     */
    public Builder behavior(Behavior v) {
      behavior = v;
      return this;
    }

    /**
     * Sets the controller's tolerance.
     *
     * @param v the tolerance (default 0.1 each way)
     * @return this builder
     */
    public Builder tolerance(Hpa.Tolerance v) {
      tolerance = v;
      return this;
    }

    /**
     * Sets the controller's downscale stabilization window.
     *
     * @param v the window, &gt;= 0 (default 300 s)
     * @return this builder
     */
    public Builder downscaleStabilization(Duration v) {
      stabilization = v;
      return this;
    }

    /**
     * Sets the controller's sync period.
     *
     * @param v the period, &gt; 0 (default 15 s)
     * @return this builder
     */
    public Builder syncPeriod(Duration v) {
      sync = v;
      return this;
    }

    /**
     * Sets how long after launch a RUNNING instance is Running but not Ready.
     *
     * @param v the delay, &gt;= 0 (default 0: Ready when RUNNING)
     * @return this builder
     */
    public Builder readinessDelay(Duration v) {
      readinessDelay = v;
      return this;
    }

    /**
     * Builds the config.
     *
     * @return the validated config
     * @throws IllegalArgumentException as {@link HpaConfig}'s constructor does
     */
    public HpaConfig build() {
      return new HpaConfig(name, min, max, metrics, behavior, tolerance, stabilization, sync, readinessDelay);
    }
  }
}
