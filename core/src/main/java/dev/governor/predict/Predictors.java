package dev.governor.predict;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The named predictors, each with its default configuration: {@code seasonal}
 * ({@link SeasonalProfilePredictor}), {@code holt-winters} ({@link HoltWintersPredictor}),
 * {@code ewma-trend} ({@link EwmaTrendPredictor}) and {@code ensemble}
 * ({@link EnsemblePredictor#standard()}: the three others combined). Static methods only.
 *
 * <pre>{@code
 * Controller.builder().predictArrivals(Predictors.factory("ensemble"))...
 * }</pre>
 */
public final class Predictors {
  /**
   * The largest value a predictor accepts. Loads are rates and counts; the bound keeps squared
   * errors and extrapolated trends far from overflow, so state always stays finite and savable.
   */
  public static final double MAX_VALUE = 1e15;

  private static final Map<String, Supplier<Predictor>> KNOWN;

  static {
    Map<String, Supplier<Predictor>> m = new LinkedHashMap<>();
    m.put(SeasonalProfilePredictor.NAME, SeasonalProfilePredictor::new);
    m.put(HoltWintersPredictor.NAME, HoltWintersPredictor::new);
    m.put(EwmaTrendPredictor.NAME, EwmaTrendPredictor::new);
    m.put(EnsemblePredictor.NAME, EnsemblePredictor::standard);
    KNOWN = java.util.Collections.unmodifiableMap(m);
  }

  private Predictors() {}

  /**
   * The known names, in a stable order.
   *
   * @return {@code seasonal}, {@code holt-winters}, {@code ewma-trend}, {@code ensemble}
   *     (unmodifiable)
   */
  public static Set<String> names() {
    return KNOWN.keySet();
  }

  /**
   * A new predictor of that name with its defaults.
   *
   * @param name one of {@link #names()}
   * @return a new, untrained predictor
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if the name is unknown (the message lists the known names)
   */
  public static Predictor create(String name) {
    return factory(name).get();
  }

  /**
   * A supplier of new predictors of that name, each with its defaults, e.g. for
   * {@code Controller.Builder.predictor} or {@code predictArrivals}. Each {@code get()} returns a
   * new instance.
   *
   * @param name one of {@link #names()}
   * @return the supplier
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if the name is unknown (the message lists the known names),
   *     at once rather than on {@code get()}
   */
  public static Supplier<Predictor> factory(String name) {
    Objects.requireNonNull(name, "name");
    Supplier<Predictor> s = KNOWN.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown predictor '" + name + "'; known predictors are " + KNOWN.keySet());
    }
    return s;
  }
}
