package dev.governor.predict;

import dev.governor.internal.Json;
import dev.governor.internal.StateDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holt's linear method (an EWMA of the level plus an EWMA of the trend) for irregularly spaced
 * observations: it follows ramps and knows nothing of seasons.
 *
 * <p>{@code α} and {@code β} are the smoothing weights for one reference interval {@code τ}
 * (default 1 min). An observation {@code y} that arrives {@code Δ > 0} seconds after the previous
 * one is learnt with weights decayed to that gap, so that a series sampled twice as often does
 * not forget twice as fast:
 *
 * <pre>
 *   a = 1 − (1 − α)^(Δ/τ),   g = 1 − (1 − β)^(Δ/τ)
 *   ŷ = ℓ + b·Δ                           (b is the trend per second)
 *   ℓ' = ŷ + a·(y − ŷ)
 *   b' = b + g·((ℓ' − ℓ)/Δ − b)
 * </pre>
 *
 * An observation at the same instant as the previous one ({@code Δ = 0}) moves only the level,
 * with weight {@code α}. The first observation sets {@code ℓ}; the second sets {@code b} to the
 * slope between them (or 0 when {@code β = 0}, which makes this a plain EWMA). Ready after 2
 * observations.
 *
 * <p>Forecast {@code h} seconds past the last observation: {@code ŷ(h) = ℓ + b·h}. The band is
 * normal, {@code ŷ ± z·σ_H} with {@code z = 1.2816} (10 %/90 % quantiles), where {@code σ²} is an
 * EWMA (weight {@code max(errorAlpha, 1/n)}) of the squared one-observation-ahead errors
 * {@code (y − ŷ)²}, and with {@code H = h/τ} reference intervals ahead
 * {@code σ_H² = σ²·(1 + α²·Σ_{j=1}^{H−1} (1 + j·β)²)} (Holt's h-step variance; exact when the
 * series is sampled every {@code τ}, an approximation otherwise). Not thread-safe; times are used
 * at millisecond resolution.
 */
public final class EwmaTrendPredictor implements Predictor {
  /** This predictor's {@link #name()} and its name in {@link Predictors}: {@code ewma-trend}. */
  public static final String NAME = "ewma-trend";
  private static final int STATE_VERSION = 1;

  /**
   * Immutable configuration; build with {@link #custom()}, {@link #from(Config)} or {@link #ofDefaults()}.
   *
   * @param alpha level smoothing weight {@code α} per reference interval, in (0, 1]; default
   *     {@value #DEFAULT_ALPHA}
   * @param beta trend smoothing weight {@code β} per reference interval, in [0, 1]; 0 turns the
   *     trend off (a plain EWMA); default {@value #DEFAULT_BETA}
   * @param interval the reference interval {@code τ} that {@code alpha} and {@code beta} are given
   *     for, between 1 ms and 365 days; default {@link #DEFAULT_INTERVAL} (1 min)
   * @param errorAlpha EWMA weight of one squared error in the band's variance {@code σ²}, in
   *     (0, 1]; default {@value #DEFAULT_ERROR_ALPHA}
   */
  public record Config(double alpha, double beta, Duration interval, double errorAlpha) {
    /** Default level smoothing {@code α} per interval: 0.3. */
    public static final double DEFAULT_ALPHA = 0.3;
    /** Default trend smoothing {@code β} per interval: 0.05 (the trend follows slowly). */
    public static final double DEFAULT_BETA = 0.05;
    /** Default reference interval {@code τ}: 1 min, since the controller ticks once a minute. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** Default EWMA weight of one squared error in {@code σ²}: 0.05 (about the last 20 errors count). */
    public static final double DEFAULT_ERROR_ALPHA = 0.05;

    /**
     * Validates the configuration.
     *
     * @param alpha level smoothing {@code α} per interval, in (0, 1]
     * @param beta trend smoothing {@code β} per interval, in [0, 1]
     * @param interval the reference interval {@code τ}, between 1 ms and 365 days
     * @param errorAlpha EWMA weight of one squared error in {@code σ²}, in (0, 1]
     * @throws IllegalArgumentException naming the field if {@code alpha} or {@code errorAlpha} is
     *     not in (0, 1], {@code beta} not in [0, 1], or {@code interval} not between 1 ms and 365 days
     * @throws NullPointerException if {@code interval} is null
     */
    public Config {
      Support.inUnitInterval("alpha", alpha, false);
      Support.inUnitInterval("beta", beta, true);
      Support.reasonable("interval", interval);
      Support.inUnitInterval("errorAlpha", errorAlpha, false);
    }

