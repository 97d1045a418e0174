package dev.governor.predict;

import dev.governor.internal.Json;
import dev.governor.internal.StateDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Additive Holt-Winters with a (damped) trend and two seasonal components, daily and weekly:
 * the double-seasonal method of J. W. Taylor, "Short-term electricity demand forecasting using
 * double seasonal exponential smoothing", J. Oper. Res. Soc. 54 (2003).
 *
 * <p>The model runs on a regular step {@code s} (default 15 min); observations inside one step
 * are averaged into {@code y_t}, and a step is learnt when the first observation of a later step
 * arrives. With {@code m₁ = 1 day / s}, {@code m₂ = 1 week / s} (positions taken from local time
 * in {@link Config#zone()}, weeks from Monday):
 *
 * <pre>
 *   ℓ_t = α·(y_t − D_{t−m₁} − W_{t−m₂}) + (1 − α)·(ℓ_{t−1} + φ·b_{t−1})
 *   b_t = β·(ℓ_t − ℓ_{t−1}) + (1 − β)·φ·b_{t−1}
 *   D_t = γ·(y_t − ℓ_t − W_{t−m₂}) + (1 − γ)·D_{t−m₁}
 *   W_t = δ·(y_t − ℓ_t − D_{t−m₁}) + (1 − δ)·W_{t−m₂}
 *   ŷ_t(h) = ℓ_t + (φ + … + φ^h)·b_t + D_{t+h−m₁} + W_{t+h−m₂}
 * </pre>
 *
 * A step with no observation is imputed with the model's own one-step forecast, which leaves the
 * seasonal terms unchanged and moves {@code ℓ ← ℓ + φ·b, b ← φ·b}: {@code n} missing steps cost
 * O(1). The first full day of steps initialises the model ({@code ℓ} = its mean, {@code D} = its
 * deviations from the mean, {@code b = 0}, {@code W = 0}; a step missing in that day repeats the
 * previous step's mean); the weekly component starts at 0 and learns. Ready after that day.
 *
 * <p>A forecast for time {@code T} places the step values at step centres and interpolates
 * linearly between {@code ŷ(h)} and {@code ŷ(h+1)} (with {@code ŷ(0) = ℓ + D + W}, the smoothed
 * value of the last step), so that a forecast a few minutes ahead is not a 15-minute staircase.
 * The band is normal, {@code ŷ ± z·σ_H} with {@code z = 1.2816} (the 10 %/90 % quantiles):
 * {@code σ²} is an EWMA (weight {@code max(errorAlpha, 1/n)}) of the squared errors of each
 * observation against the forecast for its time made before it was learnt, and for a target
 * {@code H} steps past the last learnt step
 *
 * <pre>
 *   σ_H² = σ²·(1 + α²·Σ_{j=1}^{H−1} (1 + β·(φ + … + φ^j))²)
 * </pre>
 *
 * (the Holt part of the analytic h-step variance; the seasonal terms, which add only beyond one
 * day, are left out). Not thread-safe; times are used at millisecond resolution.
 */
public final class HoltWintersPredictor implements Predictor {
  /** This predictor's {@link #name()} and its name in {@link Predictors}: {@code holt-winters}. */
  public static final String NAME = "holt-winters";
  private static final int STATE_VERSION = 1;
  /** Marks a daily slot not yet filled during the first day (real step means are >= 0). */
  private static final double UNFILLED = -1;

  /**
   * Immutable configuration; build with {@link #custom()}, {@link #from(Config)} or {@link #ofDefaults()}.
   *
   * @param step the model's step {@code s}: between 1 min and 1 day, dividing one day evenly
   *     (whole milliseconds); default {@link #DEFAULT_STEP} (15 min, so {@code m₁ = 96},
   *     {@code m₂ = 672})
   * @param alpha level smoothing {@code α} per step, in (0, 1]; default {@value #DEFAULT_ALPHA}
   * @param beta trend smoothing {@code β} per step, in [0, 1]; 0 keeps the trend at 0; default
   *     {@value #DEFAULT_BETA}
   * @param gamma daily seasonal smoothing {@code γ}, in [0, 1]; default {@value #DEFAULT_GAMMA}
   * @param delta weekly seasonal smoothing {@code δ}, in [0, 1]; default {@value #DEFAULT_DELTA}
   * @param phi trend damping {@code φ} per step, in (0, 1]; 1 is Holt's undamped trend; default
   *     {@value #DEFAULT_PHI}
   * @param errorAlpha EWMA weight of one squared forecast error in the band's variance
   *     {@code σ²}, in (0, 1]; default {@value #DEFAULT_ERROR_ALPHA}
   * @param zone the zone whose local clock positions the daily and weekly components (days start
   *     at local midnight, weeks on Monday); default {@link #DEFAULT_ZONE} (UTC)
   */
  public record Config(Duration step, double alpha, double beta, double gamma, double delta, double phi,
      double errorAlpha, ZoneId zone) {
    /** Default step {@code s}: 15 min (96 steps a day, 672 a week). */
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(15);
    /** Default level smoothing {@code α} per step: 0.2. */
    public static final double DEFAULT_ALPHA = 0.2;
    /** Default trend smoothing {@code β} per step: 0.01 (the trend follows slowly). */
    public static final double DEFAULT_BETA = 0.01;
    /** Default daily seasonal smoothing {@code γ}: 0.2. */
    public static final double DEFAULT_GAMMA = 0.2;
    /** Default weekly seasonal smoothing {@code δ}: 0.2. */
    public static final double DEFAULT_DELTA = 0.2;
    /** Default trend damping {@code φ} per step: 0.98, a slightly damped trend (a load trend rarely holds for a day). */
    public static final double DEFAULT_PHI = 0.98;
    /** Default EWMA weight of one squared error in {@code σ²}: 0.02 (about the last 50 errors count). */
    public static final double DEFAULT_ERROR_ALPHA = 0.02;
    /** Default zone: UTC. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

    /**
     * Validates the configuration.
     *
     * @param step the model's step {@code s}, between 1 min and 1 day, dividing one day evenly
     * @param alpha level smoothing {@code α} per step, in (0, 1]
     * @param beta trend smoothing {@code β} per step, in [0, 1]
     * @param gamma daily seasonal smoothing {@code γ}, in [0, 1]
     * @param delta weekly seasonal smoothing {@code δ}, in [0, 1]
     * @param phi trend damping {@code φ} per step, in (0, 1]
     * @param errorAlpha EWMA weight of one squared error in {@code σ²}, in (0, 1]
     * @param zone the zone of the local clock the seasons follow
     * @throws IllegalArgumentException naming the field if {@code step} is not between 1 min and
     *     1 day or does not divide one day evenly, {@code alpha}, {@code phi} or {@code errorAlpha}
     *     is not in (0, 1], or {@code beta}, {@code gamma} or {@code delta} is not in [0, 1]
     * @throws NullPointerException if {@code step} or {@code zone} is null
     */
    public Config {
      Support.dayDivisor("step", step);
      Support.inUnitInterval("alpha", alpha, false);
      Support.inUnitInterval("beta", beta, true);
      Support.inUnitInterval("gamma", gamma, true);
      Support.inUnitInterval("delta", delta, true);
      Support.inUnitInterval("phi", phi, false);
      Support.inUnitInterval("errorAlpha", errorAlpha, false);
      Objects.requireNonNull(zone, "zone");
    }

    /**
     * The defaults: {@code s = 15 min}, {@code α = 0.2}, {@code β = 0.01}, {@code γ = 0.2},
     * {@code δ = 0.2}, {@code φ = 0.98}, {@code errorAlpha = 0.02}, zone UTC.
     *
     * @return the default configuration
     */
    public static Config ofDefaults() {
      return new Config(DEFAULT_STEP, DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_GAMMA, DEFAULT_DELTA, DEFAULT_PHI,
          DEFAULT_ERROR_ALPHA, DEFAULT_ZONE);
    }

    /**
     * A builder that starts from the defaults ({@link #ofDefaults()}).
     *
     * @return a new builder
     */
    public static Builder custom() {
      return new Builder(ofDefaults());
    }

    /**
     * A builder that starts from {@code base}, to change a few fields of it.
     *
     * @param base the configuration to start from
     * @return a new builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(Config base) {
      return new Builder(Objects.requireNonNull(base, "base"));
    }

    /**
     * Builder of {@link Config} instances. Each setter validates at once (throwing
     * {@link IllegalArgumentException} naming the field). Not thread-safe.
     */
    public static final class Builder {
      private Duration step;
      private double alpha;
      private double beta;
      private double gamma;
      private double delta;
      private double phi;
      private double errorAlpha;
      private ZoneId zone;

      private Builder(Config c) {
        step = c.step;
        alpha = c.alpha;
        beta = c.beta;
        gamma = c.gamma;
        delta = c.delta;
        phi = c.phi;
        errorAlpha = c.errorAlpha;
        zone = c.zone;
      }

      /**
       * Sets the model's step {@code s}; observations inside one step are averaged.
       *
       * @param step between 1 min and 1 day, whole milliseconds, dividing one day evenly
       *     (default 15 min)
       * @return this builder
       * @throws NullPointerException if {@code step} is null
       * @throws IllegalArgumentException if {@code step} is out of range or does not divide a day
       */
      public Builder step(Duration step) {
        this.step = Support.dayDivisor("step", step);
        return this;
      }

      /**
       * Sets the level smoothing {@code α} per step.
       *
       * @param alpha in (0, 1] (default 0.2)
       * @return this builder
       * @throws IllegalArgumentException if {@code alpha} is not in (0, 1]
       */
      public Builder alpha(double alpha) {
        this.alpha = Support.inUnitInterval("alpha", alpha, false);
        return this;
      }

      /**
       * Sets the trend smoothing {@code β} per step.
       *
       * @param beta in [0, 1]; 0 keeps the trend at 0 (default 0.01)
       * @return this builder
       * @throws IllegalArgumentException if {@code beta} is not in [0, 1]
       */
      public Builder beta(double beta) {
        this.beta = Support.inUnitInterval("beta", beta, true);
        return this;
      }

      /**
       * Sets the daily seasonal smoothing {@code γ}.
       *
       * @param gamma in [0, 1]; 0 freezes the daily component at its first day (default 0.2)
       * @return this builder
       * @throws IllegalArgumentException if {@code gamma} is not in [0, 1]
       */
      public Builder gamma(double gamma) {
        this.gamma = Support.inUnitInterval("gamma", gamma, true);
        return this;
      }

      /**
       * Sets the weekly seasonal smoothing {@code δ}.
       *
       * @param delta in [0, 1]; 0 keeps the weekly component at 0 (default 0.2)
       * @return this builder
       * @throws IllegalArgumentException if {@code delta} is not in [0, 1]
       */
      public Builder delta(double delta) {
        this.delta = Support.inUnitInterval("delta", delta, true);
        return this;
      }

      /**
       * Sets the trend damping {@code φ} per step: {@code h} steps ahead the trend carries
       * {@code φ + … + φ^h} times, at most {@code φ/(1 − φ)} (49 steps for 0.98).
       *
       * @param phi in (0, 1]; 1 is Holt's undamped trend (default 0.98)
       * @return this builder
       * @throws IllegalArgumentException if {@code phi} is not in (0, 1]
       */
      public Builder phi(double phi) {
        this.phi = Support.inUnitInterval("phi", phi, false);
        return this;
      }

      /**
       * Sets the EWMA weight of one squared forecast error in the band's variance {@code σ²}
       * (the first errors are averaged equally: weight {@code max(errorAlpha, 1/n)}).
       *
       * @param errorAlpha in (0, 1] (default 0.02)
       * @return this builder
       * @throws IllegalArgumentException if {@code errorAlpha} is not in (0, 1]
       */
      public Builder errorAlpha(double errorAlpha) {
        this.errorAlpha = Support.inUnitInterval("errorAlpha", errorAlpha, false);
        return this;
      }

      /**
       * Sets the zone whose local clock the load follows (days start at local midnight, weeks on
       * Monday).
       *
       * @param zone the users' zone (default UTC)
       * @return this builder
       * @throws NullPointerException if {@code zone} is null
       */
      public Builder zone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        return this;
      }

      /**
       * The configuration set so far (every field already validated).
       *
       * @return a new immutable configuration
       */
      public Config build() {
        return new Config(step, alpha, beta, gamma, delta, phi, errorAlpha, zone);
      }
    }
  }

  private final Config config;
  private final long stepMs;
  private final int m1;
  private final int m2;
  private final Support.LocalTime local;

  private final double[] daily;
  private final double[] weekly;
  private double level;
  private double trend;
  private double errVar;
  private long errN;

  private long count;
  private long lastMs;
  private long openStep;
  private long openN;
  private double openMean;
  private long lastClosed;
  private int warmSteps;
  private double lastStepValue;

  /** A predictor with the defaults ({@link Config#ofDefaults()}), untrained. */
  public HoltWintersPredictor() {
    this(Config.ofDefaults());
  }

  /**
   * An untrained predictor with {@code config}. Its state holds {@code m₁ + m₂ = 8·(1 day / step)}
   * seasonal values (768 for 15-minute steps).
   *
   * @param config its configuration
   * @throws NullPointerException if {@code config} is null
   */
  public HoltWintersPredictor(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.stepMs = config.step().toMillis();
    this.m1 = (int) (Support.DAY_MS / stepMs);
    this.m2 = 7 * m1;
    this.local = new Support.LocalTime(config.zone());
    this.daily = new double[m1];
    this.weekly = new double[m2];
    java.util.Arrays.fill(daily, UNFILLED);
  }

  /**
   * The configuration this predictor was built with.
   *
   * @return its configuration
   */
  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Whether {@link #forecast} answers: true once the first full day of steps ({@code m₁} steps,
   * counting those imputed) has been learnt and has initialised the model. A step is learnt when
   * an observation of a later step arrives, so it becomes ready with the first observation at
   * least one day after the start of the first observation's step.
   *
   * @return true once ready
   */
  public boolean isReady() {
    return warmSteps >= m1;
  }

  @Override
  public void observe(Instant t, double value) {
    long ms = Support.millis(t, "t");
    Support.checkValue(value);
    if (count > 0 && ms < lastMs) {
      return;
    }
    long k = Math.floorDiv(ms, stepMs);
    if (openN > 0 && k != openStep) {
      closeStep(openStep, openMean);
      advance(k - openStep - 1);
      openN = 0;
      openMean = 0;
    }
    if (openN == 0) {
      openStep = k;
    }
    if (isReady()) {
      double e = value - pointAt(ms);
      errN++;
      errVar += Support.ewmaWeight(config.errorAlpha(), errN) * (e * e - errVar);
    }
    openN++;
    openMean += (value - openMean) / openN;
    count++;
    lastMs = ms;
  }

  private void closeStep(long k, double y) {
    lastClosed = k;
    if (!isReady()) {
      daily[dailyPos(k)] = y;
      lastStepValue = y;
      warmSteps++;
      if (isReady()) {
        initialise();
      }
      return;
    }
    int dp = dailyPos(k);
    int wp = weeklyPos(k);
    double d = daily[dp];
    double w = weekly[wp];
    double a = config.alpha();
    double phi = config.phi();
    double prevLevel = level;
    level = a * (y - d - w) + (1 - a) * (level + phi * trend);
    trend = config.beta() * (level - prevLevel) + (1 - config.beta()) * phi * trend;
    daily[dp] = config.gamma() * (y - level - w) + (1 - config.gamma()) * d;
    weekly[wp] = config.delta() * (y - level - d) + (1 - config.delta()) * w;
  }

  /** Imputes {@code n} steps with no observation by the model's own forecast. */
  private void advance(long n) {
    while (n > 0 && !isReady()) {
      closeStep(lastClosed + 1, lastStepValue);
      n--;
    }
    if (n > 0) {
      level += Support.dampedSum(config.phi(), n) * trend;
      trend *= StrictMath.pow(config.phi(), n);
      lastClosed += n;
    }
  }

  private void initialise() {
    double sum = 0;
    int filled = 0;
    for (double v : daily) {
      if (v != UNFILLED) {
        sum += v;
        filled++;
      }
    }
    level = sum / filled;
    for (int i = 0; i < m1; i++) {
      daily[i] = daily[i] == UNFILLED ? 0 : daily[i] - level;
    }
    trend = 0;
  }

  private int dailyPos(long step) {
    return (int) (Math.floorMod(local.local(step * stepMs), Support.DAY_MS) / stepMs);
  }

  private int weeklyPos(long step) {
    return Support.weekPosition(local.local(step * stepMs), stepMs);
  }

  /** ŷ(h) from the last learnt step. */
  private double stepForecast(long h) {
    long k = lastClosed + h;
    return level + Support.dampedSum(config.phi(), h) * trend + daily[dailyPos(k)] + weekly[weeklyPos(k)];
  }

  /** The forecast for {@code targetMs}, interpolated between step centres. */
  private double pointAt(long targetMs) {
    double centre = lastClosed * (double) stepMs + stepMs / 2.0;
    double u = (targetMs - centre) / stepMs;
    if (u <= 0) {
      return stepForecast(0);
    }
    long h = (long) u;
    double frac = u - h;
    double f = stepForecast(h);
    return frac == 0 ? f : f + frac * (stepForecast(h + 1) - f);
  }

  @Override
  public Optional<Forecast> forecast(Instant now, Duration horizon) {
    long target = Support.targetMillis(now, horizon);
    if (!isReady()) {
      return Optional.empty();
    }
    double point = pointAt(target);
    long stepsAhead = Math.max(1, Math.floorDiv(target, stepMs) - lastClosed);
    double var = errVar * Support.horizonVarianceFactor(config.alpha(), config.beta(), config.phi(), stepsAhead - 1);
    return Optional.of(Forecast.nonNegative(now.plus(horizon), point, Support.Z_90 * Math.sqrt(var)));
  }

  @Override
  public String saveState() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("predictor", NAME);
    m.put("version", STATE_VERSION);
    m.put("stepMs", stepMs);
    m.put("zone", config.zone().getId());
    m.put("count", count);
    m.put("lastMs", lastMs);
    m.put("openStep", openStep);
    m.put("openN", openN);
    m.put("openMean", openMean);
    m.put("lastClosed", lastClosed);
    m.put("warmSteps", warmSteps);
    m.put("lastStepValue", lastStepValue);
    m.put("level", level);
    m.put("trend", trend);
    m.put("errVar", errVar);
    m.put("errN", errN);
    m.put("daily", daily);
    m.put("weekly", weekly);
    return Json.write(m);
  }

  /** Restores a state saved by a predictor with the same step and zone; all or nothing. */
  @Override
  public void restoreState(String state) {
    StateDocument s = Support.open(state, NAME, STATE_VERSION);
    s.expect("stepMs", stepMs, "predictor");
    s.expect("zone", config.zone().getId(), "predictor");
    long c = s.count("count");
    long last = s.integer("lastMs");
    long open = s.integer("openStep");
    long on = s.count("openN");
    double om = s.nonNegative("openMean");
    long closed = s.integer("lastClosed");
    long warm = s.count("warmSteps");
    if (warm > m1) {
      throw s.error("warmSteps", "must be <= " + m1, warm);
    }
    double lsv = s.nonNegative("lastStepValue");
    double lv = s.number("level");
    double tr = s.number("trend");
    double ev = s.nonNegative("errVar");
    long en = s.count("errN");
    double[] d = s.doubles("daily", m1, warm < m1 ? UNFILLED : -Double.MAX_VALUE);
    double[] w = s.doubles("weekly", m2, -Double.MAX_VALUE);
    count = c;
    lastMs = last;
    openStep = open;
    openN = on;
    openMean = om;
    lastClosed = closed;
    warmSteps = (int) warm;
    lastStepValue = lsv;
    level = lv;
    trend = tr;
    errVar = ev;
    errN = en;
    System.arraycopy(d, 0, daily, 0, m1);
    System.arraycopy(w, 0, weekly, 0, m2);
  }

  @Override
  public String toString() {
    return NAME + config;
  }
}
