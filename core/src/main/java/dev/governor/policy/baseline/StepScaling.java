package dev.governor.policy.baseline;

import java.util.List;

/**
 * The pure core of EC2 Auto Scaling step and simple scaling (inputs → new desired capacity); the
 * alarm datapoints and the simple-scaling cooldown live in {@link StepScalingPolicy}.
 *
 * <p>Source: Amazon EC2 Auto Scaling User Guide, "Step and simple scaling policies" (scaling
 * adjustment types, step adjustments, instance warmup) and the API reference of
 * {@code StepAdjustment} and {@code MinAdjustmentMagnitude}.
 *
 * <ul>
 *   <li>Step bounds are relative to the alarm threshold: with the metric above the threshold the
 *       lower bound is inclusive and the upper exclusive, below it the lower is exclusive and the
 *       upper inclusive ({@code null} = infinity). At exactly the threshold both readings are tried.
 *   <li>{@code ChangeInCapacity}: change = adjustment. {@code ExactCapacity}: new = adjustment.
 *       {@code PercentChangeInCapacity}: change = capacity × adjustment ÷ 100 rounded as AWS does
 *       ({@link #roundPercentChange}), then raised to {@code MinAdjustmentMagnitude} in magnitude.
 *   <li>Scale-out: the capacity is the instances past their warmup, and the new desired capacity
 *       is {@code max(desired, warmed + change)}, so breaches inside the same step while instances
 *       warm add nothing ("10 % of 10 is 1, desired is already 11"), and a bigger step adds only
 *       the difference ("30 % of 10 is 3, desired 11 → 13").
 *   <li>Scale-in: the capacity is the desired capacity ({@code desired + change}); it cannot start
 *       while a scale-out is in progress.
 *   <li>Simple scaling: {@code desired + change}, then nothing until the scaling activity has
 *       completed and the cooldown (default 300 s) has passed.
 *   <li>The result is clamped to [min, max].
 * </ul>
 */
public final class StepScaling {
  private StepScaling() {}

  /** AWS's {@code AdjustmentType}: how a scaling adjustment is read. */
  public enum AdjustmentType {
    /** {@code ChangeInCapacity}: add (positive) or remove (negative) that many instances. */
    CHANGE_IN_CAPACITY,
    /** {@code ExactCapacity}: set the capacity to the adjustment, &gt;= 0. */
    EXACT_CAPACITY,
    /**
     * {@code PercentChangeInCapacity}: change by that percent of the capacity, rounded by
     * {@link #roundPercentChange} and raised to {@code MinAdjustmentMagnitude} when one is set.
     */
    PERCENT_CHANGE_IN_CAPACITY
  }

  /**
   * One step: applies when {@code metric − threshold} lies between the bounds.
   *
   * @param lowerBound {@code MetricIntervalLowerBound}, relative to the alarm threshold in the
   *     metric's unit; null for −∞
   * @param upperBound {@code MetricIntervalUpperBound}, relative to the alarm threshold; null for
   *     +∞; greater than {@code lowerBound} when both are set
   * @param scalingAdjustment the adjustment, interpreted by the policy's adjustment type (instances,
   *     an exact capacity, or percent)
   */
  public record StepAdjustment(Double lowerBound, Double upperBound, int scalingAdjustment) {
    /**
     * Validates the bounds.
     *
     * @param lowerBound {@code MetricIntervalLowerBound}, relative to the alarm threshold in the
     *     metric's unit; null for −∞
     * @param upperBound {@code MetricIntervalUpperBound}, relative to the alarm threshold; null for
     *     +∞; greater than {@code lowerBound} when both are set
     * @param scalingAdjustment the adjustment, interpreted by the policy's adjustment type (instances,
     *     an exact capacity, or percent)
     * @throws IllegalArgumentException if both bounds are null, or {@code upperBound <= lowerBound}
     */
    public StepAdjustment {
      if (lowerBound == null && upperBound == null) {
        throw new IllegalArgumentException("lowerBound and upperBound must not both be null");
      }
      if (lowerBound != null && upperBound != null && !(lowerBound < upperBound)) {
        throw new IllegalArgumentException("upperBound must be > lowerBound (" + lowerBound + "), but was " + upperBound);
      }
    }

    /**
     * A step adjustment.
     *
     * @param lower the lower bound relative to the threshold, null for −∞
     * @param upper the upper bound relative to the threshold, null for +∞
     * @param adjustment the scaling adjustment
     * @return the step
     * @throws IllegalArgumentException if both bounds are null or {@code upper <= lower}
     */
    public static StepAdjustment of(Double lower, Double upper, int adjustment) {
      return new StepAdjustment(lower, upper, adjustment);
    }

    String describe() {
      return "[" + (lowerBound == null ? "-inf" : Check.n(lowerBound)) + ", "
          + (upperBound == null ? "+inf" : Check.n(upperBound)) + "] → " + scalingAdjustment;
    }
  }

