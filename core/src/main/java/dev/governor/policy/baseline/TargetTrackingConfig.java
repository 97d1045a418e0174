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
 * @param name policy name for reports
 * @param minCapacity group minimum
 * @param maxCapacity group maximum
 * @param instanceWarmup time after launch during which an instance is not counted on scale-out
 * @param scaleOutDatapoints M = N of AlarmHigh
 * @param scaleInDatapoints M = N of AlarmLow
 * @param scaleInThresholdRatio AlarmLow threshold ÷ target, in (0, 1]
 * @param metrics the target tracking policies, each a metric and target value
 */
public record TargetTrackingConfig(String name, int minCapacity, int maxCapacity, Duration instanceWarmup,
    int scaleOutDatapoints, int scaleInDatapoints, double scaleInThresholdRatio, List<Tracked> metrics) {
  public static final Duration DEFAULT_INSTANCE_WARMUP = Duration.ofSeconds(300);
  public static final int DEFAULT_SCALE_OUT_DATAPOINTS = 3;
  public static final int DEFAULT_SCALE_IN_DATAPOINTS = 15;
  public static final double DEFAULT_SCALE_IN_THRESHOLD_RATIO = 0.9;

  /**
   * One target tracking policy.
   *
   * @param metric what is tracked
   * @param targetValue the target
   * @param disableScaleIn DisableScaleIn
   */
  public record Tracked(QueueMetric metric, double targetValue, boolean disableScaleIn) {
    public Tracked {
      Check.notNull("metric", metric);
      Check.positive("targetValue", targetValue);
    }
  }

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

  public static Builder custom() {
    return new Builder();
  }

  public static final class Builder {
    private String name = "target-tracking";
    private int min = 0;
    private int max = Integer.MAX_VALUE;
    private Duration warmup = DEFAULT_INSTANCE_WARMUP;
    private int outPoints = DEFAULT_SCALE_OUT_DATAPOINTS;
    private int inPoints = DEFAULT_SCALE_IN_DATAPOINTS;
    private double ratio = DEFAULT_SCALE_IN_THRESHOLD_RATIO;
    private final List<Tracked> metrics = new ArrayList<>();

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

    public Builder instanceWarmup(Duration v) {
      warmup = v;
      return this;
    }

    public Builder scaleOutDatapoints(int v) {
      outPoints = v;
      return this;
    }

    public Builder scaleInDatapoints(int v) {
      inPoints = v;
      return this;
    }

    public Builder scaleInThresholdRatio(double v) {
      ratio = v;
      return this;
    }

    /** Adds a target tracking policy on the backlog per instance of every class. */
    public Builder backlogPerInstanceTarget(double target) {
      return track(new Tracked(QueueMetric.backlogPerInstance(), target, false));
    }

    public Builder track(Tracked t) {
      metrics.add(t);
      return this;
    }

    public TargetTrackingConfig build() {
      return new TargetTrackingConfig(name, min, max, warmup, outPoints, inPoints, ratio, metrics);
    }
  }
}
