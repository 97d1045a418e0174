package dev.governor.policy.baseline;

import java.util.List;

/**
 * The pure core of EC2 Auto Scaling target tracking (inputs → recommendation); the alarm
 * datapoints live in {@link TargetTrackingPolicy}.
 *
 * <p>Source: Amazon EC2 Auto Scaling User Guide, "Target tracking scaling policies" and "Scaling
 * policy based on Amazon SQS". Target tracking creates two CloudWatch alarms: AlarmHigh (metric &gt;
 * target for 3 of 3 one-minute datapoints) and AlarmLow (metric &lt; a lower threshold for 15 of 15
 * datapoints), and adds or removes capacity in proportion to the metric:
 *
 * <pre>
 *   scale-out (AlarmHigh in ALARM):  proposed = ceil(warmedCapacity × metric ÷ target)
 *                                    desired  = max(desiredCapacity, proposed)
 *   scale-in  (AlarmLow in ALARM):   proposed = ceil(desiredCapacity × metric ÷ target)
 *                                    desired  = min(desiredCapacity, proposed)
 *   desired is then clamped to [min, max]
 * </pre>
 *
 * "Instances added are rounded up, instances removed rounded down" are both {@code ceil} of the
 * proportional capacity: adding 1.5 instances adds 2, removing 1.5 removes 1. Instances still
 * warming up are not counted on scale-out ({@code warmedCapacity}), so a breach that persists
 * while new instances warm does not add them again. AWS does not publish the exact arithmetic;
 * this is the documented proportional rule, which reproduces every published example (1,500
 * messages, 10 instances, target 100 → 15 instances, +5). A scale-in never starts while a
 * scale-out is in progress (instances warming). Without a datapoint ({@code NaN}) nothing happens:
 * target tracking never scales in on missing data.
 */
public final class TargetTracking {
  private TargetTracking() {}

  /** Which way a recommendation moves the desired capacity. */
  public enum Direction {
    /** Above the current desired capacity: a scale-out. */
    OUT,
    /** Below the current desired capacity: a scale-in. */
    IN,
    /** Equal to the current desired capacity. */
    NONE
  }

  /**
   * Everything one target tracking policy decides from in one evaluation. Not validated:
   * {@code target} must be positive and {@code min <= max}.
   *
   * @param metric this tick's metric value, {@code NaN} without a datapoint
   * @param target the target value, in the metric's unit, &gt; 0
   * @param desiredCapacity the group's desired capacity (RUNNING + PENDING instances)
   * @param warmedCapacity RUNNING instances past their warmup (the capacity counted on scale-out)
   * @param highAlarm AlarmHigh is in ALARM
   * @param lowAlarm AlarmLow is in ALARM
   * @param warming some instance is still warming (a scale-out in progress: blocks scale-in)
   * @param disableScaleIn the policy's DisableScaleIn: AlarmLow never removes capacity
   * @param min group minimum, instances
   * @param max group maximum, instances
   */
  public record Inputs(double metric, double target, int desiredCapacity, int warmedCapacity, boolean highAlarm,
      boolean lowAlarm, boolean warming, boolean disableScaleIn, int min, int max) {}

  /**
   * What one target tracking policy wants.
   *
   * @param desired the desired capacity it recommends, instances, within {@code [min, max]}
   * @param direction how {@code desired} compares with the current desired capacity
   * @param rule the rule that fired, with its numbers, for reasons
   */
  public record Recommendation(int desired, Direction direction, String rule) {}

  /**
   * AWS's SQS guide: acceptable backlog per instance = acceptable latency ÷ processing time per
   * message (for an instance that processes one message at a time), the target value of a target
   * tracking policy on backlog per instance.
   *
   * @param acceptableLatencySeconds the longest acceptable queue wait, seconds, &gt; 0
   * @param secondsPerMessage the processing time of one message, seconds, &gt; 0
   * @return {@code acceptableLatencySeconds ÷ secondsPerMessage}, messages per instance
   * @throws IllegalArgumentException if either argument is not positive and finite
   */
  public static double acceptableBacklogPerInstance(double acceptableLatencySeconds, double secondsPerMessage) {
    Check.positive("acceptableLatencySeconds", acceptableLatencySeconds);
    Check.positive("secondsPerMessage", secondsPerMessage);
    return acceptableLatencySeconds / secondsPerMessage;
  }

  /**
   * The proportional capacity {@code ceil(capacity × metric ÷ target)}, ignoring binary noise (a
   * product within 1e-9 of an integer is that integer).
   *
   * @param capacity the capacity the metric was measured over, instances
   * @param metric the metric value
   * @param target the target value, &gt; 0
   * @return the capacity that would bring the metric to the target, instances
   */
  public static int proportionalCapacity(int capacity, double metric, double target) {
    return Check.ceil(capacity * (metric / target));
  }