  /**
   * Checks AWS's rules for the steps of one policy: ranges neither overlap nor leave a gap, at most
   * one null lower and one null upper bound, a negative lower bound needs a null lower bound
   * somewhere and a positive upper bound a null upper bound.
   *
   * @param steps the steps of one policy, in any order
   * @throws IllegalArgumentException if {@code steps} is null or empty, or breaks one of the rules
   *     (the message says which)
   */
  public static void validateSteps(List<StepAdjustment> steps) {
    if (steps == null || steps.isEmpty()) {
      throw new IllegalArgumentException("steps must not be empty");
    }
    List<StepAdjustment> sorted = new java.util.ArrayList<>(steps);
    sorted.sort((a, b) -> Double.compare(a.lowerBound() == null ? Double.NEGATIVE_INFINITY : a.lowerBound(),
        b.lowerBound() == null ? Double.NEGATIVE_INFINITY : b.lowerBound()));
    int nullLower = 0;
    int nullUpper = 0;
    boolean negativeLower = false;
    boolean positiveUpper = false;
    for (StepAdjustment s : steps) {
      if (s.lowerBound() == null) {
        nullLower++;
      } else if (s.lowerBound() < 0) {
        negativeLower = true;
      }
      if (s.upperBound() == null) {
        nullUpper++;
      } else if (s.upperBound() > 0) {
        positiveUpper = true;
      }
    }
    if (nullLower > 1) {
      throw new IllegalArgumentException("steps must have at most one null lowerBound, but had " + nullLower);
    }
    if (nullUpper > 1) {
      throw new IllegalArgumentException("steps must have at most one null upperBound, but had " + nullUpper);
    }
    if (negativeLower && nullLower == 0) {
      throw new IllegalArgumentException("steps with a negative lowerBound need a step with a null lowerBound");
    }
    if (positiveUpper && nullUpper == 0) {
      throw new IllegalArgumentException("steps with a positive upperBound need a step with a null upperBound");
    }
    for (int i = 1; i < sorted.size(); i++) {
      Double prevUpper = sorted.get(i - 1).upperBound();
      Double lower = sorted.get(i).lowerBound();
      if (prevUpper == null || lower == null || prevUpper.doubleValue() != lower.doubleValue()) {
        throw new IllegalArgumentException("steps must neither overlap nor leave a gap, but "
            + sorted.get(i - 1).describe() + " is followed by " + sorted.get(i).describe());
      }
    }
  }

  /**
   * The step for {@code metric} against {@code threshold}: the first step whose bounds contain
   * {@code metric − threshold}, read as {@code [lower, upper)} when the difference is &gt;= 0 and as
   * {@code (lower, upper]} when it is &lt;= 0 (at exactly 0 both readings are tried, in that order).
   *
   * @param steps the policy's steps
   * @param metric the metric value
   * @param threshold the alarm threshold
   * @return the step that applies, or {@code null} if none does
   */
  public static StepAdjustment select(List<StepAdjustment> steps, double metric, double threshold) {
    double d = metric - threshold;
    if (d >= 0) {
      for (StepAdjustment s : steps) {
        if ((s.lowerBound() == null || d >= s.lowerBound()) && (s.upperBound() == null || d < s.upperBound())) {
          return s;
        }
      }
    }
    if (d <= 0) {
      for (StepAdjustment s : steps) {
        if ((s.lowerBound() == null || d > s.lowerBound()) && (s.upperBound() == null || d <= s.upperBound())) {
          return s;
        }
      }
    }
    return null;
  }

  /**
   * AWS's rounding of a non-integer PercentChangeInCapacity result: above 1 rounded down (12.7 →
   * 12), between 0 and 1 to 1 (.67 → 1), between 0 and −1 to −1 (−.58 → −1), below −1 rounded up,
   * toward zero (−6.67 → −6). A value within 1e-9 of an integer is that integer.
   *
   * @param v the raw change, {@code capacity × percent ÷ 100}, instances
   * @return the rounded change, instances; 0 only when {@code v} is (about) 0
   */
  public static int roundPercentChange(double v) {
    double r = Math.rint(v);
    if (Math.abs(v - r) < 1e-9) {
      return (int) r;
    }
    if (v > 1) {
      return (int) Math.floor(v);
    }
    if (v > 0) {
      return 1;
    }
    if (v > -1) {
      return -1;
    }
    return (int) Math.ceil(v);
  }

  /**
   * The capacity change an adjustment asks for: {@code adjustment} (ChangeInCapacity),
   * {@code adjustment − capacity} (ExactCapacity), or {@code roundPercentChange(capacity ×
   * adjustment ÷ 100)} raised to {@code ±minAdjustmentMagnitude} when smaller in magnitude and the
   * adjustment is not 0 (PercentChangeInCapacity).
   *
   * @param type how {@code adjustment} is read
   * @param adjustment the scaling adjustment (instances, exact capacity or percent)
   * @param capacity the capacity the adjustment is relative to, instances
   * @param minAdjustmentMagnitude MinAdjustmentMagnitude, instances, or null; only used with
   *     PercentChangeInCapacity
   * @return the change, instances (negative removes)
   */
  public static int change(AdjustmentType type, int adjustment, int capacity, Integer minAdjustmentMagnitude) {
    switch (type) {
      case CHANGE_IN_CAPACITY:
        return adjustment;
      case EXACT_CAPACITY:
        return adjustment - capacity;
      default:
        int c = roundPercentChange(capacity * (double) adjustment / 100.0);
        if (minAdjustmentMagnitude != null && adjustment != 0 && Math.abs(c) < minAdjustmentMagnitude) {
          c = Integer.signum(adjustment) * minAdjustmentMagnitude;
        }
        return c;
    }
  }

