package dev.governor.predict;

import dev.governor.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Combines several predictors, weighting each by how well it has forecast lately.
 *
 * <p>When {@code y} is observed at {@code t}, each member is first asked for its forecast of
 * {@code t} made from the previous observation time {@code t₋} ({@code forecast(t₋, t − t₋)}, before
 * it learns {@code y}); if it has one, its recent error is updated:
 *
 * <pre>
 *   n_i ← n_i + 1,   E_i ← E_i + max(errorAlpha, 1/n_i)·(|y − ŷ_i| − E_i)
 * </pre>
 *
 * Then every member learns {@code y}. A forecast combines the members that have one (members not
 * ready are skipped) with weights
 *
 * <pre>
 *   w_i = 1 / (E_i^p + ε)
 *   point = Σ w_i·ŷ_i / Σ w_i,   lower = Σ w_i·lower_i / Σ w_i,   upper = Σ w_i·upper_i / Σ w_i
 * </pre>
 *
 * The weighted mean of the members' bounds keeps {@code lower <= point <= upper}; it is not the
 * quantile of the mixture, but it is cheap and stays between the members' own bands. A member
 * with no error record yet counts as having the largest error among the members combined (all
 * weigh the same when none has a record), so a newcomer cannot dominate. Not thread-safe.
 */
public final class EnsemblePredictor implements Predictor {
  public static final String NAME = "ensemble";
  private static final int STATE_VERSION = 1;

  /** Immutable configuration; build with {@link #custom()}, {@link #from(Config)} or {@link #ofDefaults()}. */
  public record Config(double errorAlpha, double power, double epsilon) {
    /** About the last 20 observations count. */
    public static final double DEFAULT_ERROR_ALPHA = 0.05;
    /** Inverse squared error: the usual choice for combining forecasts (Bates and Granger 1969). */
    public static final double DEFAULT_POWER = 2;
    public static final double DEFAULT_EPSILON = 1e-9;

    public Config {
      Support.inUnitInterval("errorAlpha", errorAlpha, false);
      Support.positiveFinite("power", power);
      Support.positiveFinite("epsilon", epsilon);
    }

    public static Config ofDefaults() {
      return new Config(DEFAULT_ERROR_ALPHA, DEFAULT_POWER, DEFAULT_EPSILON);
    }

    public static Builder custom() {
      return new Builder(ofDefaults());
    }

    public static Builder from(Config base) {
      return new Builder(Objects.requireNonNull(base, "base"));
    }

    /** Each setter validates at once. */
    public static final class Builder {
      private double errorAlpha;
      private double power;
      private double epsilon;

      private Builder(Config c) {
        errorAlpha = c.errorAlpha;
        power = c.power;
        epsilon = c.epsilon;
      }

      /** EWMA weight of one absolute error in a member's recent error, in (0, 1]. */
      public Builder errorAlpha(double errorAlpha) {
        this.errorAlpha = Support.inUnitInterval("errorAlpha", errorAlpha, false);
        return this;
      }

      /** Exponent p of the error in the weight 1/(E^p + ε); finite and > 0. */
      public Builder power(double power) {
        this.power = Support.positiveFinite("power", power);
        return this;
      }

      /** ε in the weight 1/(E^p + ε), so a perfect member does not divide by zero; finite and > 0. */
      public Builder epsilon(double epsilon) {
        this.epsilon = Support.positiveFinite("epsilon", epsilon);
        return this;
      }

      public Config build() {
        return new Config(errorAlpha, power, epsilon);
      }
    }
  }

  private final Config config;
  private final Predictor[] members;
  private final double[] error;
  private final long[] errorN;
  private long count;
  private long lastMs;

  // per-forecast scratch, reused to keep the tick path allocation-light
  private final Forecast[] scratch;

  public EnsemblePredictor(List<? extends Predictor> members) {
    this(members, Config.ofDefaults());
  }

