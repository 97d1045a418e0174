package dev.governor.internal;

import dev.governor.fleet.JobClass;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The controller's online service-time estimate per job class, robust to bad datapoints.
 *
 * <p>Each new reading x is compared with a reference r, the median of the current estimate and
 * the two readings before x (only the estimate, the prior or a restored value, until two have
 * been seen). A reading more than {@value #OUTLIER_FACTOR}× above or below r is an outlier and is
 * not learnt; it still enters the readings, so a change that persists for three readings moves
 * r and is learnt from then on, while one absurd value (1e18 s among 30 s readings) never is.
 * Accepted readings update an EWMA, {@code s ← s + 0.2·(x − s)} (the first measurement replaces
 * the prior), and the estimate is kept within [prior ÷ {@value #BOUND_FACTOR}, prior ×
 * {@value #BOUND_FACTOR}], so even a sustained garbage signal cannot buy unbounded capacity.
 * Single-threaded, like the controller.
 */
public final class ServiceTimes {
  /** Weight of a new accepted measurement. */
  public static final double ALPHA = 0.2;
  /** A reading this many times above or below the reference is an outlier. */
  public static final double OUTLIER_FACTOR = 10;
  /** The estimate stays within this factor of the class's prior. */
  public static final double BOUND_FACTOR = 100;

  private final Map<String, Double> estimates = new HashMap<>();
  private final Map<String, State> states = new HashMap<>();

  private static final class State {
    double older = Double.NaN;
    double newer = Double.NaN;
    Instant last;
  }

  /** The estimates learnt so far (or restored), per class name: a live view, do not modify. */
  public Map<String, Double> estimates() {
    return estimates;
  }

  /** Restores a saved estimate, clamped to its bounds; returns a message if it had to be clamped, else null. */
  public String restore(JobClass c, double saved) {
    double b = bounded(c, saved);
    estimates.put(c.name(), b);
    return b == saved ? null : "saved service time of '" + c.name() + "' " + saved + " s is outside [" + lower(c)
        + ", " + upper(c) + "] s (within " + BOUND_FACTOR + "× of the prior); using " + b + " s";
  }

  /**
   * Learns one reading observed at {@code at} (an observation already learnt is skipped).
   *
   * @return null, or why the reading was not learnt (an outlier), naming the signal and the values
   */
  public String observe(JobClass c, double x, Instant at) {
    State st = states.computeIfAbsent(c.name(), k -> new State());
    if (st.last != null && !at.isAfter(st.last)) {
      return null;
    }
    st.last = at;
    Double est = estimates.get(c.name());
    double current = est != null ? est : prior(c);
    double ref = Double.isNaN(st.older) ? current : median(st.older, st.newer, current);
    st.older = st.newer;
    st.newer = x;
    if (!(x > 0) || x > ref * OUTLIER_FACTOR || x < ref / OUTLIER_FACTOR) {
      return "signal '" + c.serviceTimeSignal() + "' = " + x + " s not learnt: more than " + OUTLIER_FACTOR
          + "× away from the reference " + fmt(ref) + " s (median of the estimate and the last two readings); a value"
          + " that persists is learnt";
    }
    estimates.put(c.name(), bounded(c, est == null ? x : current + ALPHA * (x - current)));
    return null;
  }

  /** Forgets when each class was last observed (after a clock step their stamps mean nothing). */
  public void forgetObservationTimes() {
    for (State s : states.values()) {
      s.last = null;
    }
  }

  private static double median(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static double prior(JobClass c) {
    return c.serviceTimePrior().toNanos() / 1e9;
  }

  private static double lower(JobClass c) {
    return prior(c) / BOUND_FACTOR;
  }

  private static double upper(JobClass c) {
    return prior(c) * BOUND_FACTOR;
  }

  private static double bounded(JobClass c, double v) {
    return Math.max(lower(c), Math.min(upper(c), v));
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