  /**
   * The new desired capacity of a step scaling policy whose alarm is in ALARM: what
   * {@link #stepScaling} decides from. Not validated.
   *
   * @param type the policy's adjustment type
   * @param steps the policy's step adjustments
   * @param minAdjustmentMagnitude MinAdjustmentMagnitude, instances, or null
   * @param metric this tick's metric value
   * @param threshold the alarm threshold the step bounds are relative to
   * @param desired the group's desired capacity (RUNNING + PENDING), instances
   * @param warmed RUNNING instances past their warmup, the capacity a scale-out is relative to
   * @param scaleOutInProgress some instance is still warming (blocks scale-in)
   * @param min group minimum, instances
   * @param max group maximum, instances
   */
  public record StepInputs(AdjustmentType type, List<StepAdjustment> steps, Integer minAdjustmentMagnitude,
      double metric, double threshold, int desired, int warmed, boolean scaleOutInProgress, int min, int max) {}

  /**
   * The outcome and the rule that produced it.
   *
   * @param desired the new desired capacity, instances, clamped to {@code [min, max]}
   * @param rule what was applied, with its numbers, for reasons
   */
  public record Result(int desired, String rule) {}

  /**
   * One invocation of a step scaling policy whose alarm is in ALARM. Selects the step
   * ({@link #select}); no step holds. A step is a scale-out when its adjustment is positive (for
   * ExactCapacity: above the warmed capacity): {@code max(desired, warmed + change(warmed))}.
   * Otherwise an adjustment of 0 (not ExactCapacity) holds, a warming instance blocks the scale-in,
   * and else {@code desired + change(desired)}. Every result is clamped to {@code [min, max]}.
   *
   * @param in the inputs
   * @return the new desired capacity and the rule
   */
  public static Result stepScaling(StepInputs in) {
    StepAdjustment step = select(in.steps(), in.metric(), in.threshold());
    if (step == null) {
      return new Result(Check.clamp(in.desired(), in.min(), in.max()), "no step adjustment for metric "
          + Check.n(in.metric()) + " and breach threshold " + Check.n(in.threshold()));
    }
    boolean out = in.type() == AdjustmentType.EXACT_CAPACITY ? step.scalingAdjustment() > in.warmed()
        : step.scalingAdjustment() > 0;
    String s = "step " + step.describe() + " (" + in.type() + ") at metric " + Check.n(in.metric()) + ", threshold "
        + Check.n(in.threshold());
    if (out) {
      int change = change(in.type(), step.scalingAdjustment(), in.warmed(), in.minAdjustmentMagnitude());
      int target = in.warmed() + change;
      int desired = Check.clamp(Math.max(in.desired(), target), in.min(), in.max());
      return new Result(desired, s + ": " + in.warmed() + " warmed " + (change >= 0 ? "+ " : "- ") + Math.abs(change)
          + " = " + target + (target <= in.desired() ? ", desired already " + in.desired() : ""));
    }
    if (step.scalingAdjustment() == 0 && in.type() != AdjustmentType.EXACT_CAPACITY) {
      return new Result(Check.clamp(in.desired(), in.min(), in.max()), s + ": adjustment 0");
    }
    if (in.scaleOutInProgress()) {
      return new Result(Check.clamp(in.desired(), in.min(), in.max()),
          s + ": no scale-in while a scale-out is in progress");
    }
    int change = change(in.type(), step.scalingAdjustment(), in.desired(), in.minAdjustmentMagnitude());
    int desired = Check.clamp(in.desired() + change, in.min(), in.max());
    return new Result(desired, s + ": " + in.desired() + " " + (change >= 0 ? "+ " : "- ") + Math.abs(change) + " = "
        + (in.desired() + change));
  }

  /**
   * Simple scaling: {@code desired + change(type, adjustment, desired)}, clamped to
   * {@code [min, max]}. The cooldown is the caller's state.
   *
   * @param type how {@code adjustment} is read
   * @param adjustment the ScalingAdjustment
   * @param minAdjustmentMagnitude MinAdjustmentMagnitude, instances, or null (PercentChangeInCapacity only)
   * @param desired the group's desired capacity, instances
   * @param min group minimum, instances
   * @param max group maximum, instances
   * @return the new desired capacity and the rule
   */
  public static Result simpleScaling(AdjustmentType type, int adjustment, Integer minAdjustmentMagnitude,
      int desired, int min, int max) {
    int change = change(type, adjustment, desired, minAdjustmentMagnitude);
    return new Result(Check.clamp(desired + change, min, max), "simple " + type + " " + adjustment + ": " + desired
        + (change >= 0 ? " + " : " - ") + Math.abs(change) + " = " + (desired + change));
  }
}
