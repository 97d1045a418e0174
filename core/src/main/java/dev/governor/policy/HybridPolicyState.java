package dev.governor.policy;

import dev.governor.internal.Json;
import dev.governor.internal.StateDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of what {@link HybridPolicy} has learned per job class: the smoothed rate, the
 * measured noise and the forecasts it is checked against, the confidence z and its pending debt,
 * the load unit of the z feedback, the recent arrivals that date the waiting jobs, and the
 * effectiveness check's cap, and the tick they were learned at. Reading is all or nothing: every value is checked (the message names
 * the class, the field, the rule and the value) before any of it replaces the policy's state.
 * Values not yet known (NaN) are written as {@code null}.
 */
final class HybridPolicyState {
  /** The version of the document {@link #write} produces. */
  static final int VERSION = 1;

  private HybridPolicyState() {}

  /** What a document holds: the per-class states and the tick they were learned at (NaN: none yet). */
  record Restored(Map<String, HybridPolicy.ClassState> states, double tickSeconds) {}

  static String write(Map<String, HybridPolicy.ClassState> states, double tickSeconds) {
    Map<String, Object> classes = new TreeMap<>();
    states.forEach((name, st) -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("lambda", st.lambda);
      c.put("lastArrivalsAt", instant(st.lastArrivalsAt));
      c.put("burstSamples", st.burstSamples);
      c.put("planned", doubles(st.planned));
      c.put("samples", doubles(st.samples));
      c.put("seen", st.seen);
      c.put("errVar", st.errVar);
      c.put("idleWhileWaiting", st.idleWhileWaiting);
      c.put("z", st.z);
      c.put("zDebt", st.zDebt);
      c.put("meanPerTick", st.meanPerTick);
      c.put("lastLateAt", instant(st.lastLateAt));
      c.put("arrived", doubles(st.arrived));
      c.put("arrivedKnown", st.arrivedKnown);
      c.put("cappedUntil", instant(st.cappedUntil));
      c.put("capLevel", st.capLevel);
      classes.put(name, c);
    });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", HybridPolicy.NAME);
    m.put("version", VERSION);
    m.put("tickSeconds", tickSeconds);
    m.put("classes", classes);
    StringBuilder sb = new StringBuilder(512);
    Json.write(sb, m, true);
    return sb.toString();
  }

  /**
   * Parses and checks a document of {@link #write}; z is brought into [{@code minZ}, {@code maxZ}]
   * (the configured range may have changed since the save).
   */
  static Restored read(String json, double minZ, double maxZ) {
    StateDocument top = StateDocument.open(json, "governor policy", "policy", HybridPolicy.NAME, VERSION);
    double tickSeconds = top.nonNegativeOrUnknown("tickSeconds");
    if (tickSeconds == 0) {
      throw top.error("tickSeconds", "must be > 0 (or null before the first tick)", 0);
    }
    StateDocument classes = top.object("classes");
    Map<String, HybridPolicy.ClassState> out = new HashMap<>();
    for (String name : classes.map.keySet()) {
      StateDocument c = classes.object(name);
      HybridPolicy.ClassState st = new HybridPolicy.ClassState();
      st.lambda = c.nonNegativeOrUnknown("lambda");
      st.lastArrivalsAt = c.instantOrNull("lastArrivalsAt");
      st.burstSamples = c.smallCount("burstSamples");
      st.planned = c.doublesOrNull("planned", 0, true);
      st.samples = c.doublesOrNull("samples", 0, false);
      if ((st.planned == null) != (st.samples == null)
          || st.planned != null && st.planned.length != st.samples.length) {
        throw c.error("samples", "must be as long as 'planned' (" + (st.planned == null ? "null" : st.planned.length) + ")",
            st.samples == null ? "null" : st.samples.length);
      }
      st.seen = c.smallCount("seen");
      st.errVar = c.nonNegativeOrUnknown("errVar");
      st.idleWhileWaiting = c.smallCount("idleWhileWaiting");
      double z = c.nonNegativeOrUnknown("z");
      st.z = Double.isNaN(z) ? z : Math.max(minZ, Math.min(maxZ, z));
      st.zDebt = c.number("zDebt");
      st.meanPerTick = c.nonNegativeOrUnknown("meanPerTick");
      st.lastLateAt = c.instantOrNull("lastLateAt");
      double[] arrived = c.doublesOrNull("arrived", 0, true);
      st.arrived = arrived == null ? new double[0] : arrived;
      st.arrivedKnown = c.smallCount("arrivedKnown");
      if (st.arrivedKnown > st.arrived.length) {
        throw c.error("arrivedKnown", "must be at most the length of 'arrived' (" + st.arrived.length + ")",
            st.arrivedKnown);
      }
      st.cappedUntil = c.instantOrNull("cappedUntil");
      st.capLevel = c.nonNegative("capLevel");
      out.put(name, st);
    }
    return new Restored(out, tickSeconds);
  }

  private static String instant(Instant t) {
    return t == null ? null : t.toString();
  }

  private static List<Object> doubles(double[] xs) {
    if (xs == null) {
      return null;
    }
    List<Object> l = new ArrayList<>(xs.length);
    for (double x : xs) {
      l.add(x);
    }
    return l;
  }
}