    /**
     * The defaults: {@code α = 0.3}, {@code β = 0.05}, {@code τ = 1 min}, {@code errorAlpha = 0.05}.
     *
     * @return the default configuration
     */
    public static Config ofDefaults() {
      return new Config(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_INTERVAL, DEFAULT_ERROR_ALPHA);
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
      private double alpha;
      private double beta;
      private Duration interval;
      private double errorAlpha;

      private Builder(Config c) {
        alpha = c.alpha;
        beta = c.beta;
        interval = c.interval;
        errorAlpha = c.errorAlpha;
      }

      /**
       * Sets the level smoothing {@code α} per reference interval.
       *
       * @param alpha in (0, 1]; 1 makes the level the last value (default 0.3)
       * @return this builder
       * @throws IllegalArgumentException if {@code alpha} is not in (0, 1]
       */
      public Builder alpha(double alpha) {
        this.alpha = Support.inUnitInterval("alpha", alpha, false);
        return this;
      }

      /**
       * Sets the trend smoothing {@code β} per reference interval.
       *
       * @param beta in [0, 1]; 0 turns the trend off (a plain EWMA) (default 0.05)
       * @return this builder
       * @throws IllegalArgumentException if {@code beta} is not in [0, 1]
       */
      public Builder beta(double beta) {
        this.beta = Support.inUnitInterval("beta", beta, true);
        return this;
      }

      /**
       * Sets the reference interval {@code τ} that alpha and beta are given for: an observation
       * {@code Δ} after the previous one is learnt with {@code 1 − (1 − α)^(Δ/τ)}.
       *
       * @param interval between 1 ms and 365 days (default 1 min)
       * @return this builder
       * @throws NullPointerException if {@code interval} is null
       * @throws IllegalArgumentException if {@code interval} is out of range
       */
      public Builder interval(Duration interval) {
        this.interval = Support.reasonable("interval", interval);
        return this;
      }

      /**
       * Sets the EWMA weight of one squared one-observation-ahead error in the band's variance
       * {@code σ²} (the first errors are averaged equally: weight {@code max(errorAlpha, 1/n)}).
       *
       * @param errorAlpha in (0, 1] (default 0.05)
       * @return this builder
       * @throws IllegalArgumentException if {@code errorAlpha} is not in (0, 1]
       */
      public Builder errorAlpha(double errorAlpha) {
        this.errorAlpha = Support.inUnitInterval("errorAlpha", errorAlpha, false);
        return this;
      }

      /**
       * The configuration set so far (every field already validated).
       *
       * @return a new immutable configuration
       */
      public Config build() {
        return new Config(alpha, beta, interval, errorAlpha);
      }
    }
  }

  private final Config config;
  private final double tauSeconds;
  private final double logKeepAlpha;
  private final double logKeepBeta;

  private long count;
  private long lastMs;
  private double level;
  private double trend;
  private double errVar;
  private long errN;

  /** A predictor with the defaults ({@link Config#ofDefaults()}), untrained. */
  public EwmaTrendPredictor() {
    this(Config.ofDefaults());
  }

  /**
   * An untrained predictor with {@code config}.
   *
   * @param config its configuration
   * @throws NullPointerException if {@code config} is null
   */
  public EwmaTrendPredictor(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.tauSeconds = config.interval().toMillis() / 1000.0;
    // ln(1 − α); −∞ for α = 1, which makes the decayed weight exactly 1
    this.logKeepAlpha = StrictMath.log1p(-config.alpha());
    this.logKeepBeta = StrictMath.log1p(-config.beta());
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
   * Whether {@link #forecast} answers: true after 2 observations (the second sets the trend).
   *
   * @return true once ready
   */
  public boolean isReady() {
    return count >= 2;
  }

  @Override
  public void observe(Instant t, double value) {
    long ms = Support.millis(t, "t");
    Support.checkValue(value);
    if (count == 0) {
      level = value;
      count = 1;
      lastMs = ms;
      return;
    }
    if (ms < lastMs) {
      return;
    }
    double dt = (ms - lastMs) / 1000.0;
    double predicted = level + trend * dt;
    double e = value - predicted;
    errN++;
    errVar += Support.ewmaWeight(config.errorAlpha(), errN) * (e * e - errVar);
    if (dt == 0) {
      level += config.alpha() * (value - level);
    } else if (count == 1) {
      trend = config.beta() == 0 ? 0 : (value - level) / dt;
      level = value;
    } else {
      double a = -StrictMath.expm1(logKeepAlpha * dt / tauSeconds);
      double g = -StrictMath.expm1(logKeepBeta * dt / tauSeconds);
      double newLevel = predicted + a * e;
      trend += g * ((newLevel - level) / dt - trend);
      level = newLevel;
    }
    count++;
    lastMs = ms;
  }

  @Override
  public Optional<Forecast> forecast(Instant now, Duration horizon) {
    long target = Support.targetMillis(now, horizon);
    if (!isReady()) {
      return Optional.empty();
    }
    double h = Math.max(0, (target - lastMs) / 1000.0);
    double point = level + trend * h;
    double steps = h / tauSeconds;
    double var = errVar * Support.horizonVarianceFactor(config.alpha(), config.beta(), 1, steps - 1);
    return Optional.of(Forecast.nonNegative(now.plus(horizon), point, Support.Z_90 * Math.sqrt(var)));
  }

  @Override
  public String saveState() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("predictor", NAME);
    m.put("version", STATE_VERSION);
    m.put("count", count);
    m.put("lastMs", lastMs);
    m.put("level", level);
    m.put("trend", trend);
    m.put("errVar", errVar);
    m.put("errN", errN);
    return Json.write(m);
  }

  /** Restores a saved state; all or nothing. */
  @Override
  public void restoreState(String state) {
    StateDocument s = Support.open(state, NAME, STATE_VERSION);
    long c = s.count("count");
    long last = s.integer("lastMs");
    double lv = s.number("level");
    double tr = s.number("trend");
    double ev = s.nonNegative("errVar");
    long en = s.count("errN");
    count = c;
    lastMs = last;
    level = lv;
    trend = tr;
    errVar = ev;
    errN = en;
  }

  @Override
  public String toString() {
    return NAME + config;
  }
}
