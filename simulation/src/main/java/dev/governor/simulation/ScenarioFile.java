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
 * a scenario. Every error names the file, the field and the value. Immutable once parsed; the
 * traces it names are found when it is parsed and read each time {@link #trace()} is opened.
 *
 * <h2>Values</h2>
 * An unknown key is an error at every level. A <em>duration</em> is a string with a unit, as
 * {@link #parseDuration} reads it ({@code "500ms"}, {@code "30s"}, {@code "2m"}, {@code "1.5h"},
 * {@code "1d"}, {@code "PT30S"}); a number is refused. A <em>timestamp</em> is a string in a form
 * trace files accept: an ISO-8601 instant such as {@code "1995-07-09T00:00:00Z"}, a date-time with an
 * offset, a local date-time or a date (read as UTC), or epoch seconds. An <em>integer</em> is a
 * JSON number without a fraction.
 *
 * <h2>Top level</h2>
 * <ul>
 *   <li>{@code name}: string, the scenario's name and its merged trace's. Default: the source (the
 *       path as given, or the bundled name).
 *   <li>{@code description}: string, shown under the report's title. Default: none.
 *   <li>{@code sloTarget}: number in (0, 1], the share of each class's jobs that must start within
 *       its deadline for the report's verdict. Default: unset.
 *   <li>{@code from}, {@code until}: timestamps, the replayed window {@code [from, until)} and the
 *       default window of bursts; {@code until} must be after {@code from}. If the file gives
 *       neither, the base scenario's window is kept; if it gives one, the other is open (the
 *       trace's start or end), not the base's.
 *   <li>{@code seed}: number, the seed of every random stream, a whole number. Default: the
 *       base scenario's.
 *   <li>{@code serviceDistribution}: {@code "lognormal"} or {@code "exponential"}, any case (see
 *       {@link ServiceDistribution}). Default: the base scenario's.
 *   <li>{@code fleet}: object, below. Default: empty.
 *   <li>{@code classes}: array of class objects, below; required, at least one.
 * </ul>
 *
 * <h2>{@code fleet}</h2>
 * Every key is optional: one left out keeps the base scenario's value (the CLI's flag). The values
 * are checked by {@link #applyTo}, not by {@link #parse}, with the rule of the {@link Scenario}
 * setter each maps to.
 * <ul>
 *   <li>{@code slots}: integer in [1, 4096], jobs one instance runs at once
 *       ({@link Scenario#withSlots}).
 *   <li>{@code boot}: duration &gt;= 0, mean boot delay ({@link Scenario#withBoot}).
 *   <li>{@code bootCv}: number &gt;= 0 and finite, cv of the boot delay ({@link Scenario#withBootCv}).
 *   <li>{@code price}: number &gt;= 0 and finite, per instance-hour ({@link Scenario#withPrice}).
 *   <li>{@code billing}: {@code "per-second"} or {@code "per-hour"}, any case
 *       ({@link Scenario#withBilling}).
 *   <li>{@code min}, {@code max}: integers, {@code min >= 0} and {@code max >= max(1, min)}; giving
 *       one keeps the base scenario's other ({@link Scenario#withBounds}).
 *   <li>{@code tick}: duration &gt;= 1 s, the controller interval ({@link Scenario#withTick}).
 *   <li>{@code signalLag}: duration &gt;= 0, lag of arrival and completion counts
 *       ({@link Scenario#withSignalLag}).
 *   <li>{@code initialInstances}: integer, RUNNING instances at the start; negative: the first
 *       interval's demand ({@link Scenario#withInitialInstances}).
 * </ul>
 *
 * <h2>A class</h2>
 * Each element of {@code classes} becomes a {@link JobClassSpec}. The defaults are the standard
 * scenario's constants, not the base scenario's values.
 * <ul>
 *   <li>{@code name}: required, unique in the file: letters, digits, {@code -} or {@code _},
 *       optionally ending in {@code .fifo} ({@link JobClass#isValidName}).
 *   <li>{@code serviceTime}: duration &gt; 0, mean service time. Default 30 s
 *       ({@link Scenario#DEFAULT_SERVICE_TIME}).
 *   <li>{@code serviceCv}: number &gt;= 0 and finite, cv of the lognormal service time (0: constant).
 *       Default 1.0 ({@link Scenario#DEFAULT_SERVICE_CV}).
 *   <li>{@code deadline}: duration &gt; 0, the queue-wait objective. Default 300 s
 *       ({@link Scenario#DEFAULT_DEADLINE}).
 *   <li>{@code priority}: integer, higher is served first; equal priorities go by earliest deadline.
 *       Default 0.
 *   <li>{@code maxInService}: integer &gt;= 0, most jobs of the class in service across the fleet at
 *       once; 0: no limit. Default 0.
 *   <li>{@code load}: required object, exactly one of the three forms below.
 * </ul>
 *
 * <h2>A class's {@code load}</h2>
 * <ul>
 *   <li>{@code {"trace": NAME_OR_PATH, "class": C, "scale": X, "shift": "1h"}} — a bundled or user
 *       trace (a path is relative to the scenario file), optionally only its class {@code C},
 *       counts × {@code scale} (default 1), moved by {@code shift} (default 0, may be negative).
 *       {@code trace} is a string: a file relative to the scenario file's directory if there is one
 *       there, else a path (absolute, or relative to the working directory) or a bundled trace's
 *       name. {@code class} is a string: without it every row of the trace, whatever its class,
 *       becomes this class; a class the trace lacks yields no jobs. {@code scale} is a number
 *       &gt;= 0 and finite (0: no jobs). {@code shift} is a duration, optionally preceded by {@code -}.
 *   <li>{@code {"copyOf": CLASS, "scale": X, "shift": "2m"}} — the load of another class of the
 *       file, scaled and shifted (thumbnails follow uploads): that class's load after its own
 *       {@code scale} and {@code shift}, then this one's. {@code CLASS} must name a class of the file,
 *       and copies must not go round in a circle (a class cannot copy itself); {@code class} is
 *       not allowed here.
 *   <li>{@code {"bursts": {"count": N, "jobs": J, "seed": S, "from": T, "until": T}}} — {@code N}
 *       bursts of {@code J} jobs each, all enqueued at once, at seeded uniformly random instants in
 *       {@code [from, until)} (default: the file's window), or at the instants of {@code "at": [...]}.
 *       {@code bursts} is the only key of such a load. {@code jobs}: required number &gt;= 0 and
 *       finite. {@code count}: integer &gt;= 0, required unless {@code at} is given. {@code from},
 *       {@code until}: timestamps; with {@code count}, a window is required (these or the file's),
 *       {@code until} after {@code from}; the instants fall on whole seconds after {@code from}.
 *       {@code seed}: a whole number, default 1. {@code at}: array of timestamps,
 *       one burst at each; with it, {@code count}, {@code from}, {@code until} and {@code seed}
 *       are ignored.
 * </ul>
 * Whatever its load, every class's counts are multiplied again by the scenario's scale
 * ({@link Scenario#withScale}).
 */
public final class ScenarioFile {
  /** Scenario files shipped in this jar, by name, for {@link #load} ({@code --scenario smugmug-week}). */
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

  /**
   * Reads a scenario: a file if {@code pathOrName} exists, else a bundled scenario of that name
   * (with or without {@code .json}). A file's relative trace paths are resolved against its directory.
   *
   * @param pathOrName a path to a regular file, or a bare name of {@link #BUNDLED}
   * @return the parsed scenario
   * @throws IllegalArgumentException if it is neither a readable file nor a bundled name, or the
   *     document is malformed (the message starts with the file)
   * @throws java.io.UncheckedIOException if the file or resource cannot be read
   * @throws NullPointerException if {@code pathOrName} is null
   */
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
   * Parses a scenario document (keys in the type comment). The traces it names must exist; the
   * {@code fleet} values and {@code serviceDistribution} are checked later, by {@link #applyTo}.
   *
   * @param json the document, a JSON object
   * @param source the file's name, for error messages and the default {@code name}
   * @param dir where relative trace paths are resolved first; null: a trace is a path relative to
   *     the working directory or a bundled trace's name
   * @return the parsed scenario
   * @throws IllegalArgumentException if the JSON is malformed or a key, value or trace breaks its
   *     rule; the message starts with {@code source} and names the field and the value
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
    Long seed = Double.isNaN(seedNum) ? null : seed(seedNum, "seed");
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
      SplittableRandom rnd = new SplittableRandom(Double.isNaN(seedNum) ? 1 : seed(seedNum, where + ".seed"));
      long span = Duration.between(a, z).getSeconds();
      if (span < 1) {
        throw new IllegalArgumentException(where + " needs a window of at least 1 s (bursts fall on whole seconds),"
            + " but [" + a + ", " + z + ") is shorter");
      }
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
   * leaves out keeps {@code base}'s value (the CLI's flags). The window is set only if the file gives
   * {@code from} or {@code until} (then both, a missing one open); each class is added with
   * {@link Scenario#withClass}.
   *
   * @param base the scenario to start from
   * @return a new scenario ({@code base} does not change)
   * @throws IllegalArgumentException if a {@code fleet} value or {@code serviceDistribution} breaks
   *     its rule (the message starts with the file)
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
        s = s.withBilling(BillingModel.named(requiredStr(fleet, "billing", "fleet.billing").toLowerCase(Locale.ROOT)));
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
        s = s.withServiceDistribution(ServiceDistribution.named(
            requiredStr(fleet, "serviceDistribution", "fleet.serviceDistribution")));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    return s;
  }

  /**
   * The scenario's name.
   *
   * @return the {@code name} key, else the source (the file as given, or the bundled name)
   */
  public String name() {
    return name;
  }

  /**
   * The scenario's description, shown under the report's title.
   *
   * @return the {@code description} key, or null if the file has none
   */
  public String description() {
    return description;
  }

  /**
   * The file's job classes.
   *
   * @return an unmodifiable list of the classes, in the file's order
   */
  public List<JobClassSpec> classes() {
    return classes;
  }

  /**
   * Every class's load, merged into one multi-class trace named after the scenario.
   *
   * @return the trace, its rows in start order (ties in the classes' order); each
   *     {@link Trace#open} reads the underlying traces afresh
   */
  public Trace trace() {
    return trace;
  }

  /**
   * The share of each class's jobs that must start within its deadline (the report's verdict).
   *
   * @return the {@code sloTarget} key, in (0, 1], or NaN if the file has none
   */
  public double sloTarget() {
    return sloTarget;
  }

  /**
   * The start of the file's window.
   *
   * @return the {@code from} key (inclusive), or null if the file has none
   */
  public Instant from() {
    return from;
  }

  /**
   * The end of the file's window.
   *
   * @return the {@code until} key (exclusive), or null if the file has none
   */
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

  /** A seed: a whole number (a fraction would be dropped silently otherwise). */
  private static long seed(double v, String field) {
    if (v != Math.rint(v) || Math.abs(v) >= 0x1p63) {
      throw new IllegalArgumentException(field + " must be a whole number, but was " + v);
    }
    return (long) v;
  }

  /** A key that is present must hold a string: {@code null} is refused with the field's name. */
  private static String requiredStr(Map<String, Object> m, String key, String field) {
    String v = JsonReader.str(m, key);
    if (v == null) {
      throw new IllegalArgumentException(field + " must be a string, but was null");
    }
    return v;
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
   * Parses a duration with a unit: {@code 30s}, {@code 2m}, {@code 1.5h}, {@code 1d}, {@code 500ms}
   * or ISO {@code PT30S}, optionally preceded by {@code -}; a number without a unit is refused (is
   * 30 seconds or minutes?). Case and blanks around the text, the sign and the unit are ignored; a
   * decimal number is rounded to the nanosecond.
   *
   * @param text the duration, e.g. {@code "30s"} or {@code "-1h"}
   * @param field the field's name, for the error message
   * @return the duration, negative if {@code text} starts with {@code -}
   * @throws IllegalArgumentException if {@code text} has no unit (ms, s, m, h, d) or its number or
   *     ISO form does not parse
   * @throws NullPointerException if {@code text} is null
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
