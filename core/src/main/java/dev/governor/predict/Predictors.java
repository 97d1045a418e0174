package dev.governor.predict;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The named predictors, each with its default configuration: {@code seasonal},
 * {@code holt-winters}, {@code ewma-trend} and {@code ensemble} (the three others combined).
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

  /** The known names, in a stable order. */
  public static Set<String> names() {
    return KNOWN.keySet();
  }

  /** A new predictor of that name with its defaults; an unknown name fails with the known names. */
  public static Predictor create(String name) {
    return factory(name).get();
  }

  /** A supplier of new predictors of that name, e.g. for {@code Controller.Builder.predictor}. */
  public static Supplier<Predictor> factory(String name) {
    Objects.requireNonNull(name, "name");
    Supplier<Predictor> s = KNOWN.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown predictor '" + name + "'; known predictors are " + KNOWN.keySet());
    }
    return s;
  }
}
