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
 * A time-of-week profile: what the series usually is at this time of day, and on this day of the
 * week.
 *
 * <p>Time is cut into buckets (default 15 min) of the local time in {@link Config#zone()}. Two
 * profiles are kept: a daily one ({@code B_d = 1 day / bucket} buckets) and a weekly one
 * ({@code B_w = 7·B_d} buckets, weeks start on Monday 00:00 local). Observations inside one
 * bucket are averaged first, so that the profile does not depend on how often the series is
 * sampled; when a bucket closes (the first observation of a later bucket arrives) its mean
 * {@code x̄} folds into the daily bucket {@code d} and the weekly bucket {@code w}:
 *
 * <pre>
 *   n_d ← n_d + 1,   a = max(α_daily, 1/n_d)
 *   μ_d ← μ_d + a·(x̄ − μ_d)
 *   v_d ← v_d + a·(r̄² − v_d)
 * </pre>
 *
 * (and the same for {@code w} with {@code α_weekly}). The weight {@code max(α, 1/n)} makes the
 * first days (weeks) a plain average, then an EWMA. {@code r̄²} is the mean squared residual
 * {@code (x − ŷ(t))²} of the bucket's observations against the profile's own forecast for
 * their time, made before they were learnt; before the profile can forecast it is the
 * within-bucket variance of the observations.
 *
 * <p>Forecast for target time {@code T}: the weekly profile once its bucket for {@code T} has
 * data, else the daily profile, else empty. Values are placed at bucket centres and the forecast
 * is linearly interpolated towards the neighbouring bucket (if it has data), which removes most
 * of the step error of a coarse bucket:
 *
 * <pre>
 *   ŷ(T) = (1 − |f|)·μ_b + |f|·μ_(b ± 1),   f = (T − centre_b) / bucket ∈ [−½, ½)
 *   band  = ŷ ± z·√v,   z = Φ⁻¹(0.9) = 1.2816       (normal approximation, v interpolated alike)
 * </pre>
 *
 * The forecast does not depend on the horizon beyond picking the bucket: the profile is the
 * same for any horizon. It is ready once the observations span one day. Not thread-safe (the
 * controller is single-writer); times are used at millisecond resolution.
 */
public final class SeasonalProfilePredictor implements Predictor {
  /** This predictor's {@link #name()} and its name in {@link Predictors}: {@code seasonal}. */
  public static final String NAME = "seasonal";
  private static final int STATE_VERSION = 1;

  /**
   * Immutable configuration; build with {@link #custom()}, {@link #from(Config)} or {@link #ofDefaults()}.
   *
   * @param bucket bucket width: between 1 min and 1 day, whole milliseconds, dividing one day
   *     evenly; default {@link #DEFAULT_BUCKET} (15 min: {@code B_d = 96}, {@code B_w = 672})
   * @param dailyAlpha {@code α_daily}, the EWMA weight of one day in the daily profile, in
   *     (0, 1]; default {@value #DEFAULT_DAILY_ALPHA}
   * @param weeklyAlpha {@code α_weekly}, the EWMA weight of one week in the weekly profile, in
   *     (0, 1]; default {@value #DEFAULT_WEEKLY_ALPHA}
   * @param zone the zone whose local clock the buckets follow (days start at local midnight,
   *     weeks on Monday 00:00); default {@link #DEFAULT_ZONE} (UTC)
   */
  public record Config(Duration bucket, double dailyAlpha, double weeklyAlpha, ZoneId zone) {
    /** Default bucket width: 15 min (96 buckets a day, 672 a week). */
    public static final Duration DEFAULT_BUCKET = Duration.ofMinutes(15);
    /**
     * Default {@code α_daily}: 0.2, one day in five counts: the daily profile mixes weekdays and
     * follows slow drift.
     */
    public static final double DEFAULT_DAILY_ALPHA = 0.2;
    /** Default {@code α_weekly}: 0.3; a weekly bucket is seen once a week, so it must move faster to follow change. */
    public static final double DEFAULT_WEEKLY_ALPHA = 0.3;
    /** Default zone: UTC. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

    /**
     * Validates the configuration.
     *
     * @param bucket bucket width, between 1 min and 1 day, dividing one day evenly
     * @param dailyAlpha {@code α_daily}, in (0, 1]
     * @param weeklyAlpha {@code α_weekly}, in (0, 1]
     * @param zone the zone of the local clock the buckets follow
     * @throws IllegalArgumentException naming the field if {@code bucket} is not between 1 min and
     *     1 day or does not divide one day evenly, or {@code dailyAlpha} or {@code weeklyAlpha} is
     *     not in (0, 1]
     * @throws NullPointerException if {@code bucket} or {@code zone} is null
     */
    public Config {
      Support.dayDivisor("bucket", bucket);
      Support.inUnitInterval("dailyAlpha", dailyAlpha, false);
      Support.inUnitInterval("weeklyAlpha", weeklyAlpha, false);
      Objects.requireNonNull(zone, "zone");
    }

    /**
     * The defaults: 15-minute buckets, {@code α_daily = 0.2}, {@code α_weekly = 0.3}, zone UTC.
     *
     * @return the default configuration
     */
    public static Config ofDefaults() {
      return new Config(DEFAULT_BUCKET, DEFAULT_DAILY_ALPHA, DEFAULT_WEEKLY_ALPHA, DEFAULT_ZONE);
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
      private Duration bucket;
      private double dailyAlpha;
      private double weeklyAlpha;
      private ZoneId zone;

      private Builder(Config c) {
        bucket = c.bucket;
        dailyAlpha = c.dailyAlpha;
        weeklyAlpha = c.weeklyAlpha;
        zone = c.zone;
      }

      /**
       * Sets the bucket width; observations inside one bucket are averaged before they are learnt.
       *
       * @param bucket between 1 min and 1 day, whole milliseconds, dividing one day evenly
       *     (default 15 min)
       * @return this builder
       * @throws NullPointerException if {@code bucket} is null
       * @throws IllegalArgumentException if {@code bucket} is out of range or does not divide a day
       */
      public Builder bucket(Duration bucket) {
        this.bucket = Support.dayDivisor("bucket", bucket);
        return this;
      }

      /**
       * Sets {@code α_daily}, the EWMA weight of one day in the daily profile.
       *
       * @param dailyAlpha in (0, 1] (default 0.2)
       * @return this builder
       * @throws IllegalArgumentException if {@code dailyAlpha} is not in (0, 1]
       */
      public Builder dailyAlpha(double dailyAlpha) {
        this.dailyAlpha = Support.inUnitInterval("dailyAlpha", dailyAlpha, false);
        return this;
      }

      /**
       * Sets {@code α_weekly}, the EWMA weight of one week in the weekly profile.
       *
       * @param weeklyAlpha in (0, 1] (default 0.3)
       * @return this builder
       * @throws IllegalArgumentException if {@code weeklyAlpha} is not in (0, 1]
       */
      public Builder weeklyAlpha(double weeklyAlpha) {
        this.weeklyAlpha = Support.inUnitInterval("weeklyAlpha", weeklyAlpha, false);
        return this;
      }

      /**
       * Sets the zone whose local clock the load follows (days and weeks start at local midnight).
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
        return new Config(bucket, dailyAlpha, weeklyAlpha, zone);
      }
    }
  }

  private final Config config;
  private final long bucketMs;
  private final int perDay;
  private final int perWeek;
  private final Support.LocalTime local;

  private final double[] dayMean;
  private final double[] dayVar;
  private final double[] dayN;
  private final double[] weekMean;
  private final double[] weekVar;
  private final double[] weekN;

  private long count;
  private long firstMs;
  private long lastMs;

  // the bucket being filled (not yet part of the profiles)
  private long openId;
  private int openPos;
  private long openN;
  private double openMean;
  private double openM2;
  private long openResN;
  private double openResSq;

  // out-parameters of predict(), to keep the tick path allocation-free
  private double predMean;
  private double predVar;

  /** A predictor with the defaults ({@link Config#ofDefaults()}), untrained. */
  public SeasonalProfilePredictor() {
    this(Config.ofDefaults());
  }

  /**
   * An untrained predictor with {@code config}. Its state holds {@code 3·(B_d + B_w) = 24·B_d}
   * numbers (2304 for 15-minute buckets).
   *
   * @param config its configuration
   * @throws NullPointerException if {@code config} is null
   */
  public SeasonalProfilePredictor(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.bucketMs = config.bucket().toMillis();
    this.perDay = (int) (Support.DAY_MS / bucketMs);
    this.perWeek = 7 * perDay;
    this.local = new Support.LocalTime(config.zone());
    this.dayMean = new double[perDay];
    this.dayVar = new double[perDay];
    this.dayN = new double[perDay];
    this.weekMean = new double[perWeek];
    this.weekVar = new double[perWeek];
    this.weekN = new double[perWeek];
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

  @Override
  public void observe(Instant t, double value) {
    long ms = Support.millis(t, "t");
    Support.checkValue(value);
    if (count > 0 && ms < lastMs) {
      return;
    }
    long localMs = local.local(ms);
    long id = Math.floorDiv(localMs, bucketMs);
    if (openN > 0 && id != openId) {
      closeOpenBucket();
    }
    if (openN == 0) {
      openId = id;
      openPos = Support.weekPosition(localMs, bucketMs);
    }
    if (predict(localMs)) {
      double r = value - predMean;
      openResSq += r * r;
      openResN++;
    }
    openN++;
    double delta = value - openMean;
    openMean += delta / openN;
    openM2 += delta * (value - openMean);
    if (count == 0) {
      firstMs = ms;
    }
    count++;
    lastMs = ms;
  }

  private void closeOpenBucket() {
    double v = openResN > 0 ? openResSq / openResN : openM2 / openN;
    fold(dayMean, dayVar, dayN, openPos % perDay, openMean, v, config.dailyAlpha());
    fold(weekMean, weekVar, weekN, openPos, openMean, v, config.weeklyAlpha());
    openN = 0;
    openMean = 0;
    openM2 = 0;
    openResN = 0;
    openResSq = 0;
  }

  private static void fold(double[] mean, double[] var, double[] n, int b, double x, double v, double alpha) {
    n[b] += 1;
    double a = Math.max(alpha, 1.0 / n[b]);
    mean[b] += a * (x - mean[b]);
    var[b] += a * (v - var[b]);
  }

  /** Sets predMean/predVar for local time {@code localMs}; false if no profile has that bucket yet. */
  private boolean predict(long localMs) {
    int w = Support.weekPosition(localMs, bucketMs);
    if (weekN[w] > 0) {
      interpolate(weekMean, weekVar, weekN, w, perWeek, localMs);
      return true;
    }
    int d = w % perDay;
    if (dayN[d] > 0) {
      interpolate(dayMean, dayVar, dayN, d, perDay, localMs);
      return true;
    }
    return false;
  }

  private void interpolate(double[] mean, double[] var, double[] n, int b, int period, long localMs) {
    double f = (double) Math.floorMod(localMs, bucketMs) / bucketMs - 0.5;
    int nb = f < 0 ? (b == 0 ? period - 1 : b - 1) : (b == period - 1 ? 0 : b + 1);
    if (n[nb] > 0) {
      double w = Math.abs(f);
      predMean = mean[b] + w * (mean[nb] - mean[b]);
      predVar = var[b] + w * (var[nb] - var[b]);
    } else {
      predMean = mean[b];
      predVar = var[b];
    }
  }

  /**
   * Whether {@link #forecast} may answer: true once the observations span one day (the last at
   * least 24 h after the first). Even then a forecast is empty for a target whose bucket has no
   * data in either profile.
   *
   * @return true once ready
   */
  public boolean isReady() {
    return count > 0 && lastMs - firstMs >= Support.DAY_MS;
  }

  @Override
  public Optional<Forecast> forecast(Instant now, Duration horizon) {
    long target = Support.targetMillis(now, horizon);
    if (!isReady() || !predict(local.local(target))) {
      return Optional.empty();
    }
    return Optional.of(Forecast.nonNegative(now.plus(horizon), predMean, Support.Z_90 * Math.sqrt(predVar)));
  }

  @Override
  public String saveState() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("predictor", NAME);
    m.put("version", STATE_VERSION);
    m.put("bucketMs", bucketMs);
    m.put("zone", config.zone().getId());
    m.put("count", count);
    m.put("firstMs", firstMs);
    m.put("lastMs", lastMs);
    Map<String, Object> open = new LinkedHashMap<>();
    open.put("id", openId);
    open.put("pos", openPos);
    open.put("n", openN);
    open.put("mean", openMean);
    open.put("m2", openM2);
    open.put("resN", openResN);
    open.put("resSq", openResSq);
    m.put("open", open);
    m.put("daily", profile(dayMean, dayVar, dayN));
    m.put("weekly", profile(weekMean, weekVar, weekN));
    return Json.write(m);
  }

  private static Map<String, Object> profile(double[] mean, double[] var, double[] n) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mean", mean);
    p.put("var", var);
    p.put("n", n);
    return p;
  }

  /** Restores a state saved by a predictor with the same bucket and zone; all or nothing. */
  @Override
  public void restoreState(String state) {
    StateDocument s = Support.open(state, NAME, STATE_VERSION);
    s.expect("bucketMs", bucketMs, "predictor");
    s.expect("zone", config.zone().getId(), "predictor");
    long c = s.count("count");
    long first = s.integer("firstMs");
    long last = s.integer("lastMs");
    if (c > 0 && last < first) {
      throw s.error("lastMs", "must be >= firstMs " + first, last);
    }
    StateDocument o = s.object("open");
    long id = o.integer("id");
    long pos = o.count("pos");
    if (pos >= perWeek) {
      throw o.error("pos", "must be < " + perWeek, pos);
    }
    long n = o.count("n");
    double mean = o.nonNegative("mean");
    double m2 = o.nonNegative("m2");
    long resN = o.count("resN");
    double resSq = o.nonNegative("resSq");
    StateDocument d = s.object("daily");
    StateDocument w = s.object("weekly");
    double[][] arrays = {
        d.doubles("mean", perDay, 0), d.doubles("var", perDay, 0), d.doubles("n", perDay, 0),
        w.doubles("mean", perWeek, 0), w.doubles("var", perWeek, 0), w.doubles("n", perWeek, 0)};
    // all checked: commit
    count = c;
    firstMs = first;
    lastMs = last;
    openId = id;
    openPos = (int) pos;
    openN = n;
    openMean = mean;
    openM2 = m2;
    openResN = resN;
    openResSq = resSq;
    double[][] targets = {dayMean, dayVar, dayN, weekMean, weekVar, weekN};
    for (int i = 0; i < targets.length; i++) {
      System.arraycopy(arrays[i], 0, targets[i], 0, targets[i].length);
    }
  }

  @Override
  public String toString() {
    return NAME + config;
  }
}
