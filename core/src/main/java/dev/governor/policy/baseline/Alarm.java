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
 * @param threshold the alarm threshold
 * @param comparison how a datapoint is compared with the threshold
 * @param datapointsToAlarm M
 * @param evaluationPeriods N
 */
public record Alarm(double threshold, Comparison comparison, int datapointsToAlarm, int evaluationPeriods) {
  public enum Comparison {
    GREATER_THAN_OR_EQUAL, GREATER_THAN, LESS_THAN, LESS_THAN_OR_EQUAL;

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

  public enum State { OK, ALARM, INSUFFICIENT_DATA }

  public Alarm {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, but was " + threshold);
    }
    Check.notNull("comparison", comparison);
    Check.atLeast("evaluationPeriods", evaluationPeriods, 1);
    Check.inRange("datapointsToAlarm", datapointsToAlarm, 1, evaluationPeriods);
  }

  /** Breach when the metric is at or above the threshold for M of N datapoints. */
  public static Alarm above(double threshold, int m, int n) {
    return new Alarm(threshold, Comparison.GREATER_THAN_OR_EQUAL, m, n);
  }

  /** Breach when the metric is at or below the threshold for M of N datapoints. */
  public static Alarm below(double threshold, int m, int n) {
    return new Alarm(threshold, Comparison.LESS_THAN_OR_EQUAL, m, n);
  }

  /**
   * Pure: the state given datapoints, oldest first (only the last {@link #evaluationPeriods} are
   * looked at).
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
