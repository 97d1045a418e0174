package dev.governor.state;

import dev.governor.internal.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a controller needs to resume after a restart: scaling history and cooldown timers,
 * predictor state per series, service-time estimates per job class, the launches still in
 * flight, and what the scaling policy has learned ({@code ScalingPolicy.saveState()}). Validated when built and when read: a state that cannot be true (a negative service
 * time, history out of order or after the save, a launch of no instances) is refused with a
 * message naming the field, the rule and the value, and the controller then starts afresh
 * instead of failing every tick on it.
 *
 * <p>JSON version 3; version 2 documents (without the policy's state) and version 1 documents
 * (without launches in flight either) are still read. Immutable:
 * the maps and the list are unmodifiable copies.
 *
 * @param savedAt when it was saved (the tick's time)
 * @param history recent ticks and last scale-out / scale-in; its last entry is not after
 *     {@code savedAt}
 * @param predictors predictor state (JSON, from {@code Predictor.saveState()}) per series name
 * @param serviceSeconds service-time estimate per job class name, in seconds (finite, &gt; 0)
 * @param inFlight launches whose instances have not all reached RUNNING, oldest first; none
 *     applied after {@code savedAt}
 * @param policies the scaling policy's state (JSON, from {@code ScalingPolicy.saveState()}) by
 *     the policy's name; empty when the policy saves nothing. A controller restores it only into a
 *     policy of the same name.
 */
public record ControllerState(Instant savedAt, ScalingHistory history, Map<String, String> predictors,
    Map<String, Double> serviceSeconds, List<InFlightLaunch> inFlight, Map<String, String> policies) {
  /**
   * The JSON document version {@link #toJson()} writes: 3 (version 2 had no {@code policies},
   * version 1 no {@code inFlight} either).
   */
  public static final int VERSION = 3;

  /**
   * Validates the state and copies the collections.
   *
   * @param savedAt when it was saved (the tick's time)
   * @param history recent ticks and last scale-out / scale-in
   * @param predictors predictor state (JSON) per series name
   * @param serviceSeconds service-time estimate per job class name, in seconds
   * @param inFlight launches in flight, oldest first
   * @param policies the policy's state (JSON) by policy name
   * @throws NullPointerException if {@code savedAt}, {@code history} or a collection is null, or
   *     a map or the list holds a null
   * @throws IllegalArgumentException if a service time is not finite and {@code > 0}, the
   *     history has an entry after {@code savedAt}, or a launch in flight was applied after it
   */
  public ControllerState {
    Objects.requireNonNull(savedAt, "savedAt");
    Objects.requireNonNull(history, "history");
    predictors = Map.copyOf(predictors);
    serviceSeconds = Map.copyOf(serviceSeconds);
    inFlight = List.copyOf(inFlight);
    policies = Map.copyOf(policies);
    serviceSeconds.forEach((cls, s) -> {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("serviceSeconds of '" + cls + "' must be > 0 and finite, but was " + s);
      }
    });
    List<HistoryEntry> es = history.entries();
    if (!es.isEmpty() && es.get(es.size() - 1).at().isAfter(savedAt)) {
      throw new IllegalArgumentException("history must end by savedAt " + savedAt + ", but has an entry at "
          + es.get(es.size() - 1).at());
    }
    for (InFlightLaunch l : inFlight) {
      if (l.at().isAfter(savedAt)) {
        throw new IllegalArgumentException("in-flight launch " + l.token() + " must be applied by savedAt " + savedAt
            + ", but was applied at " + l.at());
      }
    }
  }

  /**
   * A state without the policy's state (a policy that saves nothing).
   *
   * @param savedAt when it was saved (the tick's time)
   * @param history recent ticks and last scale-out / scale-in; not after {@code savedAt}
   * @param predictors predictor state (JSON) per series name
   * @param serviceSeconds service-time estimate per job class name, in seconds (finite, &gt; 0)
   * @param inFlight launches in flight, oldest first; none applied after {@code savedAt}
   * @throws NullPointerException if an argument is null, or a collection holds a null
   * @throws IllegalArgumentException as for the canonical constructor
   */
  public ControllerState(Instant savedAt, ScalingHistory history, Map<String, String> predictors,
      Map<String, Double> serviceSeconds, List<InFlightLaunch> inFlight) {
    this(savedAt, history, predictors, serviceSeconds, inFlight, Map.of());
  }

  /**
   * A state without launches in flight or the policy's state.
   *
   * @param savedAt when it was saved (the tick's time)
   * @param history recent ticks and last scale-out / scale-in; not after {@code savedAt}
   * @param predictors predictor state (JSON) per series name
   * @param serviceSeconds service-time estimate per job class name, in seconds (finite, &gt; 0)
   * @throws NullPointerException if an argument is null, or a map holds a null
   * @throws IllegalArgumentException as for the canonical constructor
   */
  public ControllerState(Instant savedAt, ScalingHistory history, Map<String, String> predictors,
      Map<String, Double> serviceSeconds) {
    this(savedAt, history, predictors, serviceSeconds, List.of(), Map.of());
  }

  /**
   * Serialises the state as one JSON document of version {@link #VERSION}: instants as ISO-8601
   * strings, predictor and service-time maps sorted by key. {@link #fromJson} reads it back.
   *
   * @return the JSON document
   */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("savedAt", savedAt.toString());
    List<Object> entries = new ArrayList<>();
    for (HistoryEntry e : history.entries()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("at", e.at().toString());
      h.put("current", e.current());
      h.put("proposed", e.proposed());
      h.put("desired", e.desired());
      h.put("change", e.change());
      entries.add(h);
    }
    m.put("history", entries);
    m.put("lastScaleOut", history.lastScaleOut() == null ? null : history.lastScaleOut().toString());
    m.put("lastScaleIn", history.lastScaleIn() == null ? null : history.lastScaleIn().toString());
    m.put("launchFailures", history.launchFailures());
    m.put("lastLaunchFailure", history.lastLaunchFailure() == null ? null : history.lastLaunchFailure().toString());
    m.put("lastLaunchError", history.lastLaunchError());
    m.put("predictors", new TreeMap<>(predictors));
    m.put("serviceSeconds", new TreeMap<>(serviceSeconds));
    List<Object> launches = new ArrayList<>();
    for (InFlightLaunch l : inFlight) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("token", l.token());
      o.put("instanceType", l.instanceType());
      o.put("count", l.count());
      o.put("at", l.at().toString());
      o.put("ids", l.ids());
      o.put("seen", l.seen());
      o.put("arrived", l.arrived());
      o.put("gone", l.gone());
      launches.add(o);
    }
    m.put("inFlight", launches);
    m.put("policies", new TreeMap<>(policies));
    return Json.write(m);
  }

  /**
   * Parses {@link #toJson()} output, of version 1, 2 or 3. Missing optional fields read as absent:
   * {@code lastScaleOut}, {@code lastScaleIn}, {@code lastLaunchFailure} and
   * {@code lastLaunchError} as null, {@code launchFailures} as 0, {@code history},
   * {@code predictors}, {@code serviceSeconds}, {@code inFlight} and {@code policies} as empty.
   *
   * @param json a JSON document as {@link #toJson()} writes it
   * @return the state it holds, validated as by the constructor
   * @throws IllegalArgumentException if the document is not valid JSON, of another version, or a
   *     field is missing, of the wrong type or breaks a rule (the message names the field, the
   *     rule and the value)
   */
  public static ControllerState fromJson(String json) {
    Map<String, Object> m = Json.parseObject(json);
    long version = Json.lng(m, "version");
    if (version < 1 || version > VERSION) {
      throw new IllegalArgumentException("state version must be 1, 2 or " + VERSION + ", but was " + version);
    }
    List<HistoryEntry> entries = new ArrayList<>();
    List<Object> hs = Json.list(m, "history");
    for (int k = 0; k < hs.size(); k++) {
      Map<String, Object> h = Json.asObj(hs.get(k));
      String where = "history[" + k + "].";
      entries.add(new HistoryEntry(instant(h, "at", where), count(h, "current", where), count(h, "proposed", where),
          count(h, "desired", where), integer(h, "change", where)));
    }
    int failures = m.containsKey("launchFailures") ? count(m, "launchFailures", "") : 0;
    ScalingHistory history = new ScalingHistory(entries, optionalInstant(m, "lastScaleOut"),
        optionalInstant(m, "lastScaleIn"), failures, optionalInstant(m, "lastLaunchFailure"),
        Json.str(m, "lastLaunchError"));
    Map<String, String> preds = documents(m, "predictors");
    Map<String, Double> svc = new TreeMap<>();
    Map<String, Object> sm = Json.obj(m, "serviceSeconds");
    if (sm != null) {
      sm.forEach((k, v) -> {
        if (!(v instanceof Number n)) {
          throw new IllegalArgumentException("'serviceSeconds." + k + "' must be a number, but was " + v);
        }
        svc.put(k, n.doubleValue());
      });
    }
    List<InFlightLaunch> launches = new ArrayList<>();
    if (m.get("inFlight") != null) {
      List<Object> ls = Json.list(m, "inFlight");
      for (int k = 0; k < ls.size(); k++) {
        Map<String, Object> o = Json.asObj(ls.get(k));
        String where = "inFlight[" + k + "].";
        launches.add(new InFlightLaunch(string(o, "token", where), string(o, "instanceType", where),
            count(o, "count", where), instant(o, "at", where), strings(o, "ids", where), strings(o, "seen", where),
            strings(o, "arrived", where), strings(o, "gone", where)));
      }
    }
    return new ControllerState(instant(m, "savedAt", ""), history, preds, svc, launches, documents(m, "policies"));
  }

  /** An optional object of JSON documents held as strings, by name. */
  private static Map<String, String> documents(Map<String, Object> m, String key) {
    Map<String, String> out = new TreeMap<>();
    Map<String, Object> dm = Json.obj(m, key);
    if (dm != null) {
      dm.forEach((k, v) -> {
        if (!(v instanceof String s)) {
          throw new IllegalArgumentException("'" + key + "." + k + "' must be a string, but was " + v);
        }
        out.put(k, s);
      });
    }
    return out;
  }

  private static String string(Map<String, Object> m, String key, String where) {
    String s = Json.str(m, key);
    if (s == null) {
      throw new IllegalArgumentException("'" + where + key + "' is missing");
    }
    return s;
  }

  private static Instant instant(Map<String, Object> m, String key, String where) {
    Instant t = optionalInstant(m, key, where);
    if (t == null) {
      throw new IllegalArgumentException("'" + where + key + "' is missing");
    }
    return t;
  }

  private static Instant optionalInstant(Map<String, Object> m, String key) {
    return optionalInstant(m, key, "");
  }

  private static Instant optionalInstant(Map<String, Object> m, String key, String where) {
    String s = Json.str(m, key);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + where + key + "' must be an ISO-8601 instant, but was '" + s + "'");
    }
  }

  private static int integer(Map<String, Object> m, String key, String where) {
    double v = Json.num(m, key);
    if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + where + key + "' must be a whole number in the int range, but was " + v);
    }
    return (int) v;
  }

  private static int count(Map<String, Object> m, String key, String where) {
    int v = integer(m, key, where);
    if (v < 0) {
      throw new IllegalArgumentException("'" + where + key + "' must be >= 0, but was " + v);
    }
    return v;
  }

  private static List<String> strings(Map<String, Object> m, String key, String where) {
    List<String> out = new ArrayList<>();
    if (m.get(key) == null) {
      return out;
    }
    for (Object o : Json.list(m, key)) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException("'" + where + key + "' must hold strings, but held " + o);
      }
      out.add(s);
    }
    return out;
  }
}