  public EnsemblePredictor(List<? extends Predictor> members, Config config) {
    Objects.requireNonNull(members, "members");
    this.config = Objects.requireNonNull(config, "config");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty, but was " + members);
    }
    this.members = new Predictor[members.size()];
    for (int i = 0; i < this.members.length; i++) {
      Predictor p = Objects.requireNonNull(members.get(i), "members[" + i + "]");
      for (int j = 0; j < i; j++) {
        if (this.members[j] == p) {
          throw new IllegalArgumentException("members must be distinct instances, but members[" + j + "] and members["
              + i + "] are the same " + p.name());
        }
      }
      this.members[i] = p;
    }
    this.error = new double[this.members.length];
    this.errorN = new long[this.members.length];
    this.scratch = new Forecast[this.members.length];
  }

  /** Seasonal profile + Holt-Winters + EWMA trend, each with its defaults. */
  public static EnsemblePredictor standard() {
    return standard(Config.ofDefaults());
  }

  public static EnsemblePredictor standard(Config config) {
    return new EnsemblePredictor(
        List.of(new SeasonalProfilePredictor(), new HoltWintersPredictor(), new EwmaTrendPredictor()), config);
  }

  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The members' names, in order. */
  public List<String> memberNames() {
    List<String> names = new ArrayList<>(members.length);
    for (Predictor p : members) {
      names.add(p.name());
    }
    return names;
  }

  /** Member {@code i}'s recent mean absolute error, or empty before it has forecast anything. */
  public OptionalDouble recentError(int i) {
    Objects.checkIndex(i, members.length);
    return errorN[i] == 0 ? OptionalDouble.empty() : OptionalDouble.of(error[i]);
  }

  @Override
  public void observe(Instant t, double value) {
    long ms = Support.millis(t, "t");
    Support.checkValue(value);
    if (count > 0 && ms < lastMs) {
      return;
    }
    if (count > 0) {
      Instant previous = Instant.ofEpochMilli(lastMs);
      Duration gap = Duration.ofMillis(ms - lastMs);
      for (int i = 0; i < members.length; i++) {
        Optional<Forecast> f = members[i].forecast(previous, gap);
        if (f.isPresent()) {
          errorN[i]++;
          error[i] += Support.ewmaWeight(config.errorAlpha(), errorN[i]) * (Math.abs(value - f.get().point()) - error[i]);
        }
      }
    }
    for (Predictor p : members) {
      p.observe(t, value);
    }
    count++;
    lastMs = ms;
  }

  @Override
  public Optional<Forecast> forecast(Instant now, Duration horizon) {
    Support.targetMillis(now, horizon);
    double worst = -1;
    int ready = 0;
    for (int i = 0; i < members.length; i++) {
      Forecast f = members[i].forecast(now, horizon).orElse(null);
      scratch[i] = f;
      if (f != null) {
        ready++;
        if (errorN[i] > 0) {
          worst = Math.max(worst, error[i]);
        }
      }
    }
    if (ready == 0) {
      return Optional.empty();
    }
    double sw = 0;
    double sp = 0;
    double sl = 0;
    double su = 0;
    for (int i = 0; i < members.length; i++) {
      Forecast f = scratch[i];
      if (f == null) {
        continue;
      }
      scratch[i] = null;
      double e = errorN[i] > 0 ? error[i] : Math.max(worst, 0);
      double w = 1 / ((config.power() == 2 ? e * e : StrictMath.pow(e, config.power())) + config.epsilon());
      sw += w;
      sp += w * f.point();
      sl += w * f.lower();
      su += w * f.upper();
    }
    double point = sp / sw;
    // rounding cannot break lower <= point <= upper (each step is monotone), but clamp for certainty
    double lower = Math.min(sl / sw, point);
    double upper = Math.max(su / sw, point);
    return Optional.of(new Forecast(now.plus(horizon), Math.max(0, point), Math.max(0, lower), Math.max(0, upper)));
  }

  @Override
  public String saveState() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("predictor", NAME);
    m.put("version", STATE_VERSION);
    m.put("count", count);
    m.put("lastMs", lastMs);
    List<Object> list = new ArrayList<>(members.length);
    for (int i = 0; i < members.length; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", members[i].name());
      e.put("error", error[i]);
      e.put("errorN", errorN[i]);
      e.put("state", Json.parse(members[i].saveState()));
      list.add(e);
    }
    m.put("members", list);
    return Json.write(m);
  }

  /**
   * Restores a state saved by an ensemble with the same members (by position and name). All or
   * nothing: if a member refuses its state, the members already restored are put back.
   */
  @Override
  public void restoreState(String state) {
    Support.State s = Support.open(state, NAME, STATE_VERSION);
    long c = s.count("count");
    long last = s.integer("lastMs");
    List<?> list = s.list("members");
    if (list.size() != members.length) {
      throw s.error("members", "must have " + members.length + " entries (one per member: " + memberNames() + ")",
          list.size());
    }
    double[] err = new double[members.length];
    long[] errN = new long[members.length];
    String[] states = new String[members.length];
    for (int i = 0; i < members.length; i++) {
      if (!(list.get(i) instanceof Map<?, ?>)) {
        throw s.error("members[" + i + "]", "must be an object", list.get(i));
      }
      @SuppressWarnings("unchecked")
      Support.State e = new Support.State(NAME + ".members[" + i + "]", (Map<String, Object>) list.get(i));
      e.expect("name", members[i].name());
      err[i] = e.nonNegative("error");
      errN[i] = e.count("errorN");
      states[i] = Json.write(e.object("state").map);
    }
    String[] backup = new String[members.length];
    int i = 0;
    try {
      for (; i < members.length; i++) {
        backup[i] = members[i].saveState();
        members[i].restoreState(states[i]);
      }
    } catch (RuntimeException ex) {
      for (int j = 0; j < i; j++) {
        members[j].restoreState(backup[j]);
      }
      throw new IllegalArgumentException(NAME + " state: member " + i + " (" + members[i].name() + ") refused its state: "
          + ex.getMessage(), ex);
    }
    count = c;
    lastMs = last;
    System.arraycopy(err, 0, error, 0, err.length);
    System.arraycopy(errN, 0, errorN, 0, errN.length);
  }

  @Override
  public String toString() {
    return NAME + memberNames();
  }
}
