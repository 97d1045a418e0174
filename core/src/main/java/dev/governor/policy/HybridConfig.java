package dev.governor.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link HybridPolicy}. Immutable; build with {@link #custom()}, start from
 * {@link #ofDefaults()} or copy with {@link #from(HybridConfig)}. Every setter validates at once.
 *
 * @param deadlineShare the share of each class's objective the plan may fill with queueing: the
 *     policy keeps every job's predicted wait within {@code deadlineShare × D} (the rest absorbs
 *     what the fluid model does not see: whole jobs, dispatch, a tick of signal lag); in (0, 1]
 * @param confidence z: the pessimistic arrivals are the expected ones plus z standard deviations
 *     of the measured forecast error over the reaction horizon (boot lead + tick, rounded up to
 *     whole ticks); each class's z starts here and is then steered by {@code attainmentGoal}; in
 *     [0, 1000]
 * @param bootMargin plan with boots this much slower than the launch type's boot time (fraction):
 *     the boot lead is {@code L⁺ = bootTime × (1 + bootMargin)}; in [0, 10]
 * @param burstFactor an arrivals sample above this many times the smoothed rate, or a queue that
 *     grew by more than this many times the smoothed rate's jobs since the last tick, is a burst;
 *     &gt;= 1 and finite
 * @param burstMinJobs and only if it is at least this many jobs: a sample at least this many jobs
 *     above the smoothed rate over a tick, or a queue growth of at least this many jobs; &gt;= 1
 * @param rateSmoothing weight α of a new arrival-rate sample in the smoothed rate, {@code λ ← λ +
 *     α·(sample − λ)}; in (0, 1]
 * @param noiseSmoothing weight of a new forecast-error sample in the measured error variance (an
 *     EWMA); in (0, 1]
 * @param useForecast let the arrivals forecast at now + boot + tick steer the plan; it can only
 *     raise the rate planned for ({@code max(λ, forecast)}), never lower it
 * @param forecastUpper use the forecast's upper quantile instead of its point
 * @param billingAware keep instances that releasing now would save nothing on: when the launch
 *     type's billing granularity is not longer than a boot (per-second), those with more than a
 *     tick of paid time left (inside the minimum charge); when it is (per-hour), all but those
 *     whose paid period has more than one and at most two ticks left
 * @param attainmentGoal the share of jobs that should start within their objective; each class's
 *     confidence z is steered by its late jobs towards it (an integral controller: every late job
 *     raises z, every on-time tick lowers it a little), starting from {@code confidence}; 1 turns the
 *     feedback off; in (0.5, 1]
 * @param feedbackGain how fast z moves: per minute, z changes by gain × (late − budget × arrived) ÷
 *     (budget × max(1, mean arrivals per tick over about a day)), budget = 1 − attainmentGoal, by at most 1 a tick (the
 *     rest is carried to later ticks); z stays within [0.25, maxConfidence]; in [0, 1]
 * @param maxConfidence the most z may grow to; in [{@code confidence}, 1000]
 * @param effectivenessRetry after capacity is found not to help a class (its jobs wait while slots
 *     are idle: throughput is capped elsewhere), how long before trying to add capacity for it
 *     again (one instance, as a probe); &gt; 0
 * @param releaseShare hysteresis between buying and releasing: an instance is released only if the
 *     predicted waits without it stay within {@code releaseShare × deadlineShare × D} over the keep
 *     horizon, while launches keep waits within {@code deadlineShare × D}. Without the band, the
 *     noise that a release leaves no room for brings waits back over the launch line a tick later
 *     and every such flap pays a billed boot (measured: 7,319 launches on the SmugMug week at 1.0,
 *     2,509 at 0.5, and 4 % fewer instance-hours). In (0, 1]; 1 turns the band off
 * @see HybridPolicy
 */
public record HybridConfig(double deadlineShare, double confidence, double bootMargin, double burstFactor,
    int burstMinJobs, double rateSmoothing, double noiseSmoothing, boolean useForecast, boolean forecastUpper,
    boolean billingAware, double attainmentGoal, double feedbackGain, double maxConfidence,
    Duration effectivenessRetry, double releaseShare) {
  /** Default {@link #deadlineShare()}: plan waits up to 90 % of each objective. */
  public static final double DEFAULT_DEADLINE_SHARE = 0.9;
  /**
   * Default {@link #confidence()}: z starts at 1 standard deviation. The feedback buys more after
   * late jobs within ticks, while a start above what the load needs costs about a day of decay
   * (z falls by about 1.4 a day while every job is on time): a restart or a first deployment at 2
   * paid 2 % more on the ELB week at a 300 s objective than at 1, and SLOs moved by under 0.1 point.
   */
  public static final double DEFAULT_CONFIDENCE = 1.0;
  /** Default {@link #bootMargin()}: plan with boots 25 % slower than the type's boot time. */
  public static final double DEFAULT_BOOT_MARGIN = 0.25;
  /** Default {@link #burstFactor()}: three times the smoothed rate. */
  public static final double DEFAULT_BURST_FACTOR = 3.0;
  /** Default {@link #burstMinJobs()}: 50 jobs. */
  public static final int DEFAULT_BURST_MIN_JOBS = 50;
  /** Default {@link #rateSmoothing()}: a new rate sample weighs 0.3. */
  public static final double DEFAULT_RATE_SMOOTHING = 0.3;
  /** Default {@link #noiseSmoothing()}: a new error sample weighs 0.02 (about 50 samples' memory). */
  public static final double DEFAULT_NOISE_SMOOTHING = 0.02;
  /** Default {@link #attainmentGoal()}: 99.5 % of jobs start within their objective. */
  public static final double DEFAULT_ATTAINMENT_GOAL = 0.995;
  /** Default {@link #feedbackGain()}. */
  public static final double DEFAULT_FEEDBACK_GAIN = 0.001;
  /**
   * Default {@link #maxConfidence()}: z grows to at most 100. A bound on what the feedback may spend
   * when lateness has a cause capacity does not fix, set above what it needs on the bundled traces
   * (AAPL tweets at a 60 s objective peak at z ≈ 74 to hold 99 %; at a cap of 30 they held 98.8 %).
   */
  public static final double DEFAULT_MAX_CONFIDENCE = 100;
  /** Default {@link #effectivenessRetry()}: 10 minutes. */
  public static final Duration DEFAULT_EFFECTIVENESS_RETRY = Duration.ofMinutes(10);
  /** Default {@link #releaseShare()}: release only where waits stay within half the launch line. */
  public static final double DEFAULT_RELEASE_SHARE = 0.5;

  /**
   * Validates every setting; the ranges are those given for each component above.
   *
   * @param deadlineShare share of each objective the plan may fill with queueing, in (0, 1]
   * @param confidence initial z, in [0, 1000]
   * @param bootMargin extra boot time to plan with, as a fraction, in [0, 10]
   * @param burstFactor burst threshold as a multiple of the smoothed rate, &gt;= 1 and finite
   * @param burstMinJobs fewest extra jobs that make a burst, &gt;= 1
   * @param rateSmoothing weight of a new rate sample, in (0, 1]
   * @param noiseSmoothing weight of a new error sample, in (0, 1]
   * @param useForecast whether the arrivals forecast steers the plan
   * @param forecastUpper whether the forecast's upper quantile is used instead of its point
   * @param billingAware whether paid time is taken into account on release
   * @param attainmentGoal share of jobs that should start in time, in (0.5, 1]
   * @param feedbackGain speed of the z feedback, in [0, 1]
   * @param maxConfidence most z may grow to, in [{@code confidence}, 1000]
   * @param effectivenessRetry time before capacity is tried again for a capped class, &gt; 0
   * @param releaseShare hysteresis band of releases, in (0, 1]
   * @throws IllegalArgumentException naming the setting, its range and the value, if one is out of
   *     range (NaN is out of every range)
   * @throws NullPointerException if {@code effectivenessRetry} is null
   */
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

  /**
   * Every setting at its {@code DEFAULT_*} value, with {@code useForecast} and {@code
   * billingAware} on and {@code forecastUpper} off.
   *
   * @return the default configuration
   */
  public static HybridConfig ofDefaults() {
    return new HybridConfig(DEFAULT_DEADLINE_SHARE, DEFAULT_CONFIDENCE, DEFAULT_BOOT_MARGIN, DEFAULT_BURST_FACTOR,
        DEFAULT_BURST_MIN_JOBS, DEFAULT_RATE_SMOOTHING, DEFAULT_NOISE_SMOOTHING, true, false, true,
        DEFAULT_ATTAINMENT_GOAL, DEFAULT_FEEDBACK_GAIN, DEFAULT_MAX_CONFIDENCE, DEFAULT_EFFECTIVENESS_RETRY,
        DEFAULT_RELEASE_SHARE);
  }

  /**
   * A builder that starts from {@link #ofDefaults()}.
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder(ofDefaults());
  }

  /**
   * A builder that starts from {@code base}'s settings.
   *
   * @param base the configuration to copy (not null)
   * @return a new builder
   * @throws NullPointerException if {@code base} is null
   */
  public static Builder from(HybridConfig base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /**
   * Validating builder: each setter checks its value at once and throws {@link
   * IllegalArgumentException} naming the setting, its range and the value; {@link #build()} checks
   * {@code maxConfidence} against {@code confidence}. Not thread-safe.
   */
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

    /**
     * Sets {@link HybridConfig#deadlineShare()}: the share of each objective the plan may fill with
     * queueing; default {@value HybridConfig#DEFAULT_DEADLINE_SHARE}.
     *
     * @param v the share, in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside (0, 1]
     */
    public Builder deadlineShare(double v) {
      deadlineShare = checkDeadlineShare(v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#confidence()}: the z each class starts from; default {@value
     * HybridConfig#DEFAULT_CONFIDENCE}. Must not exceed {@code maxConfidence} when built.
     *
     * @param v z, in [0, 1000]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside [0, 1000]
     */
    public Builder confidence(double v) {
      confidence = checkConfidence(v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#bootMargin()}: plan with boots this fraction slower than the launch
     * type's; default {@value HybridConfig#DEFAULT_BOOT_MARGIN}.
     *
     * @param v the margin as a fraction, in [0, 10]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside [0, 10]
     */
    public Builder bootMargin(double v) {
      bootMargin = checkBootMargin(v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#burstFactor()}: a burst is this many times the smoothed rate;
     * default {@value HybridConfig#DEFAULT_BURST_FACTOR}.
     *
     * @param v the factor, &gt;= 1 and finite
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is below 1, infinite or NaN
     */
    public Builder burstFactor(double v) {
      burstFactor = checkBurstFactor(v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#burstMinJobs()}: a burst is at least this many jobs; default {@value
     * HybridConfig#DEFAULT_BURST_MIN_JOBS}.
     *
     * @param v jobs, &gt;= 1
     * @return this builder
     * @throws IllegalArgumentException if {@code v < 1}
     */
    public Builder burstMinJobs(int v) {
      burstMinJobs = checkBurstMinJobs(v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#rateSmoothing()}: the weight of a new arrival-rate sample; default
     * {@value HybridConfig#DEFAULT_RATE_SMOOTHING}.
     *
     * @param v the weight, in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside (0, 1]
     */
    public Builder rateSmoothing(double v) {
      rateSmoothing = checkFraction("rateSmoothing", v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#noiseSmoothing()}: the weight of a new forecast-error sample;
     * default {@value HybridConfig#DEFAULT_NOISE_SMOOTHING}.
     *
     * @param v the weight, in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside (0, 1]
     */
    public Builder noiseSmoothing(double v) {
      noiseSmoothing = checkFraction("noiseSmoothing", v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#useForecast()}: whether the arrivals forecast may raise the planned
     * rate; default true.
     *
     * @param v true to use forecasts
     * @return this builder
     */
    public Builder useForecast(boolean v) {
      useForecast = v;
      return this;
    }

    /**
     * Sets {@link HybridConfig#forecastUpper()}: whether the forecast's upper quantile is planned
     * for instead of its point; default false.
     *
     * @param v true for the upper quantile
     * @return this builder
     */
    public Builder forecastUpper(boolean v) {
      forecastUpper = v;
      return this;
    }

    /**
     * Sets {@link HybridConfig#billingAware()}: whether releases take paid time into account;
     * default true.
     *
     * @param v true to keep paid-for instances
     * @return this builder
     */
    public Builder billingAware(boolean v) {
      billingAware = v;
      return this;
    }

    /**
     * Sets {@link HybridConfig#attainmentGoal()}: the share of jobs that should start within their
     * objective, which steers z; 1 turns the feedback off; default {@value
     * HybridConfig#DEFAULT_ATTAINMENT_GOAL}.
     *
     * @param v the goal, in (0.5, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside (0.5, 1]
     */
    public Builder attainmentGoal(double v) {
      attainmentGoal = checkAttainmentGoal(v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#feedbackGain()}: how fast late jobs move z; 0 freezes z at {@code
     * confidence}; default {@value HybridConfig#DEFAULT_FEEDBACK_GAIN}.
     *
     * @param v the gain, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside [0, 1]
     */
    public Builder feedbackGain(double v) {
      feedbackGain = checkFeedbackGain(v);
      return this;
    }

    /**
     * Sets {@link HybridConfig#maxConfidence()}: the most z may grow to; default
     * {@value HybridConfig#DEFAULT_MAX_CONFIDENCE}. Checked against {@code confidence} only when
     * built.
     *
     * @param v the ceiling of z, in [0, 1000] (and &gt;= {@code confidence} when built)
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside [0, 1000]
     */
    public Builder maxConfidence(double v) {
      if (!(v >= 0 && v <= 1000)) {
        throw new IllegalArgumentException("maxConfidence must be in [0, 1000], but was " + v);
      }
      maxConfidence = v;
      return this;
    }

    /**
     * Sets {@link HybridConfig#effectivenessRetry()}: how long a class found capped elsewhere waits
     * before one instance probes again; default 10 minutes.
     *
     * @param d the time, &gt; 0 (not null)
     * @return this builder
     * @throws IllegalArgumentException if {@code d} is zero or negative
     * @throws NullPointerException if {@code d} is null
     */
    public Builder effectivenessRetry(Duration d) {
      effectivenessRetry = checkRetry(d);
      return this;
    }

    /**
     * Sets {@link HybridConfig#releaseShare()}: the hysteresis band of releases, whose waits must
     * stay within {@code releaseShare × deadlineShare × D}; 1 turns the band off; default
     * {@value HybridConfig#DEFAULT_RELEASE_SHARE}.
     *
     * @param v the share, in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside (0, 1]
     */
    public Builder releaseShare(double v) {
      releaseShare = checkFraction("releaseShare", v);
      return this;
    }

    /**
     * The configuration with the settings made so far.
     *
     * @return a new, validated configuration
     * @throws IllegalArgumentException if {@code maxConfidence} is below {@code confidence}
     */
    public HybridConfig build() {
      return new HybridConfig(deadlineShare, confidence, bootMargin, burstFactor, burstMinJobs, rateSmoothing,
          noiseSmoothing, useForecast, forecastUpper, billingAware, attainmentGoal, feedbackGain, maxConfidence,
          effectivenessRetry, releaseShare);
    }
  }
}
