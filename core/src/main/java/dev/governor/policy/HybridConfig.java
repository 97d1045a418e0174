package dev.governor.policy;

import java.util.Objects;

/**
 * Settings of the {@link HybridPolicy}. Immutable; build with {@link #custom()}, start from
 * {@link #ofDefaults()} or copy with {@link #from(HybridConfig)}. Every setter validates at once.
 *
 * @param targetUtilization u_target: the fraction of slots the steady-state load may keep busy
 * @param burstFactor a depth jump above this many times the expected arrivals of one tick is a burst
 * @param burstMinJobs and only if it is at least this many jobs (ignores noise on idle queues)
 * @param rateSmoothing weight of a new arrival-rate sample in the smoothed baseline rate
 * @param useForecast provision for the forecast at now + boot + tick when it is higher
 * @param forecastUpper use the forecast's upper quantile instead of its point (more cautious)
 */
public record HybridConfig(double targetUtilization, double burstFactor, int burstMinJobs, double rateSmoothing,
    boolean useForecast, boolean forecastUpper) {
  public static final double DEFAULT_TARGET_UTILIZATION = 0.9;
  public static final double DEFAULT_BURST_FACTOR = 3.0;
  public static final int DEFAULT_BURST_MIN_JOBS = 50;
  public static final double DEFAULT_RATE_SMOOTHING = 0.3;

  public HybridConfig {
    checkTargetUtilization(targetUtilization);
    checkBurstFactor(burstFactor);
    checkBurstMinJobs(burstMinJobs);
    checkRateSmoothing(rateSmoothing);
  }

  private static double checkTargetUtilization(double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException("targetUtilization must be in (0, 1], but was " + v);
    }
    return v;
  }

  private static double checkBurstFactor(double v) {
    if (!(v >= 1) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("burstFactor must be >= 1 and finite, but was " + v);
    }
    return v;
  }

  private static int checkBurstMinJobs(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("burstMinJobs must be >= 1, but was " + v);
    }
    return v;
  }

  private static double checkRateSmoothing(double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException("rateSmoothing must be in (0, 1], but was " + v);
    }
    return v;
  }

  public static HybridConfig ofDefaults() {
    return new HybridConfig(DEFAULT_TARGET_UTILIZATION, DEFAULT_BURST_FACTOR, DEFAULT_BURST_MIN_JOBS,
        DEFAULT_RATE_SMOOTHING, true, false);
  }

  public static Builder custom() {
    return new Builder(ofDefaults());
  }

  public static Builder from(HybridConfig base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** Validating builder: each setter checks its value at once. */
  public static final class Builder {
    private double targetUtilization;
    private double burstFactor;
    private int burstMinJobs;
    private double rateSmoothing;
    private boolean useForecast;
    private boolean forecastUpper;

    private Builder(HybridConfig c) {
      targetUtilization = c.targetUtilization;
      burstFactor = c.burstFactor;
      burstMinJobs = c.burstMinJobs;
      rateSmoothing = c.rateSmoothing;
      useForecast = c.useForecast;
      forecastUpper = c.forecastUpper;
    }

    public Builder targetUtilization(double v) {
      targetUtilization = checkTargetUtilization(v);
      return this;
    }

    public Builder burstFactor(double v) {
      burstFactor = checkBurstFactor(v);
      return this;
    }

    public Builder burstMinJobs(int v) {
      burstMinJobs = checkBurstMinJobs(v);
      return this;
    }

    public Builder rateSmoothing(double v) {
      rateSmoothing = checkRateSmoothing(v);
      return this;
    }

    public Builder useForecast(boolean v) {
      useForecast = v;
      return this;
    }

    public Builder forecastUpper(boolean v) {
      forecastUpper = v;
      return this;
    }

    public HybridConfig build() {
      return new HybridConfig(targetUtilization, burstFactor, burstMinJobs, rateSmoothing, useForecast, forecastUpper);
    }
  }
}
