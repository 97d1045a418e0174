package dev.governor.policy.baseline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pure core of EC2 Auto Scaling predictive scaling (hourly load history → hourly capacity
 * forecast → capacity for now); the history and the current forecast live in
 * {@link AwsPredictivePolicy}.
 *
 * <p>Source: Amazon EC2 Auto Scaling User Guide, "How predictive scaling works", and the API
 * reference of {@code PredictiveScalingConfiguration}: the load metric needs at least 24 hours of
 * data; up to the last 14 days are analysed; the forecast is hourly for the next 48 hours and is
 * refreshed every 6 hours; capacity is scaled at the start of each hour, or
 * {@code SchedulingBufferTime} earlier (default 300 s, less than 3,600 s); in ForecastAndScale mode
 * it scales out only (a lower forecast never removes capacity — dynamic policies do that, and
 * combined policies yield the largest desired capacity); ForecastOnly (AWS's default mode) only
 * forecasts; with {@code MaxCapacityBreachBehavior=IncreaseMaxCapacity} the maximum may be raised
 * to {@code forecast × (1 + MaxCapacityBuffer %)} (forecast 50, max 40, buffer 10 → effective
 * max 55), with HonorMaxCapacity (the default) the forecast is capped at the maximum.
 *
 * <p>AWS's forecasting model is not published. Governor's model, documented here so results can
 * be judged: the load of hour {@code H} is the mean of the same hour of the week ({@code H − 7 d},
 * {@code H − 14 d}) within the last 14 days; when no such hour has data, the mean of the same hour
 * of the day over the days available ({@code H − k × 24 h}, k = 1..14, observed before now).
 * Capacity = {@code ceil(forecast load ÷ target load per instance)}.
 */
public final class AwsPredictive {
  private AwsPredictive() {}

  /** History needed before the first forecast: 24 h of complete hours. */
  public static final Duration MIN_HISTORY = Duration.ofHours(24);
  /** How far back the history is analysed: 14 days. */
  public static final Duration LOOKBACK = Duration.ofDays(14);
  /** Length of a forecast: 48 hourly values. */
  public static final int FORECAST_HOURS = 48;
  /** How often the forecast is recomputed: every 6 h. */
  public static final Duration REFRESH = Duration.ofHours(6);

  /** The policy's {@code Mode}. */
  public enum Mode {
    /** {@code ForecastOnly} (AWS's default): forecasts, never changes capacity. */
    FORECAST_ONLY,
    /** {@code ForecastAndScale}: forecasts and scales out to the forecast capacity. */
    FORECAST_AND_SCALE
  }

  /** {@code MaxCapacityBreachBehavior}: what a forecast above the group maximum does. */
  public enum MaxCapacityBreachBehavior {
    /** {@code HonorMaxCapacity} (default): the forecast capacity is capped at the maximum. */
    HONOR_MAX_CAPACITY,
    /** {@code IncreaseMaxCapacity}: the maximum is raised to {@code ceil(forecast × (1 + buffer %))}. */
    INCREASE_MAX_CAPACITY
  }

  /**
   * The start of the (UTC) hour containing {@code t}.
   *
   * @param t an instant
   * @return {@code t} truncated to the hour
   */
  public static Instant hourOf(Instant t) {
    return t.truncatedTo(ChronoUnit.HOURS);
  }

  /**
   * At least 24 h of complete hours observed before the hour of {@code now}.
   *
   * @param hourly the hourly load by hour start
   * @param now the current time
   * @return {@code hoursOfHistory(hourly, now) >= 24}
   */
  public static boolean enoughHistory(SortedMap<Instant, Double> hourly, Instant now) {
    return hoursOfHistory(hourly, now) >= MIN_HISTORY.toHours();
  }

  /**
   * Hours from the first observed hour before the current one to the current hour (gaps count).
   *
   * @param hourly the hourly load by hour start
   * @param now the current time
   * @return whole hours, 0 without a complete hour
   */
  public static long hoursOfHistory(SortedMap<Instant, Double> hourly, Instant now) {
    SortedMap<Instant, Double> done = hourly.headMap(hourOf(now));
    if (done.isEmpty()) {
      return 0;
    }
    return Duration.between(done.firstKey(), hourOf(now)).toHours();
  }

  /**
   * The hourly forecast for the {@value #FORECAST_HOURS} hours starting at the hour of {@code now},
   * from the complete hours before it; empty without 24 h of history. Hours with nothing to learn
   * from are absent.
   *
   * @param hourly the hourly load by hour start (the complete hours before {@code now} are used,
   *     at most {@link #LOOKBACK} back)
   * @param now the current time
   * @return forecast load by hour start, in the load's unit, sorted
   */
  public static SortedMap<Instant, Double> forecast(SortedMap<Instant, Double> hourly, Instant now) {
    SortedMap<Instant, Double> out = new TreeMap<>();
    if (!enoughHistory(hourly, now)) {
      return out;
    }
    Instant first = hourOf(now);
    Instant from = first.minus(LOOKBACK);
    SortedMap<Instant, Double> window = hourly.subMap(from, first);
    for (int h = 0; h < FORECAST_HOURS; h++) {
      Instant target = first.plus(Duration.ofHours(h));
      double v = mean(window, target, Duration.ofDays(7), 2);
      if (Double.isNaN(v)) {
        v = mean(window, target, Duration.ofDays(1), 14);
      }
      if (!Double.isNaN(v)) {
        out.put(target, v);
      }
    }
    return out;
  }

  private static double mean(SortedMap<Instant, Double> window, Instant target, Duration step, int max) {
    double sum = 0;
    int n = 0;
    for (int k = 1; k <= max; k++) {
      Double v = window.get(target.minus(step.multipliedBy(k)));
      if (v != null) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * {@code ceil(load ÷ targetLoadPerInstance)}, ignoring binary noise.
   *
   * @param load the forecast load (busy slots)
   * @param targetLoadPerInstance the load one instance carries at the target, &gt; 0
   * @return instances
   */
  public static int capacity(double load, double targetLoadPerInstance) {
    return Check.ceil(load / targetLoadPerInstance);
  }

  /**
   * The forecast capacity after the group's bounds and the max-capacity breach behaviour.
   *
   * @param capacity the capacity to schedule
   * @param effectiveMax the maximum in force (raised with IncreaseMaxCapacity)
   * @param rule which rule applied
   */
  public record Bounded(int capacity, int effectiveMax, String rule) {}

  /**
   * Bounds a forecast capacity. HonorMaxCapacity: clamped to {@code [min, max]}.
   * IncreaseMaxCapacity: {@code effectiveMax = max(max, ceil(forecast × (1 + bufferPercent ÷ 100)))}
   * and the capacity {@code max(min, min(forecast, effectiveMax))}.
   *
   * @param forecastCapacity the capacity the forecast asks for, instances
   * @param min the group minimum, instances
   * @param max the group maximum, instances
   * @param behavior what a forecast above {@code max} does
   * @param bufferPercent MaxCapacityBuffer, percent in [0, 100]; must not be null with
   *     IncreaseMaxCapacity (unused with HonorMaxCapacity)
   * @return the capacity, the maximum in force and the rule
   */
  public static Bounded applyBounds(int forecastCapacity, int min, int max, MaxCapacityBreachBehavior behavior,
      Integer bufferPercent) {
    if (behavior == MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY) {
      int raised = Check.ceil(forecastCapacity * (1 + bufferPercent / 100.0));
      int effMax = Math.max(max, raised);
      int cap = Math.max(min, Math.min(forecastCapacity, effMax));
      return new Bounded(cap, effMax, effMax > max ? "IncreaseMaxCapacity: max " + max + " raised to ceil("
          + forecastCapacity + " × " + (100 + bufferPercent) + " %) = " + effMax : "within max " + max);
    }
    int cap = Check.clamp(forecastCapacity, min, max);
    return new Bounded(cap, max, forecastCapacity > max ? "HonorMaxCapacity: capped at " + max : "within [" + min
        + ", " + max + "]");
  }

  /**
   * Mean of the samples of each hour: turns per-tick observations into the hourly history.
   *
   * @param sums per hour start, {@code {sum of samples, number of samples}}
   * @return {@code sum ÷ count} per hour, sorted by hour
   */
  public static SortedMap<Instant, Double> hourlyMeans(Map<Instant, double[]> sums) {
    SortedMap<Instant, Double> out = new TreeMap<>();
    sums.forEach((h, s) -> out.put(h, s[0] / s[1]));
    return out;
  }
}
