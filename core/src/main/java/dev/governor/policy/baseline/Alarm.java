package dev.governor.policy.baseline;

import java.util.List;

/**
 * A CloudWatch metric alarm evaluated "M out of N": it is in ALARM when at least
 * {@code datapointsToAlarm} of the last {@code evaluationPeriods} datapoints breach the threshold.
 * Missing datapoints ({@code NaN}) never breach (CloudWatch {@code TreatMissingData=missing}:
 * they are not counted as breaching), and with every datapoint of the range missing the state is
 * INSUFFICIENT_DATA, which triggers nothing. One datapoint per tick; with a 60 s tick this is the
 * 1-minute period AWS uses for target tracking alarms.
 *
 * @param threshold the alarm threshold, in the unit of the metric it watches; finite
 * @param comparison how a datapoint is compared with the threshold
 * @param datapointsToAlarm M: how many breaching datapoints put the alarm in ALARM, in
 *     {@code [1, evaluationPeriods]}
 * @param evaluationPeriods N: how many of the latest datapoints (one per tick) are evaluated, at least 1
 */
public record Alarm(double threshold, Comparison comparison, int datapointsToAlarm, int evaluationPeriods) {
  /** CloudWatch's {@code ComparisonOperator}: how a datapoint is compared with the threshold to breach. */
  public enum Comparison {
    /** {@code GreaterThanOrEqualToThreshold}: breaches when {@code value >= threshold}. */
    GREATER_THAN_OR_EQUAL,
    /** {@code GreaterThanThreshold}: breaches when {@code value > threshold}. */
    GREATER_THAN,
    /** {@code LessThanThreshold}: breaches when {@code value < threshold}. */
    LESS_THAN,
    /** {@code LessThanOrEqualToThreshold}: breaches when {@code value <= threshold}. */
    LESS_THAN_OR_EQUAL;

    boolean breaches(double value, double threshold) {
      return switch (this) {
        case GREATER_THAN_OR_EQUAL -> value >= threshold;
        case GREATER_THAN -> value > threshold;
        case LESS_THAN -> value < threshold;
        case LESS_THAN_OR_EQUAL -> value <= threshold;
      };
    }

    String symbol() {
      return switch (this) {
        case GREATER_THAN_OR_EQUAL -> ">=";
        case GREATER_THAN -> ">";
        case LESS_THAN -> "<";
        case LESS_THAN_OR_EQUAL -> "<=";
      };
    }
  }

  /** The alarm state after an evaluation, as CloudWatch names it. */
  public enum State {
    /** Some datapoints are present, but fewer than {@code datapointsToAlarm} breach. */
    OK,
    /** At least {@code datapointsToAlarm} of the last {@code evaluationPeriods} datapoints breach. */
    ALARM,
    /** Every datapoint of the evaluation range is missing ({@code NaN}) or there is none yet. */
    INSUFFICIENT_DATA
  }

  /**
   * Validates the alarm.
   *
   * @param threshold the alarm threshold, in the unit of the metric it watches; finite
   * @param comparison how a datapoint is compared with the threshold
   * @param datapointsToAlarm M: how many breaching datapoints put the alarm in ALARM, in
   *     {@code [1, evaluationPeriods]}
   * @param evaluationPeriods N: how many of the latest datapoints (one per tick) are evaluated, at least 1
   * @throws IllegalArgumentException if {@code threshold} is not finite, {@code comparison} is null,
   *     {@code evaluationPeriods < 1}, or {@code datapointsToAlarm} is not in {@code [1, evaluationPeriods]}
   */
  public Alarm {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, but was " + threshold);
    }
    Check.notNull("comparison", comparison);
    Check.atLeast("evaluationPeriods", evaluationPeriods, 1);
    Check.inRange("datapointsToAlarm", datapointsToAlarm, 1, evaluationPeriods);
  }

  /**
   * An alarm that breaches when the metric is at or above the threshold ({@code >=}) for M of N
   * datapoints.
   *
   * @param threshold the threshold, in the metric's unit; finite
   * @param m datapoints to alarm, in {@code [1, n]}
   * @param n evaluation periods (ticks), at least 1
   * @return the alarm
   * @throws IllegalArgumentException if the arguments break the rules of the constructor
   */
  public static Alarm above(double threshold, int m, int n) {
    return new Alarm(threshold, Comparison.GREATER_THAN_OR_EQUAL, m, n);
  }

  /**
   * An alarm that breaches when the metric is at or below the threshold ({@code <=}) for M of N
   * datapoints.
   *
   * @param threshold the threshold, in the metric's unit; finite
   * @param m datapoints to alarm, in {@code [1, n]}
   * @param n evaluation periods (ticks), at least 1
   * @return the alarm
   * @throws IllegalArgumentException if the arguments break the rules of the constructor
   */
  public static Alarm below(double threshold, int m, int n) {
    return new Alarm(threshold, Comparison.LESS_THAN_OR_EQUAL, m, n);
  }

  /**
   * Pure: the state given datapoints, oldest first. Only the last {@link #evaluationPeriods} are
   * looked at (fewer when fewer exist); {@code NaN} entries are missing and never breach. With no
   * present datapoint the state is {@link State#INSUFFICIENT_DATA}; otherwise {@link State#ALARM}
   * when at least {@link #datapointsToAlarm} present ones breach, else {@link State#OK}.
   *
   * @param datapoints the metric's datapoints, oldest first, {@code NaN} for a missing one; not null
   * @return the alarm state
   */
  public State evaluate(List<Double> datapoints) {
    int from = Math.max(0, datapoints.size() - evaluationPeriods);
    int present = 0;
    int breaching = 0;
    for (int i = from; i < datapoints.size(); i++) {
      double v = datapoints.get(i);
      if (Double.isNaN(v)) {
        continue;
      }
      present++;
      if (comparison.breaches(v, threshold)) {
        breaching++;
      }
    }
    if (present == 0) {
      return State.INSUFFICIENT_DATA;
    }
    return breaching >= datapointsToAlarm ? State.ALARM : State.OK;
  }

  String describe() {
    return comparison.symbol() + " " + Check.n(threshold) + " for " + datapointsToAlarm + " of " + evaluationPeriods;
  }
}
