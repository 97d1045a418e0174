package dev.governor.policy.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Auto Scaling group scaled by step and/or simple scaling policies, each triggered by its own
 * CloudWatch alarm on one {@link QueueMetric}. Immutable; build with {@link #custom()}.
 *
 * @param name policy name for reports
 * @param minCapacity group minimum
 * @param maxCapacity group maximum
 * @param metric the metric every alarm watches
 * @param instanceWarmup step scaling's instance warmup (default 300 s)
 * @param policies the scaling policies with their alarms
 */
public record StepScalingConfig(String name, int minCapacity, int maxCapacity, QueueMetric metric,
    Duration instanceWarmup, List<Policy> policies) {
  public static final Duration DEFAULT_INSTANCE_WARMUP = Duration.ofSeconds(300);
  /** The group's DefaultCooldown, used by simple scaling. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(300);

  public enum Kind { STEP, SIMPLE }

  /**
   * One scaling policy.
   *
   * @param name its name
   * @param alarm the alarm that invokes it
   * @param kind step or simple
   * @param adjustmentType how adjustments are read
   * @param steps the step adjustments (STEP)
   * @param simpleAdjustment the ScalingAdjustment (SIMPLE)
   * @param minAdjustmentMagnitude MinAdjustmentMagnitude or null (PercentChangeInCapacity only)
   * @param cooldown the cooldown (SIMPLE)
   */
  public record Policy(String name, Alarm alarm, Kind kind, StepScaling.AdjustmentType adjustmentType,
      List<StepScaling.StepAdjustment> steps, int simpleAdjustment, Integer minAdjustmentMagnitude,
      Duration cooldown) {
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

    public static Policy step(String name, Alarm alarm, StepScaling.AdjustmentType type, Integer minAdjustmentMagnitude,
        List<StepScaling.StepAdjustment> steps) {
      return new Policy(name, alarm, Kind.STEP, type, steps, 0, minAdjustmentMagnitude, null);
    }

    public static Policy simple(String name, Alarm alarm, StepScaling.AdjustmentType type, int adjustment,
        Integer minAdjustmentMagnitude, Duration cooldown) {
      return new Policy(name, alarm, Kind.SIMPLE, type, List.of(), adjustment, minAdjustmentMagnitude, cooldown);
    }
  }

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

  public static Builder custom() {
    return new Builder();
  }

  public static final class Builder {
    private String name = "step";
    private int min = 0;
    private int max = Integer.MAX_VALUE;
    private QueueMetric metric = QueueMetric.backlogPerInstance();
    private Duration warmup = DEFAULT_INSTANCE_WARMUP;
    private final List<Policy> policies = new ArrayList<>();

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder minCapacity(int v) {
      min = v;
      return this;
    }

    public Builder maxCapacity(int v) {
      max = v;
      return this;
    }

    public Builder metric(QueueMetric v) {
      metric = v;
      return this;
    }

    public Builder instanceWarmup(Duration v) {
      warmup = v;
      return this;
    }

    public Builder policy(Policy p) {
      policies.add(p);
      return this;
    }

    public StepScalingConfig build() {
      return new StepScalingConfig(name, min, max, metric, warmup, policies);
    }
  }
}
