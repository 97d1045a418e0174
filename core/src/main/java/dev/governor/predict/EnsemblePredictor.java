package dev.governor.predict;

import dev.governor.internal.Json;
import dev.governor.internal.StateDocument;
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
  /** This predictor's {@link #name()} and its name in {@link Predictors}: {@code ensemble}. */
  public static final String NAME = "ensemble";
  private static final int STATE_VERSION = 1;

  /**
   * Immutable configuration; build with {@link #custom()}, {@link #from(Config)} or {@link #ofDefaults()}.
   *
   * @param errorAlpha EWMA weight of one absolute error in a member's recent error {@code E_i},
   *     in (0, 1]; default {@value #DEFAULT_ERROR_ALPHA}
   * @param power exponent {@code p} of the error in the weight {@code 1/(E^p + ε)}, finite and
   *     {@code > 0}; default {@value #DEFAULT_POWER}
   * @param epsilon {@code ε} in the weight {@code 1/(E^p + ε)}, in the series' unit to the power
   *     {@code p}, finite and {@code > 0}; default {@value #DEFAULT_EPSILON}
   */
  public record Config(double errorAlpha, double power, double epsilon) {
    /** Default EWMA weight of one absolute error in {@code E_i}: 0.05, about the last 20 observations count. */
    public static final double DEFAULT_ERROR_ALPHA = 0.05;
    /** Default exponent {@code p}: 2, inverse squared error, the usual choice for combining forecasts (Bates and Granger 1969). */
    public static final double DEFAULT_POWER = 2;
    /** Default {@code ε}: 1e-9, so that a member with no error does not divide by zero. */
    public static final double DEFAULT_EPSILON = 1e-9;

    /**
     * Validates the configuration.
     *
     * @param errorAlpha EWMA weight of one absolute error in {@code E_i}, in (0, 1]
     * @param power exponent {@code p} of the error in the weight, finite and {@code > 0}
     * @param epsilon {@code ε} in the weight, finite and {@code > 0}
     * @throws IllegalArgumentException naming the field if {@code errorAlpha} is not in (0, 1], or
     *     {@code power} or {@code epsilon} is not finite and {@code > 0}
     */
    public Config {
      Support.inUnitInterval("errorAlpha", errorAlpha, false);
      Support.positiveFinite("power", power);
      Support.positiveFinite("epsilon", epsilon);
    }

    /**
     * The defaults: {@code errorAlpha = 0.05}, {@code p = 2}, {@code ε = 1e-9}.
     *
     * @return the default configuration
     */
    public static Config ofDefaults() {
      return new Config(DEFAULT_ERROR_ALPHA, DEFAULT_POWER, DEFAULT_EPSILON);
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
      private double errorAlpha;
      private double power;
      private double epsilon;

      private Builder(Config c) {
        errorAlpha = c.errorAlpha;
        power = c.power;
        epsilon = c.epsilon;
      }

      /**
       * Sets the EWMA weight of one absolute error in a member's recent error {@code E_i} (the
       * first errors are averaged equally: weight {@code max(errorAlpha, 1/n_i)}).
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
       * Sets the exponent {@code p} of the error in the weight {@code 1/(E^p + ε)}: the larger,
       * the more the most accurate member dominates.
       *
       * @param power finite and {@code > 0} (default 2)
       * @return this builder
       * @throws IllegalArgumentException if {@code power} is not finite and {@code > 0}
       */
      public Builder power(double power) {
        this.power = Support.positiveFinite("power", power);
        return this;
      }

      /**
       * Sets {@code ε} in the weight {@code 1/(E^p + ε)}, so a perfect member does not divide by zero.
       *
       * @param epsilon finite and {@code > 0} (default 1e-9)
       * @return this builder
       * @throws IllegalArgumentException if {@code epsilon} is not finite and {@code > 0}
       */
      public Builder epsilon(double epsilon) {
        this.epsilon = Support.positiveFinite("epsilon", epsilon);
        return this;
      }

      /**
       * The configuration set so far (every field already validated).
       *
       * @return a new immutable configuration
       */
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

  /**
   * An ensemble of {@code members} with the default configuration ({@link Config#ofDefaults()}).
   *
   * @param members the predictors to combine, in order (the order of {@link #memberNames()},
   *     {@link #recentError} and the saved state); at least one, each a distinct instance. The
   *     ensemble feeds them from then on: do not observe or restore them elsewhere
   * @throws NullPointerException if {@code members} or one of them is null
   * @throws IllegalArgumentException if {@code members} is empty or holds one instance twice
   */
  public EnsemblePredictor(List<? extends Predictor> members) {
    this(members, Config.ofDefaults());
  }

  /**
   * An ensemble of {@code members} with {@code config}.
   *
   * @param members the predictors to combine, in order (the order of {@link #memberNames()},
   *     {@link #recentError} and the saved state); at least one, each a distinct instance. The
   *     ensemble feeds them from then on: do not observe or restore them elsewhere
   * @param config its configuration
   * @throws NullPointerException if {@code members}, one of them or {@code config} is null
   * @throws IllegalArgumentException if {@code members} is empty or holds one instance twice
   */
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

  /**
   * The {@code ensemble} of {@link Predictors}: seasonal profile + Holt-Winters + EWMA trend, each
   * with its defaults, combined with the default configuration.
   *
   * @return a new, untrained ensemble of {@code [seasonal, holt-winters, ewma-trend]}
   */
  public static EnsemblePredictor standard() {
    return standard(Config.ofDefaults());
  }

  /**
   * Seasonal profile + Holt-Winters + EWMA trend, each with its defaults, combined with
   * {@code config}.
   *
   * @param config the ensemble's configuration
   * @return a new, untrained ensemble of {@code [seasonal, holt-winters, ewma-trend]}
   * @throws NullPointerException if {@code config} is null
   */
  public static EnsemblePredictor standard(Config config) {
    return new EnsemblePredictor(
        List.of(new SeasonalProfilePredictor(), new HoltWintersPredictor(), new EwmaTrendPredictor()), config);
  }

  /**
   * The configuration this ensemble was built with.
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
   * The members' names, in order.
   *
   * @return a new list of each member's {@link Predictor#name()}
   */
  public List<String> memberNames() {
    List<String> names = new ArrayList<>(members.length);
    for (Predictor p : members) {
      names.add(p.name());
    }
    return names;
  }

  /**
   * Member {@code i}'s recent mean absolute error {@code E_i} (an EWMA of {@code |y − ŷ_i|}, in the
   * series' unit), or empty before it has forecast an observation.
   *
   * @param i the member's index, in {@code [0, members)}
   * @return {@code E_i}, or empty while member {@code i} has no error record
   * @throws IndexOutOfBoundsException if {@code i} is not a member's index
   */
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
      e.put("state", new Json.Raw(members[i].saveState()));
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
    StateDocument s = Support.open(state, NAME, STATE_VERSION);
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
      StateDocument e = new StateDocument(NAME + ".members[" + i + "]", (Map<String, Object>) list.get(i));
      e.expect("name", members[i].name(), "predictor");
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
