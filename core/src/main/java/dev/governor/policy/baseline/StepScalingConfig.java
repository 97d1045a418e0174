package dev.governor.policy.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Auto Scaling group scaled by step and/or simple scaling policies, each triggered by its own
 * CloudWatch alarm on one {@link QueueMetric}. Immutable; build with {@link #custom()}.
 *
 * <p>When several alarms are in ALARM in one tick, the policy giving the largest capacity wins.
 *
 * @param name policy name for reports; not null (builder default {@code step})
 * @param minCapacity group minimum, instances, &gt;= 0 (builder default 0)
 * @param maxCapacity group maximum, instances, &gt;= {@code minCapacity} (builder default
 *     {@link Integer#MAX_VALUE})
 * @param metric the metric every alarm watches; not null (builder default
 *     {@link QueueMetric#backlogPerInstance()})
 * @param instanceWarmup step scaling's instance warmup, counted from launch, &gt;= 0 (default
 *     {@link #DEFAULT_INSTANCE_WARMUP}, 300 s)
 * @param policies the scaling policies with their alarms; at least one
 */
public record StepScalingConfig(String name, int minCapacity, int maxCapacity, QueueMetric metric,
    Duration instanceWarmup, List<Policy> policies) {
  /** Step scaling's default instance warmup: 300 s (the group's default cooldown). */
  public static final Duration DEFAULT_INSTANCE_WARMUP = Duration.ofSeconds(300);
  /** The group's DefaultCooldown, 300 s, used by simple scaling when a policy sets none. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(300);

  /** AWS's {@code PolicyType} of a scaling policy. */
  public enum Kind {
    /** {@code StepScaling}: step adjustments by how far the metric is past the threshold, with warmup. */
    STEP,
    /** {@code SimpleScaling}: one adjustment, then nothing until the activity completes and the cooldown ends. */
    SIMPLE
  }

  /**
   * One scaling policy.
   *
   * @param name its name, for reasons; not null
   * @param alarm the alarm that invokes it; its threshold is what step bounds are relative to
   * @param kind step or simple
   * @param adjustmentType how adjustments are read
   * @param steps the step adjustments (STEP; validated by {@link StepScaling#validateSteps}); null
   *     becomes empty
   * @param simpleAdjustment the ScalingAdjustment (SIMPLE; &gt;= 0 with ExactCapacity)
   * @param minAdjustmentMagnitude MinAdjustmentMagnitude, instances, &gt;= 1, or null; only allowed
   *     with PercentChangeInCapacity
   * @param cooldown the cooldown after a simple scaling activity (SIMPLE), &gt;= 0; null means
   *     {@link #DEFAULT_COOLDOWN} (300 s)
   */
  public record Policy(String name, Alarm alarm, Kind kind, StepScaling.AdjustmentType adjustmentType,
      List<StepScaling.StepAdjustment> steps, int simpleAdjustment, Integer minAdjustmentMagnitude,
      Duration cooldown) {
    /**
     * Validates the policy, copies {@code steps} and defaults {@code cooldown}.
     *
     * @param name its name, for reasons; not null
     * @param alarm the alarm that invokes it; its threshold is what step bounds are relative to
     * @param kind step or simple
     * @param adjustmentType how adjustments are read
     * @param steps the step adjustments (STEP; validated by {@link StepScaling#validateSteps}); null
     *     becomes empty
     * @param simpleAdjustment the ScalingAdjustment (SIMPLE; &gt;= 0 with ExactCapacity)
     * @param minAdjustmentMagnitude MinAdjustmentMagnitude, instances, &gt;= 1, or null; only allowed
     *     with PercentChangeInCapacity
     * @param cooldown the cooldown after a simple scaling activity (SIMPLE), &gt;= 0; null means
     *     {@link #DEFAULT_COOLDOWN} (300 s)
     * @throws IllegalArgumentException if {@code name}, {@code alarm}, {@code kind} or
     *     {@code adjustmentType} is null, a STEP policy's steps are invalid,
     *     {@code minAdjustmentMagnitude} is below 1 or set with another adjustment type, an
     *     ExactCapacity adjustment is negative, or {@code cooldown} is negative
     */
    public Policy {
      Check.notNull("name", name);
      Check.notNull("alarm", alarm);
      Check.notNull("kind", kind);
      Check.notNull("adjustmentType", adjustmentType);
      steps = steps == null ? List.of() : List.copyOf(steps);
      if (kind == Kind.STEP) {
        StepScaling.validateSteps(steps);
      }
      if (minAdjustmentMagnitude != null) {
        Check.atLeast("minAdjustmentMagnitude", minAdjustmentMagnitude, 1);
        if (adjustmentType != StepScaling.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
          throw new IllegalArgumentException("minAdjustmentMagnitude must only be set with PERCENT_CHANGE_IN_CAPACITY, "
              + "but adjustmentType was " + adjustmentType);
        }
      }
      if (adjustmentType == StepScaling.AdjustmentType.EXACT_CAPACITY) {
        for (StepScaling.StepAdjustment s : steps) {
          Check.atLeast("scalingAdjustment (ExactCapacity)", s.scalingAdjustment(), 0);
        }
        if (kind == Kind.SIMPLE) {
          Check.atLeast("simpleAdjustment (ExactCapacity)", simpleAdjustment, 0);
        }
      }
      cooldown = Check.nonNegative("cooldown", cooldown == null ? DEFAULT_COOLDOWN : cooldown);
    }

    /**
     * A step scaling policy.
     *
     * @param name its name
     * @param alarm the alarm that invokes it
     * @param type how step adjustments are read
     * @param minAdjustmentMagnitude MinAdjustmentMagnitude, instances, or null (PercentChangeInCapacity only)
     * @param steps the step adjustments, relative to the alarm threshold
     * @return the policy
     * @throws IllegalArgumentException as the record constructor does
     */
    public static Policy step(String name, Alarm alarm, StepScaling.AdjustmentType type, Integer minAdjustmentMagnitude,
        List<StepScaling.StepAdjustment> steps) {
      return new Policy(name, alarm, Kind.STEP, type, steps, 0, minAdjustmentMagnitude, null);
    }

    /**
     * A simple scaling policy.
     *
     * @param name its name
     * @param alarm the alarm that invokes it
     * @param type how {@code adjustment} is read
     * @param adjustment the ScalingAdjustment
     * @param minAdjustmentMagnitude MinAdjustmentMagnitude, instances, or null (PercentChangeInCapacity only)
     * @param cooldown the cooldown after its activity, or null for {@link #DEFAULT_COOLDOWN} (300 s)
     * @return the policy
     * @throws IllegalArgumentException as the record constructor does
     */
    public static Policy simple(String name, Alarm alarm, StepScaling.AdjustmentType type, int adjustment,
        Integer minAdjustmentMagnitude, Duration cooldown) {
      return new Policy(name, alarm, Kind.SIMPLE, type, List.of(), adjustment, minAdjustmentMagnitude, cooldown);
    }
  }

  /**
   * Validates the config and copies {@code policies}.
   *
   * @param name policy name for reports; not null (builder default {@code step})
   * @param minCapacity group minimum, instances, &gt;= 0 (builder default 0)
   * @param maxCapacity group maximum, instances, &gt;= {@code minCapacity} (builder default
   *     {@link Integer#MAX_VALUE})
   * @param metric the metric every alarm watches; not null (builder default
   *     {@link QueueMetric#backlogPerInstance()})
   * @param instanceWarmup step scaling's instance warmup, counted from launch, &gt;= 0 (default
   *     {@link #DEFAULT_INSTANCE_WARMUP}, 300 s)
   * @param policies the scaling policies with their alarms; at least one
   * @throws IllegalArgumentException if {@code name} or {@code metric} is null, {@code minCapacity < 0},
   *     {@code maxCapacity < minCapacity}, {@code instanceWarmup} is null or negative, or
   *     {@code policies} is null or empty
   */
  public StepScalingConfig {
    Check.notNull("name", name);
    Check.minMax(minCapacity, maxCapacity);
    Check.notNull("metric", metric);
    Check.nonNegative("instanceWarmup", instanceWarmup);
    policies = List.copyOf(Check.notNull("policies", policies));
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("policies must not be empty");
    }
  }

  /**
   * A builder with the defaults: name {@code step}, capacity {@code [0, Integer.MAX_VALUE]}, backlog
   * per instance, warmup 300 s, and no policy yet (add at least one).
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /** Builds a {@link StepScalingConfig}; not thread-safe. Each setter returns this builder. */
  public static final class Builder {
    private String name = "step";
    private int min = 0;
    private int max = Integer.MAX_VALUE;
    private QueueMetric metric = QueueMetric.backlogPerInstance();
    private Duration warmup = DEFAULT_INSTANCE_WARMUP;
    private final List<Policy> policies = new ArrayList<>();

    /**
     * Sets the policy name for reports.
     *
     * @param v the name (default {@code step})
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
     * Sets the metric every alarm watches.
     *
     * @param v the metric (default {@link QueueMetric#backlogPerInstance()})
     * @return this builder
     */
    public Builder metric(QueueMetric v) {
      metric = v;
      return this;
    }

    /**
     * Sets step scaling's instance warmup, counted from launch.
     *
     * @param v the warmup, &gt;= 0 (default 300 s)
     * @return this builder
     */
    public Builder instanceWarmup(Duration v) {
      warmup = v;
      return this;
    }

    /**
     * Adds a scaling policy.
     *
     * @param p the policy with its alarm
     * @return this builder
     */
    public Builder policy(Policy p) {
      policies.add(p);
      return this;
    }

    /**
     * Builds the config.
     *
     * @return the validated config
     * @throws IllegalArgumentException as {@link StepScalingConfig}'s constructor does
     */
    public StepScalingConfig build() {
      return new StepScalingConfig(name, min, max, metric, warmup, policies);
    }
  }
}
