package dev.governor.policy;

import dev.governor.internal.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * effectiveness check's cap. Reading is all or nothing: every value is checked (the message names
 * the class, the field, the rule and the value) before any of it replaces the policy's state.
 * Values not yet known (NaN) are written as {@code null}.
 */
final class HybridPolicyState {
  /** The version of the document {@link #write} produces. */
  static final int VERSION = 1;

  private HybridPolicyState() {}

  static String write(Map<String, HybridPolicy.ClassState> states) {
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
    m.put("classes", classes);
    StringBuilder sb = new StringBuilder(512);
    Json.write(sb, m, true);
    return sb.toString();
  }

  /**
   * Parses and checks a document of {@link #write}; z is brought into [{@code minZ}, {@code maxZ}]
   * (the configured range may have changed since the save).
   */
  static Map<String, HybridPolicy.ClassState> read(String json, double minZ, double maxZ) {
    if (json == null) {
      throw new IllegalArgumentException("governor policy state must not be null");
    }
    Map<String, Object> m;
    try {
      m = Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("governor policy state is not valid JSON: " + e.getMessage(), e);
    }
    Obj top = new Obj("", m);
    String kind = top.string("policy");
    if (!HybridPolicy.NAME.equals(kind)) {
      throw top.error("policy", "must be \"" + HybridPolicy.NAME + "\"", "\"" + kind + "\"");
    }
    long version = top.count("version");
    if (version != VERSION) {
      throw top.error("version", "must be " + VERSION, version);
    }
    Object cs = m.get("classes");
    if (!(cs instanceof Map<?, ?> classes)) {
      throw top.error("classes", "must be an object", cs);
    }
    Map<String, HybridPolicy.ClassState> out = new HashMap<>();
    for (Map.Entry<?, ?> e : classes.entrySet()) {
      String name = (String) e.getKey();
      Obj c = new Obj("classes." + name + ".", Json.asObj(e.getValue()));
      HybridPolicy.ClassState st = new HybridPolicy.ClassState();
      st.lambda = c.rate("lambda");
      st.lastArrivalsAt = c.instant("lastArrivalsAt");
      st.burstSamples = c.count("burstSamples");
      st.planned = c.array("planned", true);
      st.samples = c.array("samples", false);
      if ((st.planned == null) != (st.samples == null)
          || st.planned != null && st.planned.length != st.samples.length) {
        throw c.error("samples", "must be as long as 'planned' (" + (st.planned == null ? "null" : st.planned.length) + ")",
            st.samples == null ? "null" : st.samples.length);
      }
      st.seen = c.count("seen");
      st.errVar = c.rate("errVar");
      st.idleWhileWaiting = c.count("idleWhileWaiting");
      double z = c.rate("z");
      st.z = Double.isNaN(z) ? z : Math.max(minZ, Math.min(maxZ, z));
      st.zDebt = c.finite("zDebt");
      st.meanPerTick = c.rate("meanPerTick");
      st.lastLateAt = c.instant("lastLateAt");
      double[] arrived = c.array("arrived", true);
      st.arrived = arrived == null ? new double[0] : arrived;
      st.arrivedKnown = c.count("arrivedKnown");
      if (st.arrivedKnown > st.arrived.length) {
        throw c.error("arrivedKnown", "must be at most the length of 'arrived' (" + st.arrived.length + ")",
            st.arrivedKnown);
      }
      st.cappedUntil = c.instant("cappedUntil");
      st.capLevel = c.finite("capLevel");
      if (st.capLevel < 0) {
        throw c.error("capLevel", "must be >= 0", st.capLevel);
      }
      out.put(name, st);
    }
    return out;
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

  /** Checked access to one object of the document; every error names the field with its path. */
  private record Obj(String where, Map<String, Object> map) {
    IllegalArgumentException error(String key, String rule, Object was) {
      return new IllegalArgumentException("governor policy state: '" + where + key + "' " + rule + ", but was " + was);
    }

    Object get(String key) {
      if (!map.containsKey(key)) {
        throw new IllegalArgumentException("governor policy state: '" + where + key + "' is missing");
      }
      return map.get(key);
    }

    String string(String key) {
      Object v = get(key);
      if (!(v instanceof String s)) {
        throw error(key, "must be a string", v);
      }
      return s;
    }

    double finite(String key) {
      Object v = get(key);
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw error(key, "must be a finite number", v);
      }
      return n.doubleValue();
    }

    /** A value not yet known (null, read as NaN) or a finite number >= 0. */
    double rate(String key) {
      Object v = get(key);
      if (v == null) {
        return Double.NaN;
      }
      double d = finite(key);
      if (d < 0) {
        throw error(key, "must be >= 0 (or null before it is known)", d);
      }
      return d;
    }

    int count(String key) {
      Object v = get(key);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0
          || n.doubleValue() > Integer.MAX_VALUE) {
        throw error(key, "must be a whole number >= 0", v);
      }
      return n.intValue();
    }

    Instant instant(String key) {
      Object v = get(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof String s)) {
        throw error(key, "must be an ISO-8601 instant", v);
      }
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw error(key, "must be an ISO-8601 instant", "'" + s + "'");
      }
    }

    /** An array of finite numbers >= 0 (null entries allowed where {@code unknownAllowed}: NaN), or null. */
    double[] array(String key, boolean unknownAllowed) {
      Object v = get(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof List<?> l)) {
        throw error(key, "must be an array", v);
      }
      double[] out = new double[l.size()];
      for (int i = 0; i < out.length; i++) {
        Object x = l.get(i);
        if (x == null && unknownAllowed) {
          out[i] = Double.NaN;
        } else if (x instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0) {
          out[i] = n.doubleValue();
        } else {
          throw error(key + "[" + i + "]", "must be a finite number >= 0" + (unknownAllowed ? " or null" : ""), x);
        }
      }
      return out;
    }
  }
}
