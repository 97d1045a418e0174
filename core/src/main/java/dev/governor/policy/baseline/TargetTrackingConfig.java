package dev.governor.policy.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Auto Scaling group with one or more target tracking policies. Immutable; build with
 * {@link #custom()}. Defaults are AWS's: AlarmHigh 3 of 3, AlarmLow 15 of 15 one-minute
 * datapoints, instance warmup 300 s (EstimatedInstanceWarmup falls back to the default cooldown,
 * 300 s), scale-in enabled.
 *
 * <p>{@code scaleInThresholdRatio} is the AlarmLow threshold as a fraction of the target. AWS does
 * not document it; the alarms it creates show {@code < 0.9 × target} (e.g. "CPUUtilization &lt; 36"
 * for a target of 40, "&lt; 63" for 70) and on some newer groups {@code 0.7 × target}; the default
 * is 0.9.
 *
 * @param name policy name for reports; not null (builder default {@code target-tracking})
 * @param minCapacity group minimum, instances, &gt;= 0 (builder default 0)
 * @param maxCapacity group maximum, instances, &gt;= {@code minCapacity} (builder default
 *     {@link Integer#MAX_VALUE})
 * @param instanceWarmup time after launch during which an instance is not counted on scale-out
 *     and blocks scale-in, &gt;= 0 (default {@link #DEFAULT_INSTANCE_WARMUP}, 300 s)
 * @param scaleOutDatapoints M = N of AlarmHigh, in ticks, &gt;= 1 (default
 *     {@link #DEFAULT_SCALE_OUT_DATAPOINTS}, 3)
 * @param scaleInDatapoints M = N of AlarmLow, in ticks, &gt;= 1 (default
 *     {@link #DEFAULT_SCALE_IN_DATAPOINTS}, 15)
 * @param scaleInThresholdRatio AlarmLow threshold ÷ target, in (0, 1] (default
 *     {@link #DEFAULT_SCALE_IN_THRESHOLD_RATIO}, 0.9)
 * @param metrics the target tracking policies, each a metric and target value; at least one
 */
public record TargetTrackingConfig(String name, int minCapacity, int maxCapacity, Duration instanceWarmup,
    int scaleOutDatapoints, int scaleInDatapoints, double scaleInThresholdRatio, List<Tracked> metrics) {
  /** AWS's default instance warmup: 300 s (the group's default cooldown). */
  public static final Duration DEFAULT_INSTANCE_WARMUP = Duration.ofSeconds(300);
  /** AlarmHigh's AWS default: 3 of 3 one-minute datapoints. */
  public static final int DEFAULT_SCALE_OUT_DATAPOINTS = 3;
  /** AlarmLow's AWS default: 15 of 15 one-minute datapoints. */
  public static final int DEFAULT_SCALE_IN_DATAPOINTS = 15;
  /** AlarmLow's threshold as a fraction of the target seen on AWS-created alarms: 0.9. */
  public static final double DEFAULT_SCALE_IN_THRESHOLD_RATIO = 0.9;

  /**
   * One target tracking policy.
   *
   * @param metric what is tracked; not null
   * @param targetValue the TargetValue, in the metric's unit (messages per instance for backlog
   *     per instance), &gt; 0 and finite
   * @param disableScaleIn DisableScaleIn: true means this policy never removes capacity and has no
   *     vote on scale-in when several policies are combined
   */
  public record Tracked(QueueMetric metric, double targetValue, boolean disableScaleIn) {
    /**
     * Validates the policy.
     *
     * @param metric what is tracked; not null
     * @param targetValue the TargetValue, in the metric's unit (messages per instance for backlog
     *     per instance), &gt; 0 and finite
     * @param disableScaleIn DisableScaleIn: true means this policy never removes capacity and has no
     *     vote on scale-in when several policies are combined
     * @throws IllegalArgumentException if {@code metric} is null or {@code targetValue} is not
     *     positive and finite
     */
    public Tracked {
      Check.notNull("metric", metric);
      Check.positive("targetValue", targetValue);
    }
  }

  /**
   * Validates the config and copies {@code metrics}.
   *
   * @param name policy name for reports; not null (builder default {@code target-tracking})
   * @param minCapacity group minimum, instances, &gt;= 0 (builder default 0)
   * @param maxCapacity group maximum, instances, &gt;= {@code minCapacity} (builder default
   *     {@link Integer#MAX_VALUE})
   * @param instanceWarmup time after launch during which an instance is not counted on scale-out
   *     and blocks scale-in, &gt;= 0 (default {@link #DEFAULT_INSTANCE_WARMUP}, 300 s)
   * @param scaleOutDatapoints M = N of AlarmHigh, in ticks, &gt;= 1 (default
   *     {@link #DEFAULT_SCALE_OUT_DATAPOINTS}, 3)
   * @param scaleInDatapoints M = N of AlarmLow, in ticks, &gt;= 1 (default
   *     {@link #DEFAULT_SCALE_IN_DATAPOINTS}, 15)
   * @param scaleInThresholdRatio AlarmLow threshold ÷ target, in (0, 1] (default
   *     {@link #DEFAULT_SCALE_IN_THRESHOLD_RATIO}, 0.9)
   * @param metrics the target tracking policies, each a metric and target value; at least one
   * @throws IllegalArgumentException if {@code name} is null, {@code minCapacity < 0},
   *     {@code maxCapacity < minCapacity}, {@code instanceWarmup} is null or negative, a datapoint
   *     count is below 1, {@code scaleInThresholdRatio} is outside (0, 1], or {@code metrics} is
   *     null or empty
   */
  public TargetTrackingConfig {
    Check.notNull("name", name);
    Check.minMax(minCapacity, maxCapacity);
    Check.nonNegative("instanceWarmup", instanceWarmup);
    Check.atLeast("scaleOutDatapoints", scaleOutDatapoints, 1);
    Check.atLeast("scaleInDatapoints", scaleInDatapoints, 1);
    if (!(scaleInThresholdRatio > 0 && scaleInThresholdRatio <= 1)) {
      throw new IllegalArgumentException("scaleInThresholdRatio must be in (0, 1], but was " + scaleInThresholdRatio);
    }
    metrics = List.copyOf(Check.notNull("metrics", metrics));
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("metrics must not be empty");
    }
  }

  /**
   * A builder with AWS's defaults, name {@code target-tracking}, capacity {@code [0, Integer.MAX_VALUE]}
   * and no tracked metric yet (add at least one).
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /** Builds a {@link TargetTrackingConfig}; not thread-safe. Each setter returns this builder. */
  public static final class Builder {
    private String name = "target-tracking";
    private int min = 0;
    private int max = Integer.MAX_VALUE;
    private Duration warmup = DEFAULT_INSTANCE_WARMUP;
    private int outPoints = DEFAULT_SCALE_OUT_DATAPOINTS;
    private int inPoints = DEFAULT_SCALE_IN_DATAPOINTS;
    private double ratio = DEFAULT_SCALE_IN_THRESHOLD_RATIO;
    private final List<Tracked> metrics = new ArrayList<>();

    /**
     * Sets the policy name for reports.
     *
     * @param v the name (default {@code target-tracking})
     * @return this builder
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /**
     * Sets the group minimum.
     *
     * @param v instances, &gt;= 0 (default 0)
     * @return this builder
     */
    public Builder minCapacity(int v) {
      min = v;
      return this;
    }

    /**
     * Sets the group maximum.
     *
     * @param v instances, &gt;= the minimum (default {@link Integer#MAX_VALUE})
     * @return this builder
     */
    public Builder maxCapacity(int v) {
      max = v;
      return this;
    }

    /**
     * Sets the instance warmup, counted from launch.
     *
     * @param v the warmup, &gt;= 0 (default 300 s)
     * @return this builder
     */
    public Builder instanceWarmup(Duration v) {
      warmup = v;
      return this;
    }

    /**
     * Sets M = N of AlarmHigh.
     *
     * @param v datapoints (ticks), &gt;= 1 (default 3)
     * @return this builder
     */
    public Builder scaleOutDatapoints(int v) {
      outPoints = v;
      return this;
    }

    /**
     * Sets M = N of AlarmLow.
     *
     * @param v datapoints (ticks), &gt;= 1 (default 15)
     * @return this builder
     */
    public Builder scaleInDatapoints(int v) {
      inPoints = v;
      return this;
    }

    /**
     * Sets AlarmLow's threshold as a fraction of each target.
     *
     * @param v the ratio, in (0, 1] (default 0.9)
     * @return this builder
     */
    public Builder scaleInThresholdRatio(double v) {
      ratio = v;
      return this;
    }

    /**
     * Adds a target tracking policy on the backlog per instance of every class
     * ({@link QueueMetric#backlogPerInstance()}), scale-in enabled.
     *
     * @param target the target backlog per instance, messages, &gt; 0
     * @return this builder
     * @throws IllegalArgumentException if {@code target} is not positive and finite
     */
    public Builder backlogPerInstanceTarget(double target) {
      return track(new Tracked(QueueMetric.backlogPerInstance(), target, false));
    }

    /**
     * Adds a target tracking policy.
     *
     * @param t the policy
     * @return this builder
     */
    public Builder track(Tracked t) {
      metrics.add(t);
      return this;
    }

    /**
     * Builds the config.
     *
     * @return the validated config
     * @throws IllegalArgumentException as {@link TargetTrackingConfig}'s constructor does
     */
    public TargetTrackingConfig build() {
      return new TargetTrackingConfig(name, min, max, warmup, outPoints, inPoints, ratio, metrics);
    }
  }
}
