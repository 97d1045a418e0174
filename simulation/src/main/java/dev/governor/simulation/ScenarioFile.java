package dev.governor.simulation;

import dev.governor.fleet.BillingModel;
import dev.governor.fleet.JobClass;
import dev.governor.simulation.internal.JsonReader;
import dev.governor.simulation.trace.Timestamps;
import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceReader;
import dev.governor.simulation.trace.TraceRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A scenario file: several job classes, each with its service time, deadline, priority and the
 * source of its load, plus the fleet they share — one small JSON document (format in
 * {@code simulation/README.md}, "Scenario files"). {@link #load} reads one; {@link #trace()} is the
 * merged multi-class trace and {@link #applyTo} puts the file's classes, fleet, window and seed on
 * a scenario. Every error names the file, the field and the value.
 *
 * <p>A class's {@code load} is one of:
 * <ul>
 *   <li>{@code {"trace": NAME_OR_PATH, "class": C, "scale": X, "shift": "1h"}} — a bundled or user
 *       trace (a path is relative to the scenario file), optionally only its class {@code C},
 *       counts × {@code scale} (default 1), moved by {@code shift} (default 0, may be negative);
 *   <li>{@code {"copyOf": CLASS, "scale": X, "shift": "2m"}} — the load of another class of the
 *       file, scaled and shifted (thumbnails follow uploads);
 *   <li>{@code {"bursts": {"count": N, "jobs": J, "seed": S, "from": T, "until": T}}} — {@code N}
 *       bursts of {@code J} jobs each, all enqueued at once, at seeded uniformly random instants in
 *       {@code [from, until)} (default: the file's window), or at the instants of {@code "at": [...]}.
 * </ul>
 */
public final class ScenarioFile {
  /** Scenario files shipped in this jar, by name ({@code --scenario smugmug-week}). */
  public static final List<String> BUNDLED = List.of("smugmug-week");

  private final String name;
  private final String description;
  private final List<JobClassSpec> classes;
  private final Trace trace;
  private final Map<String, Object> fleet;
  private final Instant from;
  private final Instant until;
  private final Long seed;
  private final String source;
  private double sloTarget = Double.NaN;

  private ScenarioFile(String name, String description, List<JobClassSpec> classes, Trace trace,
      Map<String, Object> fleet, Instant from, Instant until, Long seed, String source) {
    this.name = name;
    this.description = description;
    this.classes = List.copyOf(classes);
    this.trace = trace;
    this.fleet = fleet;
    this.from = from;
    this.until = until;
    this.seed = seed;
    this.source = source;
  }

  /** A file if {@code pathOrName} exists, else a bundled scenario of that name (with or without {@code .json}). */
  public static ScenarioFile load(String pathOrName) {
    Objects.requireNonNull(pathOrName, "scenario");
    Path p = Path.of(pathOrName);
    if (Files.isRegularFile(p)) {
      try {
        return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString(), p.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read scenario " + p + ": " + e.getMessage(), e);
      }
    }
    String bare = pathOrName.endsWith(".json") ? pathOrName.substring(0, pathOrName.length() - 5) : pathOrName;
    if (p.getParent() == null) {
      try (InputStream in = ScenarioFile.class.getClassLoader().getResourceAsStream("scenarios/" + bare + ".json")) {
        if (in != null) {
          return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), bare, null);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled scenario " + bare + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("scenario must be a readable file or one of the bundled scenarios " + BUNDLED
        + ", but was '" + pathOrName + "'");
  }

  /**
   * Parses a scenario document.
   *
   * @param source the file's name, for error messages
   * @param dir where relative trace paths are resolved (null: only bundled traces)
   */
  public static ScenarioFile parse(String json, String source, Path dir) {
    Map<String, Object> root;
    try {
      root = JsonReader.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    try {
      return build(root, source, dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static ScenarioFile build(Map<String, Object> root, String source, Path dir) {
    known(root, "top level", "name", "description", "sloTarget", "from", "until", "seed", "serviceDistribution", "fleet", "classes");
    String name = JsonReader.str(root, "name");
    if (name == null) {
      name = source;
    }
    Instant from = instant(root, "from");
    Instant until = instant(root, "until");
    if (from != null && until != null && !until.isAfter(from)) {
      throw new IllegalArgumentException("until must be after from (" + from + "), but was " + until);
    }
    double seedNum = JsonReader.num(root, "seed");
    Long seed = Double.isNaN(seedNum) ? null : (long) seedNum;
    Map<String, Object> fleet = JsonReader.obj(root, "fleet");
    if (fleet == null) {
      fleet = Map.of();
    }
    known(fleet, "fleet", "slots", "boot", "bootCv", "price", "billing", "min", "max", "tick", "signalLag",
        "initialInstances");
    Map<String, Object> withDist = new LinkedHashMap<>(fleet);
    if (root.get("serviceDistribution") != null) {
      withDist.put("serviceDistribution", JsonReader.str(root, "serviceDistribution"));
    }
    List<Object> list = JsonReader.list(root, "classes");
    if (list.isEmpty()) {
      throw new IllegalArgumentException("classes must name at least one job class");
    }
    List<JobClassSpec> specs = new ArrayList<>();
    Map<String, Map<String, Object>> loads = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("classes[" + i + "] must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) list.get(i);
      String cn = JsonReader.str(c, "name");
      String where = "classes[" + i + "]" + (cn == null ? "" : " (" + cn + ")");
      known(c, where, "name", "serviceTime", "serviceCv", "deadline", "priority", "maxInService", "load");
      if (cn == null || !JobClass.isValidName(cn)) {
        throw new IllegalArgumentException(where + ".name must be " + JobClass.NAME_RULE + ", but was "
            + (cn == null ? "missing" : "'" + cn + "'"));
      }
      if (loads.containsKey(cn)) {
        throw new IllegalArgumentException(where + ".name must be unique, but '" + cn + "' appears twice");
      }
      Duration service = duration(c, "serviceTime", where, Scenario.DEFAULT_SERVICE_TIME);
      double cv = JsonReader.num(c, "serviceCv");
      Duration deadline = duration(c, "deadline", where, Scenario.DEFAULT_DEADLINE);
      double prio = JsonReader.num(c, "priority");
      double maxIn = JsonReader.num(c, "maxInService");
      specs.add(new JobClassSpec(cn, service, Double.isNaN(cv) ? Scenario.DEFAULT_SERVICE_CV : cv, deadline,
          Double.isNaN(prio) ? 0 : integer(prio, where + ".priority"),
          Double.isNaN(maxIn) ? 0 : integer(maxIn, where + ".maxInService")));
      Map<String, Object> load = JsonReader.obj(c, "load");
      if (load == null) {
        throw new IllegalArgumentException(where + ".load is missing: give a trace, a copyOf or bursts");
      }
      loads.put(cn, load);
    }
    Map<String, Trace> traces = new LinkedHashMap<>();
    for (String cn : loads.keySet()) {
      traces.put(cn, loadOf(cn, loads, traces, new ArrayList<>(), dir, from, until));
    }
    ScenarioFile f = new ScenarioFile(name, JsonReader.str(root, "description"), specs,
        merged(name, new ArrayList<>(traces.values())), withDist, from, until, seed, source);
    double target = JsonReader.num(root, "sloTarget");
    if (!Double.isNaN(target) && !(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("sloTarget must be in (0, 1], but was " + target);
    }
    f.sloTarget = target;
    return f;
  }

  private static Trace loadOf(String cn, Map<String, Map<String, Object>> loads, Map<String, Trace> done,
      List<String> path, Path dir, Instant from, Instant until) {
    Trace t = done.get(cn);
    if (t != null) {
      return t;
    }
    if (path.contains(cn)) {
      path.add(cn);
      throw new IllegalArgumentException("copyOf must not go round in a circle, but does: " + String.join(" -> ", path));
    }
    path.add(cn);
    Map<String, Object> load = loads.get(cn);
    String where = cn + ".load";
    int kinds = (load.containsKey("trace") ? 1 : 0) + (load.containsKey("copyOf") ? 1 : 0)
        + (load.containsKey("bursts") ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException(where + " must have exactly one of trace, copyOf or bursts, but has " + kinds);
    }
    if (load.containsKey("bursts")) {
      known(load, where, "bursts");
      return bursts(cn, JsonReader.obj(load, "bursts"), where + ".bursts", from, until);
    }
    known(load, where, "trace", "copyOf", "class", "scale", "shift");
    double scale = JsonReader.num(load, "scale");
    if (Double.isNaN(scale)) {
      scale = 1;
    }
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(where + ".scale must be >= 0 and finite, but was " + scale);
    }
    Duration shift = signedDuration(load, "shift", where);
    Trace base;
    String only = null;
    if (load.containsKey("copyOf")) {
      String of = JsonReader.str(load, "copyOf");
      if (!loads.containsKey(of)) {
        throw new IllegalArgumentException(where + ".copyOf must name a class of this file " + loads.keySet()
            + ", but was '" + of + "'");
      }
      if (load.containsKey("class")) {
        throw new IllegalArgumentException(where + ".class belongs with trace, not copyOf");
      }
      base = loadOf(of, loads, done, path, dir, from, until);
    } else {
      String tn = JsonReader.str(load, "trace");
      Path p = dir == null || tn == null ? null : dir.resolve(tn);
      base = p != null && Files.isRegularFile(p) ? Trace.csv(p) : Trace.resolve(tn);
      only = JsonReader.str(load, "class");
    }
    path.remove(path.size() - 1);
    return transformed(cn, base, only, scale, shift);
  }

  /** {@code base}'s rows (of class {@code only}, or all) as class {@code cn}, counts × scale, moved by shift. */
  static Trace transformed(String cn, Trace base, String only, double scale, Duration shift) {
    return new Trace() {
      @Override
      public String name() {
        return cn;
      }

      @Override
      public TraceReader open() {
        TraceReader in = base.open();
        return new TraceReader() {
          @Override
          public TraceRow next() {
            for (TraceRow r = in.next(); r != null; r = in.next()) {
              if (only == null || r.jobClass().equals(only)) {
                return new TraceRow(r.start().plus(shift), r.lengthSeconds(), cn, r.count() * scale,
                    r.serviceSeconds(), r.line());
              }
            }
            return null;
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }

  private static Trace bursts(String cn, Map<String, Object> b, String where, Instant from, Instant until) {
    if (b == null) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    known(b, where, "count", "jobs", "seed", "from", "until", "at");
    double jobs = JsonReader.num(b, "jobs");
    if (!(jobs >= 0) || Double.isInfinite(jobs)) {
      throw new IllegalArgumentException(where + ".jobs must be a number >= 0, but was " + b.get("jobs"));
    }
    List<Instant> at = new ArrayList<>();
    if (b.containsKey("at")) {
      List<Object> l = JsonReader.list(b, "at");
      for (int i = 0; i < l.size(); i++) {
        Instant t = l.get(i) instanceof String s ? Timestamps.parse(s) : null;
        if (t == null) {
          throw new IllegalArgumentException(where + ".at[" + i + "] must be an ISO-8601 timestamp, but was " + l.get(i));
        }
        at.add(t);
      }
    } else {
      double count = JsonReader.num(b, "count");
      int n = Double.isNaN(count) ? -1 : integer(count, where + ".count");
      if (n < 0) {
        throw new IllegalArgumentException(where + ".count must be an integer >= 0 (or give 'at'), but was "
            + b.get("count"));
      }
      Instant a = b.containsKey("from") ? instant(b, "from") : from;
      Instant z = b.containsKey("until") ? instant(b, "until") : until;
      if (a == null || z == null || !z.isAfter(a)) {
        throw new IllegalArgumentException(where + " needs a window: from and until (or the file's), with until after"
            + " from, but was [" + a + ", " + z + ")");
      }
      double seedNum = JsonReader.num(b, "seed");
      SplittableRandom rnd = new SplittableRandom(Double.isNaN(seedNum) ? 1 : (long) seedNum);
      long span = Duration.between(a, z).getSeconds();
      long[] offsets = new long[n];
      for (int i = 0; i < n; i++) {
        offsets[i] = rnd.nextLong(span);
      }
      Arrays.sort(offsets);
      for (long o : offsets) {
        at.add(a.plusSeconds(o));
      }
    }
    at.sort(null);
    List<TraceRow> rows = new ArrayList<>();
    for (Instant t : at) {
      rows.add(TraceRow.burst(t, cn, jobs));
    }
    return Trace.of(cn, rows);
  }

  /** The rows of every trace in start order (ties keep the traces' order). */
  static Trace merged(String name, List<Trace> traces) {
    return new Trace() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public TraceReader open() {
        List<TraceReader> readers = new ArrayList<>();
        for (Trace t : traces) {
          readers.add(t.open());
        }
        record Head(TraceRow row, int source) {}
        PriorityQueue<Head> heap = new PriorityQueue<>((x, y) -> {
          int c = x.row().start().compareTo(y.row().start());
          return c != 0 ? c : Integer.compare(x.source(), y.source());
        });
        for (int i = 0; i < readers.size(); i++) {
          TraceRow r = readers.get(i).next();
          if (r != null) {
            heap.add(new Head(r, i));
          }
        }
        return new TraceReader() {
          long line;

          @Override
          public TraceRow next() {
            Head h = heap.poll();
            if (h == null) {
              return null;
            }
            TraceRow r = readers.get(h.source()).next();
            if (r != null) {
              heap.add(new Head(r, h.source()));
            }
            TraceRow o = h.row();
            return new TraceRow(o.start(), o.lengthSeconds(), o.jobClass(), o.count(), o.serviceSeconds(), ++line);
          }

          @Override
          public void close() {
            RuntimeException first = null;
            for (TraceReader r : readers) {
              try {
                r.close();
              } catch (RuntimeException e) {
                if (first == null) {
                  first = e;
                }
              }
            }
            if (first != null) {
              throw first;
            }
          }
        };
      }
    };
  }

  /**
   * {@code base} with this file's classes, window, seed and the fleet keys it names; what the file
   * leaves out keeps {@code base}'s value (the CLI's flags).
   */
  public Scenario applyTo(Scenario base) {
    Scenario s = base;
    for (JobClassSpec c : classes) {
      s = s.withClass(c);
    }
    if (from != null || until != null) {
      s = s.withWindow(from, until);
    }
    if (seed != null) {
      s = s.withSeed(seed);
    }
    try {
      if (fleet.containsKey("slots")) {
        s = s.withSlots(integer(JsonReader.num(fleet, "slots"), "fleet.slots"));
      }
      if (fleet.containsKey("boot")) {
        s = s.withBoot(duration(fleet, "boot", "fleet", null));
      }
      if (fleet.containsKey("bootCv")) {
        s = s.withBootCv(JsonReader.num(fleet, "bootCv"));
      }
      if (fleet.containsKey("price")) {
        s = s.withPrice(JsonReader.num(fleet, "price"));
      }
      if (fleet.containsKey("billing")) {
        s = s.withBilling(BillingModel.named(JsonReader.str(fleet, "billing").toLowerCase(Locale.ROOT)));
      }
      if (fleet.containsKey("min") || fleet.containsKey("max")) {
        int min = fleet.containsKey("min") ? integer(JsonReader.num(fleet, "min"), "fleet.min") : s.min();
        int max = fleet.containsKey("max") ? integer(JsonReader.num(fleet, "max"), "fleet.max") : s.max();
        s = s.withBounds(min, max);
      }
      if (fleet.containsKey("tick")) {
        s = s.withTick(duration(fleet, "tick", "fleet", null));
      }
      if (fleet.containsKey("signalLag")) {
        s = s.withSignalLag(duration(fleet, "signalLag", "fleet", null));
      }
      if (fleet.containsKey("initialInstances")) {
        s = s.withInitialInstances(integer(JsonReader.num(fleet, "initialInstances"), "fleet.initialInstances"));
      }
      if (fleet.containsKey("serviceDistribution")) {
        s = s.withServiceDistribution(ServiceDistribution.named(JsonReader.str(fleet, "serviceDistribution")));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    return s;
  }

  /** The scenario's name (the {@code name} key, else the file). */
  public String name() {
    return name;
  }

  /** The {@code description} key, or null. */
  public String description() {
    return description;
  }

  /** The classes in the file's order. */
  public List<JobClassSpec> classes() {
    return classes;
  }

  /** Every class's load, merged into one multi-class trace named after the scenario. */
  public Trace trace() {
    return trace;
  }

  /** The share of each class's jobs that must start within its deadline (the report's verdict), or NaN if unset. */
  public double sloTarget() {
    return sloTarget;
  }

  /** The file's window start, or null. */
  public Instant from() {
    return from;
  }

  /** The file's window end (exclusive), or null. */
  public Instant until() {
    return until;
  }

  private static void known(Map<String, Object> m, String where, String... keys) {
    List<String> k = List.of(keys);
    for (String key : m.keySet()) {
      if (!k.contains(key)) {
        throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; known keys: " + k);
      }
    }
  }

  private static Instant instant(Map<String, Object> m, String key) {
    String v = JsonReader.str(m, key);
    if (v == null) {
      return null;
    }
    Instant t = Timestamps.parse(v);
    if (t == null) {
      throw new IllegalArgumentException(key + " must be an ISO-8601 timestamp (e.g. 1995-07-09T00:00:00Z), but was '"
          + v + "'");
    }
    return t;
  }

  private static int integer(double v, String field) {
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " must be an integer, but was " + v);
    }
    return (int) v;
  }

  private static Duration duration(Map<String, Object> m, String key, String where, Duration dflt) {
    String v = JsonReader.str(m, key);
    if (v == null) {
      if (dflt == null) {
        throw new IllegalArgumentException(where + "." + key + " must be a duration with a unit, e.g. \"30s\"");
      }
      return dflt;
    }
    Duration d = parseDuration(v, where + "." + key);
    if (d.isNegative()) {
      throw new IllegalArgumentException(where + "." + key + " must be >= 0, but was '" + v + "'");
    }
    return d;
  }

  private static Duration signedDuration(Map<String, Object> m, String key, String where) {
    String v = JsonReader.str(m, key);
    return v == null ? Duration.ZERO : parseDuration(v, where + "." + key);
  }

  /**
   * {@code 30s}, {@code 2m}, {@code 1.5h}, {@code 1d}, {@code 500ms} or ISO {@code PT30S}, optionally
   * preceded by {@code -}; a number without a unit is refused (is 30 seconds or minutes?).
   */
  public static Duration parseDuration(String text, String field) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    boolean neg = v.startsWith("-");
    String body = neg ? v.substring(1).trim() : v;
    try {
      if (body.startsWith("p")) {
        Duration d = Duration.parse(body.toUpperCase(Locale.ROOT));
        return neg ? d.negated() : d;
      }
      double unit;
      int cut;
      if (body.endsWith("ms")) {
        unit = 0.001;
        cut = 2;
      } else if (body.endsWith("s")) {
        unit = 1;
        cut = 1;
      } else if (body.endsWith("m")) {
        unit = 60;
        cut = 1;
      } else if (body.endsWith("h")) {
        unit = 3600;
        cut = 1;
      } else if (body.endsWith("d")) {
        unit = 86400;
        cut = 1;
      } else {
        throw new IllegalArgumentException(field + " must have a unit (ms, s, m, h, d; e.g. 30s or 2m), but was '"
            + text + "'");
      }
      double secs = Double.parseDouble(body.substring(0, body.length() - cut).trim()) * unit;
      if (!Double.isFinite(secs) || secs < 0) {
        throw new NumberFormatException();
      }
      Duration d = Duration.ofNanos(Math.round(secs * 1e9));
      return neg ? d.negated() : d;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must look like 30s, 2m, 1h, 500ms or PT30S, but was '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return "ScenarioFile[" + name + ", classes=" + classes + "]";
  }
}