  /**
   * One evaluation of a target tracking policy, by the rules in the class comment: without a
   * datapoint, or with neither alarm in ALARM, it holds the desired capacity (clamped to
   * {@code [min, max]}); AlarmHigh scales out to {@code max(desired, ceil(warmed × metric ÷ target))};
   * AlarmLow scales in to {@code min(desired, ceil(desired × metric ÷ target))} unless scale-in is
   * disabled or an instance is warming. AlarmHigh wins if both are in ALARM.
   *
   * @param in the inputs
   * @return the recommended capacity, clamped to {@code [min, max]}, with its direction and rule
   */
  public static Recommendation recommend(Inputs in) {
    int current = in.desiredCapacity();
    int bounded = Check.clamp(current, in.min(), in.max());
    String bounds = bounded != current ? " (bounded to [" + in.min() + ", " + in.max() + "])" : "";
    if (Double.isNaN(in.metric())) {
      return new Recommendation(bounded, direction(current, bounded),
          "no datapoint: holding " + current + bounds);
    }
    double ratio = in.metric() / in.target();
    String m = "metric " + Check.n(in.metric()) + " vs target " + Check.n(in.target()) + " (ratio "
        + Check.n(ratio) + ")";
    if (in.highAlarm()) {
      int proposed = proportionalCapacity(in.warmedCapacity(), in.metric(), in.target());
      int desired = Check.clamp(Math.max(current, proposed), in.min(), in.max());
      String rule = "AlarmHigh: " + m + "; ceil(" + in.warmedCapacity() + " warmed × " + Check.n(ratio) + ") = "
          + proposed + (proposed <= current ? ", not above desired " + current + " (warming instances not counted)" : "")
          + (desired != Math.max(current, proposed) ? ", bounded to [" + in.min() + ", " + in.max() + "]" : "");
      return new Recommendation(desired, direction(current, desired), rule);
    }
    if (in.lowAlarm()) {
      if (in.disableScaleIn()) {
        return new Recommendation(bounded, direction(current, bounded), "AlarmLow: " + m + "; scale-in disabled" + bounds);
      }
      if (in.warming()) {
        return new Recommendation(bounded, direction(current, bounded),
            "AlarmLow: " + m + "; no scale-in while a scale-out is in progress (instances warming)" + bounds);
      }
      int proposed = proportionalCapacity(current, in.metric(), in.target());
      int desired = Check.clamp(Math.min(current, proposed), in.min(), in.max());
      String rule = "AlarmLow: " + m + "; ceil(" + current + " × " + Check.n(ratio) + ") = " + proposed
          + " (removed rounded down)" + (desired != Math.min(current, proposed) ? ", bounded to [" + in.min() + ", "
          + in.max() + "]" : "");
      return new Recommendation(desired, direction(current, desired), rule);
    }
    return new Recommendation(bounded, direction(current, bounded), "no alarm: " + m + bounds);
  }

  /**
   * Several target tracking policies on one group: scale out if any policy wants to (to the largest
   * proposal), scale in only if every policy with scale-in enabled wants to (to the largest, i.e.
   * most conservative, proposal); otherwise hold. Policies with scale-in disabled do not vote on
   * scale-in; with no voter, it holds. The result is not clamped: each recommendation already is.
   *
   * @param current the group's desired capacity, instances
   * @param recs one recommendation per policy
   * @param disabledScaleIn for each recommendation, whether its policy has scale-in disabled (same
   *     size and order as {@code recs})
   * @return the group's new desired capacity, instances
   */
  public static int combine(int current, List<Recommendation> recs, List<Boolean> disabledScaleIn) {
    int out = -1;
    for (Recommendation r : recs) {
      if (r.direction() == Direction.OUT) {
        out = Math.max(out, r.desired());
      }
    }
    if (out >= 0) {
      return out;
    }
    int in = -1;
    boolean anyVoter = false;
    for (int i = 0; i < recs.size(); i++) {
      if (disabledScaleIn.get(i)) {
        continue;
      }
      anyVoter = true;
      Recommendation r = recs.get(i);
      if (r.direction() != Direction.IN) {
        return current;
      }
      in = Math.max(in, r.desired());
    }
    return anyVoter && in >= 0 ? in : current;
  }

  private static Direction direction(int current, int desired) {
    return desired > current ? Direction.OUT : desired < current ? Direction.IN : Direction.NONE;
  }
}
