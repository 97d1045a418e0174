package dev.governor.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link HybridPolicy}. Immutable; build with {@link #custom()}, start from
 * {@link #ofDefaults()} or copy with {@link #from(HybridConfig)}. Every setter validates at once.
 *
 * @param deadlineShare the share of each class's objective the plan may fill with queueing: the
 *     policy keeps every job's predicted wait within {@code deadlineShare × D} (the rest absorbs
 *     what the fluid model does not see: whole jobs, dispatch, a tick of signal lag)
 * @param confidence z: the pessimistic arrivals are the expected ones plus z standard deviations
 *     of the measured forecast error over the reaction horizon (boot + tick)
 * @param bootMargin plan with boots this much slower than the launch type's boot time (fraction)
 * @param burstFactor an arrivals sample above this many times the smoothed rate is a burst
 * @param burstMinJobs and only if it is at least this many jobs above it per tick
 * @param rateSmoothing weight of a new arrival-rate sample in the smoothed rate
 * @param noiseSmoothing weight of a new forecast-error sample in the measured error
 * @param useForecast let the arrivals forecast at now + boot + tick steer the plan
 * @param forecastUpper use the forecast's upper quantile instead of its point
 * @param billingAware keep instances whose paid period outlasts the next tick (they cost nothing
 *     more), and judge an instance at the end of its paid period over the next period
 * @param attainmentGoal the share of jobs that should start within their objective; each class's
 *     confidence z is steered by its late jobs towards it (an integral controller: every late job
 *     raises z, every on-time tick lowers it a little), starting from {@code confidence}; 1 turns the
 *     feedback off
 * @param feedbackGain how fast z moves: per minute, z changes by gain × (late − budget × arrived) ÷
 *     (budget × arrivals per tick), budget = 1 − attainmentGoal
 * @param maxConfidence the most z may grow to
 * @param effectivenessRetry after capacity is found not to help a class (its jobs wait while slots
 *     are idle: throughput is capped elsewhere), how long before trying to add capacity for it again
 * @param releaseShare hysteresis between buying and releasing: an instance is released only if the
 *     predicted waits without it stay within {@code releaseShare × deadlineShare × D} over the keep
 *     horizon, while launches keep waits within {@code deadlineShare × D}. Without the band, the
 *     noise that a release leaves no room for brings waits back over the launch line a tick later
 *     and every such flap pays a billed boot (measured: 7,319 launches on the SmugMug week at 1.0,
 *     2,509 at 0.5, and 4 % fewer instance-hours). In (0, 1]; 1 turns the band off
 */
public record HybridConfig(double deadlineShare, double confidence, double bootMargin, double burstFactor,
    int burstMinJobs, double rateSmoothing, double noiseSmoothing, boolean useForecast, boolean forecastUpper,
    boolean billingAware, double attainmentGoal, double feedbackGain, double maxConfidence,
    Duration effectivenessRetry, double releaseShare) {
  public static final double DEFAULT_DEADLINE_SHARE = 0.9;
  public static final double DEFAULT_CONFIDENCE = 2.0;
  public static final double DEFAULT_BOOT_MARGIN = 0.25;
  public static final double DEFAULT_BURST_FACTOR = 3.0;
  public static final int DEFAULT_BURST_MIN_JOBS = 50;
  public static final double DEFAULT_RATE_SMOOTHING = 0.3;
  public static final double DEFAULT_NOISE_SMOOTHING = 0.02;
  public static final double DEFAULT_ATTAINMENT_GOAL = 0.998;
  public static final double DEFAULT_FEEDBACK_GAIN = 0.001;
  public static final double DEFAULT_MAX_CONFIDENCE = 30;
  public static final Duration DEFAULT_EFFECTIVENESS_RETRY = Duration.ofMinutes(10);
  public static final double DEFAULT_RELEASE_SHARE = 0.5;

  public HybridConfig {
    checkDeadlineShare(deadlineShare);
    checkConfidence(confidence);
    checkBootMargin(bootMargin);
    checkBurstFactor(burstFactor);
    checkBurstMinJobs(burstMinJobs);
    checkFraction("rateSmoothing", rateSmoothing);
    checkFraction("noiseSmoothing", noiseSmoothing);
    checkAttainmentGoal(attainmentGoal);
    checkFeedbackGain(feedbackGain);
    checkMaxConfidence(maxConfidence, confidence);
    checkRetry(effectivenessRetry);
    checkFraction("releaseShare", releaseShare);
  }

  private static double checkAttainmentGoal(double v) {
    if (!(v > 0.5 && v <= 1)) {
      throw new IllegalArgumentException("attainmentGoal must be in (0.5, 1], but was " + v);
    }
    return v;
  }

  private static double checkFeedbackGain(double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("feedbackGain must be in [0, 1], but was " + v);
    }
    return v;
  }

  private static double checkMaxConfidence(double v, double confidence) {
    if (!(v >= confidence && v <= 1000)) {
      throw new IllegalArgumentException("maxConfidence must be in [confidence (" + confidence + "), 1000], but was " + v);
    }
    return v;
  }

  private static double checkDeadlineShare(double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException("deadlineShare must be in (0, 1], but was " + v);
    }
    return v;
  }

  private static double checkConfidence(double v) {
    if (!(v >= 0 && v <= 1000)) {
      throw new IllegalArgumentException("confidence must be in [0, 1000], but was " + v);
    }
    return v;
  }

  private static double checkBootMargin(double v) {
    if (!(v >= 0 && v <= 10)) {
      throw new IllegalArgumentException("bootMargin must be in [0, 10], but was " + v);
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

  private static double checkFraction(String field, double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], but was " + v);
    }
    return v;
  }

  private static Duration checkRetry(Duration d) {
    Objects.requireNonNull(d, "effectivenessRetry");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("effectivenessRetry must be > 0, but was " + d);
    }
    return d;
  }

  public static HybridConfig ofDefaults() {
    return new HybridConfig(DEFAULT_DEADLINE_SHARE, DEFAULT_CONFIDENCE, DEFAULT_BOOT_MARGIN, DEFAULT_BURST_FACTOR,
        DEFAULT_BURST_MIN_JOBS, DEFAULT_RATE_SMOOTHING, DEFAULT_NOISE_SMOOTHING, true, false, true,
        DEFAULT_ATTAINMENT_GOAL, DEFAULT_FEEDBACK_GAIN, DEFAULT_MAX_CONFIDENCE, DEFAULT_EFFECTIVENESS_RETRY,
        DEFAULT_RELEASE_SHARE);
  }

  public static Builder custom() {
    return new Builder(ofDefaults());
  }

  public static Builder from(HybridConfig base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** Validating builder: each setter checks its value at once. */
  public static final class Builder {
    private double deadlineShare;
    private double confidence;
    private double bootMargin;
    private double burstFactor;
    private int burstMinJobs;
    private double rateSmoothing;
    private double noiseSmoothing;
    private boolean useForecast;
    private boolean forecastUpper;
    private boolean billingAware;
    private double attainmentGoal;
    private double feedbackGain;
    private double maxConfidence;
    private Duration effectivenessRetry;
    private double releaseShare;

    private Builder(HybridConfig c) {
      deadlineShare = c.deadlineShare;
      confidence = c.confidence;
      bootMargin = c.bootMargin;
      burstFactor = c.burstFactor;
      burstMinJobs = c.burstMinJobs;
      rateSmoothing = c.rateSmoothing;
      noiseSmoothing = c.noiseSmoothing;
      useForecast = c.useForecast;
      forecastUpper = c.forecastUpper;
      billingAware = c.billingAware;
      attainmentGoal = c.attainmentGoal;
      feedbackGain = c.feedbackGain;
      maxConfidence = c.maxConfidence;
      effectivenessRetry = c.effectivenessRetry;
      releaseShare = c.releaseShare;
    }

    public Builder deadlineShare(double v) {
      deadlineShare = checkDeadlineShare(v);
      return this;
    }

    public Builder confidence(double v) {
      confidence = checkConfidence(v);
      return this;
    }

    public Builder bootMargin(double v) {
      bootMargin = checkBootMargin(v);
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
      rateSmoothing = checkFraction("rateSmoothing", v);
      return this;
    }

    public Builder noiseSmoothing(double v) {
      noiseSmoothing = checkFraction("noiseSmoothing", v);
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

    public Builder billingAware(boolean v) {
      billingAware = v;
      return this;
    }

    public Builder attainmentGoal(double v) {
      attainmentGoal = checkAttainmentGoal(v);
      return this;
    }

    public Builder feedbackGain(double v) {
      feedbackGain = checkFeedbackGain(v);
      return this;
    }

    /** The most z may grow to (checked against confidence when built). */
    public Builder maxConfidence(double v) {
      if (!(v >= 0 && v <= 1000)) {
        throw new IllegalArgumentException("maxConfidence must be in [0, 1000], but was " + v);
      }
      maxConfidence = v;
      return this;
    }

    public Builder effectivenessRetry(Duration d) {
      effectivenessRetry = checkRetry(d);
      return this;
    }

    /** See {@link HybridConfig#releaseShare()}; in (0, 1], default {@value HybridConfig#DEFAULT_RELEASE_SHARE}. */
    public Builder releaseShare(double v) {
      releaseShare = checkFraction("releaseShare", v);
      return this;
    }

    public HybridConfig build() {
      return new HybridConfig(deadlineShare, confidence, bootMargin, burstFactor, burstMinJobs, rateSmoothing,
          noiseSmoothing, useForecast, forecastUpper, billingAware, attainmentGoal, feedbackGain, maxConfidence,
          effectivenessRetry, releaseShare);
    }
  }
}
