package dev.governor.state;

import dev.governor.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a controller needs to resume after a restart: scaling history and cooldown timers,
 * predictor state per series, service-time estimates per job class.
 *
 * @param savedAt when it was saved (the tick's time)
 * @param history recent ticks and last scale-out / scale-in
 * @param predictors predictor state (JSON) per series name
 * @param serviceSeconds service-time estimate per job class
 */
public record ControllerState(Instant savedAt, ScalingHistory history, Map<String, String> predictors,
    Map<String, Double> serviceSeconds) {
  public ControllerState {
    Objects.requireNonNull(savedAt, "savedAt");
    Objects.requireNonNull(history, "history");
    predictors = Map.copyOf(predictors);
    serviceSeconds = Map.copyOf(serviceSeconds);
  }

  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", 1);
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
    return Json.write(m);
  }

  /** Parses {@link #toJson()} output; a bad document fails naming the field. */
  public static ControllerState fromJson(String json) {
    Map<String, Object> m = Json.parseObject(json);
    long version = Json.lng(m, "version");
    if (version != 1) {
      throw new IllegalArgumentException("state version must be 1, but was " + version);
    }
    List<HistoryEntry> entries = new ArrayList<>();
    for (Object o : Json.list(m, "history")) {
      Map<String, Object> h = Json.asObj(o);
      entries.add(new HistoryEntry(Instant.parse(Json.str(h, "at")), (int) Json.lng(h, "current"),
          (int) Json.lng(h, "proposed"), (int) Json.lng(h, "desired"), (int) Json.lng(h, "change")));
    }
    String out = Json.str(m, "lastScaleOut");
    int failures = m.containsKey("launchFailures") ? (int) Json.lng(m, "launchFailures") : 0;
    String lastFailure = Json.str(m, "lastLaunchFailure");
    String in = Json.str(m, "lastScaleIn");
    Map<String, String> preds = new TreeMap<>();
    Map<String, Object> pm = Json.obj(m, "predictors");
    if (pm != null) {
      pm.forEach((k, v) -> preds.put(k, (String) v));
    }
    Map<String, Double> svc = new TreeMap<>();
    Map<String, Object> sm = Json.obj(m, "serviceSeconds");
    if (sm != null) {
      sm.forEach((k, v) -> svc.put(k, ((Number) v).doubleValue()));
    }
    return new ControllerState(Instant.parse(Json.str(m, "savedAt")),
        new ScalingHistory(entries, out == null ? null : Instant.parse(out), in == null ? null : Instant.parse(in),
            failures, lastFailure == null ? null : Instant.parse(lastFailure), Json.str(m, "lastLaunchError")),
        preds, svc);
  }
}
