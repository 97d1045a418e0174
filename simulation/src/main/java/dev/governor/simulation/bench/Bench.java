package dev.governor.simulation.bench;

import dev.governor.fleet.BillingModel;
import dev.governor.simulation.internal.JsonReader;
import dev.governor.simulation.internal.JsonWriter;
import dev.governor.simulation.Knob;
import dev.governor.simulation.PolicyRegistry;
import dev.governor.simulation.Scenario;
import dev.governor.simulation.Simulation;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.TraceSummary;
import dev.governor.simulation.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * The equal-SLO benchmark: for each trace × tier, every baseline is tuned on the first half of the
 * trace — each setting of its knob grid replayed, the cheapest that meets the tier's SLO target
 * kept (or, if none does, the one with the best attainment) — and reported on the second half;
 * Governor runs at its defaults on the second half. Every policy of a case sees the same seeded jobs
 * and warms up on the same preceding history. Each baseline's whole sweep is replayed on the second
 * half too, so a reader sees the best any of its settings could have done there (hindsight the
 * baseline would not have): the cost-vs-SLO curve Governor's default point is judged against.
 * The halves split the (windowed) trace at its middle tick. The references ({@link #REFERENCES}),
 * when registered, are replayed on the test half for comparison and never tuned. Cost is compared
 * in instance-hours. A bench is configured by {@link #of} and the {@code with...} methods, which
 * change and return this bench: not thread-safe while being configured; {@link #run} runs its
 * replays through the {@link Runner}.
 */
public final class Bench {
  /** Policies that are references, not contestants (they see the future): {@code optimal}, {@code oracle}, {@code lookahead}. */
  public static final Set<String> REFERENCES =
      java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of("optimal", "oracle", "lookahead")));
  /** The policy benchmarked at its defaults: {@value}. */
  public static final String GOVERNOR = "governor";

  /**
   * One objective and billing the bench holds every policy to: the scenario's deadline and billing
   * are replaced by the tier's in every replay of a case.
   *
   * @param name the tier's name, as tables and {@link #named} use it
   * @param deadline every job's queue-wait objective
   * @param billing how instances are billed
   * @param sloTarget the share of jobs that must start within the deadline for a policy to meet
   *     the tier, in (0, 1]
   */
  public record Tier(String name, Duration deadline, BillingModel billing, double sloTarget) {
    /** {@code relaxed}: 300 s deadline, per-second billing, 99.5 % of jobs in time. */
    public static final Tier RELAXED = new Tier("relaxed", Duration.ofSeconds(300), BillingModel.PER_SECOND, 0.995);
    /** {@code tight}: 60 s deadline, per-second billing, 99 % of jobs in time. */
    public static final Tier TIGHT = new Tier("tight", Duration.ofSeconds(60), BillingModel.PER_SECOND, 0.99);
    /** {@code per-hour}: 300 s deadline, per-started-hour billing, 99.5 % of jobs in time. */
    public static final Tier PER_HOUR = new Tier("per-hour", Duration.ofSeconds(300), BillingModel.PER_HOUR, 0.995);
    /** The three standard tiers, in table order: relaxed, tight, per-hour. */
    public static final List<Tier> ALL = List.of(RELAXED, TIGHT, PER_HOUR);

    /**
     * Validates the tier.
     *
     * @param name the tier's name, as tables and {@link #named} use it
     * @param deadline every job's queue-wait objective
     * @param billing how instances are billed
     * @param sloTarget the share of jobs that must start within the deadline for a policy to meet
     *     the tier, in (0, 1]
     * @throws NullPointerException if {@code name}, {@code deadline} or {@code billing} is null
     * @throws IllegalArgumentException if {@code sloTarget} is not in (0, 1]
     */
    public Tier {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(billing, "billing");
      if (!(sloTarget > 0 && sloTarget <= 1)) {
        throw new IllegalArgumentException("sloTarget must be in (0, 1], but was " + sloTarget);
      }
    }

    /**
     * One of the standard tiers by name.
     *
     * @param n {@code relaxed}, {@code tight} or {@code per-hour}
     * @return that tier of {@link #ALL}
     * @throws IllegalArgumentException for any other name
     */
    public static Tier named(String n) {
      for (Tier t : ALL) {
        if (t.name.equals(n)) {
          return t;
        }
      }
      throw new IllegalArgumentException("tier must be one of [relaxed, tight, per-hour], but was '" + n + "'");
    }

    Scenario apply(Scenario s) {
      return s.withDeadline(deadline).withBilling(billing);
    }
  }

  /**
   * A trace as the bench replays it: bundled name, scale, and an optional window (Wikipedia's year
   * at hourly resolution is cut to twelve weeks so that its sweep takes minutes, not hours).
   *
   * @param trace a bundled trace's name or a file path (resolved by {@link Trace#resolve})
   * @param scale the factor every count is multiplied by (the scenario's scale)
   * @param from the window's start (inclusive), or null for the trace's start
   * @param until the window's end (exclusive), or null for the trace's end
   */
  public record BenchTrace(String trace, double scale, Instant from, Instant until) {
    /**
     * The README's four bench traces: NASA HTTP ×2, AWS ELB requests ×6, Twitter AAPL ×1, and
     * Wikipedia ×0.001 from 2012-01-01 to 2012-03-25.
     */
    public static final List<BenchTrace> STANDARD = List.of(
        new BenchTrace("nasa_http_jul1995_1min.csv", 2, null, null),
        new BenchTrace("nab_aws_elb_requests_2014_5min.csv", 6, null, null),
        new BenchTrace("nab_twitter_aapl_2015_5min.csv", 1, null, null),
        new BenchTrace("wikipedia_en_2012_1h.csv", 0.001, Instant.parse("2012-01-01T00:00:00Z"),
            Instant.parse("2012-03-25T00:00:00Z")));

    /**
     * The trace as tables and charts name it.
     *
     * @return the name without {@code .csv}/{@code .csv.gz}, {@code ×scale}, and the window's dates
     *     when there is one, e.g. {@code wikipedia_en_2012_1h ×0.001 [2012-01-01, 2012-03-25)}
     */
    public String label() {
      String s = trace.replaceFirst("\\.csv(\\.gz)?$", "") + " ×" + fmt(scale);
      return from == null && until == null ? s : s + " [" + (from == null ? "" : from.toString().substring(0, 10))
          + ", " + (until == null ? "" : until.toString().substring(0, 10)) + ")";
    }
  }

  /**
   * What the bench keeps of one replay (and writes to, and reads from, its JSON).
   *
   * @param params the knob setting replayed (empty: the policy's defaults)
   * @param sloAttainment the fraction of jobs that started within their deadline, 0..1
   * @param costRatio instance-hours ÷ the lower bound (all work at 100 % busy)
   * @param costVsOptimum instance-hours ÷ the offline optimum's, or NaN when no optimum is known
   * @param waitP50Seconds the median queue wait, seconds
   * @param waitP99Seconds the 99th-percentile queue wait, seconds
   * @param launches instances launched
   * @param instanceHours billed instance-hours, the cost the bench compares
   * @param overloaded whether the replay stopped early because the fleet could not keep up (such a
   *     run never meets a target)
   */
  public record Run(Map<String, Double> params, double sloAttainment, double costRatio, double costVsOptimum,
      double waitP50Seconds, double waitP99Seconds, long launches, double instanceHours, boolean overloaded) {
    static Run of(SimulationReport r) {
      Map<String, Object> m = r.toMap();
      Object cvo = m.get("costVsOptimum");
      return new Run(r.params(), r.sloAttainment(), r.costRatio(),
          cvo instanceof Number n ? n.doubleValue() : Double.NaN, r.waitP50Seconds(), r.waitP99Seconds(), r.launches(),
          r.instanceHours(), r.isOverloaded());
    }

    /** The same run measured against an optimum of {@code optimumHours} instance-hours. */
    Run withOptimum(double optimumHours) {
      return new Run(params, sloAttainment, costRatio, instanceHours / optimumHours, waitP50Seconds, waitP99Seconds,
          launches, instanceHours, overloaded);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("params", new TreeMap<>(params));
      m.put("sloAttainment", sloAttainment);
      m.put("costRatio", costRatio);
      m.put("costVsOptimum", Double.isFinite(costVsOptimum) ? costVsOptimum : null);
      m.put("waitP50Seconds", waitP50Seconds);
      m.put("waitP99Seconds", waitP99Seconds);
      m.put("launches", launches);
      m.put("instanceHours", instanceHours);
      m.put("overloaded", overloaded);
      return m;
    }

    static Run fromMap(Map<String, Object> m) {
      Map<String, Double> p = new TreeMap<>();
      Map<String, Object> pm = JsonReader.obj(m, "params");
      if (pm != null) {
        pm.forEach((k, v) -> p.put(k, ((Number) v).doubleValue()));
      }
      Object cvo = m.get("costVsOptimum");
      return new Run(p, JsonReader.num(m, "sloAttainment"), JsonReader.num(m, "costRatio"),
          cvo instanceof Number n ? n.doubleValue() : Double.NaN, JsonReader.num(m, "waitP50Seconds"),
          JsonReader.num(m, "waitP99Seconds"), (long) JsonReader.num(m, "launches"), JsonReader.num(m, "instanceHours"),
          JsonReader.bool(m, "overloaded"));
    }
  }

  /**
   * One policy in one case: its chosen setting on the training half and that setting on the test
   * half, plus its sweeps.
   *
   * @param policy the policy's registered name
   * @param train the chosen setting's training-half run (null for Governor and the references,
   *     which are not tuned)
   * @param test the chosen setting's (Governor's, a reference's) test-half run
   * @param sweep every setting of the knob grid replayed on the test half, in {@link Bench#grid} order
   *     (empty without the test sweep, and for Governor and the references); copied
   * @param trainSweep every setting of the knob grid on the training half, in {@link Bench#grid} order
   *     (empty for Governor and the references); copied
   */
  public record Entry(String policy, Run train, Run test, List<Run> sweep, List<Run> trainSweep) {
    /**
     * Copies the sweeps.
     *
     * @param policy the policy's registered name
     * @param train the chosen setting's training-half run (null for Governor and the references,
     *     which are not tuned)
     * @param test the chosen setting's (Governor's, a reference's) test-half run
     * @param sweep every setting of the knob grid replayed on the test half, in {@link Bench#grid} order
     *     (empty without the test sweep, and for Governor and the references); copied
     * @param trainSweep every setting of the knob grid on the training half, in {@link Bench#grid} order
     *     (empty for Governor and the references); copied
     * @throws NullPointerException if {@code sweep} or {@code trainSweep} (or a run in them) is null
     */
    public Entry {
      sweep = List.copyOf(sweep);
      trainSweep = List.copyOf(trainSweep);
    }

    /**
     * Whether the policy met a target on the test half.
     *
     * @param target the share of jobs that must start in time, e.g. the tier's {@code sloTarget}
     * @return true if the test run did not overload and its SLO attainment is at least {@code target}
     */
    public boolean meets(double target) {
      return !test.overloaded() && test.sloAttainment() >= target;
    }
  }

  /**
   * One trace × tier and what every policy did in it.
   *
   * @param trace the trace
   * @param tier the tier
   * @param trainStart the training half's start (the windowed trace's start)
   * @param testStart the test half's start, the end of the training half: the start plus half the
   *     trace's ticks (rounded down)
   * @param testEnd the test half's end (the windowed trace's end)
   * @param entries Governor first, then the baselines in registry order, then the references that
   *     were replayed (in {@link Bench#REFERENCES}' order: optimal, oracle, lookahead); copied
   */
  public record Case(BenchTrace trace, Tier tier, Instant trainStart, Instant testStart, Instant testEnd,
      List<Entry> entries) {
    /**
     * Copies the entries.
     *
     * @param trace the trace
     * @param tier the tier
     * @param trainStart the training half's start (the windowed trace's start)
     * @param testStart the test half's start, the end of the training half: the start plus half the
     *     trace's ticks (rounded down)
     * @param testEnd the test half's end (the windowed trace's end)
     * @param entries Governor first, then the baselines in registry order, then the references that
     *     were replayed (in {@link Bench#REFERENCES}' order: optimal, oracle, lookahead); copied
     * @throws NullPointerException if {@code entries} or one of them is null
     */
    public Case {
      entries = List.copyOf(entries);
    }

    /**
     * A policy's entry.
     *
     * @param policy the policy's registered name
     * @return its entry, or null if it did not run in this case
     */
    public Entry entry(String policy) {
      for (Entry e : entries) {
        if (e.policy().equals(policy)) {
          return e;
        }
      }
      return null;
    }

    /**
     * The baseline to beat.
     *
     * @return the baseline (not Governor, not a reference) with the fewest test-half instance-hours
     *     among those that met the tier's target on the test half, or null if none did
     */
    public Entry cheapestBaselineMeeting() {
      Entry best = null;
      for (Entry e : entries) {
        if (e.policy().equals(GOVERNOR) || REFERENCES.contains(e.policy()) || !e.meets(tier.sloTarget())) {
          continue;
        }
        if (best == null || e.test().instanceHours() < best.test().instanceHours()) {
          best = e;
        }
      }
      return best;
    }

    /**
     * Governor against the baseline to beat.
     *
     * @return Governor's test-half instance-hours ÷ those of {@link #cheapestBaselineMeeting()}, or
     *     NaN if no baseline met the target or Governor did not run
     */
    public double governorVsBest() {
      Entry g = entry(GOVERNOR);
      Entry b = cheapestBaselineMeeting();
      return g == null || b == null ? Double.NaN : g.test().instanceHours() / b.test().instanceHours();
    }
  }

  /** Runs a batch of replays (the CLI passes one that runs them on threads and shows progress). */
  public interface Runner {
    /**
     * Runs every replay of a batch, in any order or in parallel, and returns their reports in the
     * batch's order.
     *
     * @param runs the replays; each takes a progress sink (fraction of that replay done, 0..1) and
     *     returns its report
     * @return one report per replay, in the order of {@code runs}
     */
    List<SimulationReport> run(List<Function<DoubleConsumer, SimulationReport>> runs);

    /**
     * The simplest runner.
     *
     * @return a runner that runs the replays one after the other on the calling thread, ignoring
     *     their progress
     */
    static Runner sequential() {
      return runs -> {
        List<SimulationReport> out = new ArrayList<>();
        for (Function<DoubleConsumer, SimulationReport> r : runs) {
          out.add(r.apply(f -> {}));
        }
        return out;
      };
    }
  }

  private final PolicyRegistry registry;
  private final Runner runner;
  private final Map<String, Run> reuse;
  private final boolean sweepTest;
  private Map<String, Double> governorParams = Map.of();
  private boolean references = true;

  private Bench(PolicyRegistry registry, Runner runner, Map<String, Run> reuse, boolean sweepTest) {
    this.registry = registry;
    this.runner = runner;
    this.reuse = reuse;
    this.sweepTest = sweepTest;
  }

  /**
   * A bench over {@code registry}'s policies.
   *
   * @param registry the policies: Governor ({@link #GOVERNOR}), the baselines, and any references
   * @param runner runs each case's batch of replays
   * @param reuse baseline runs of an earlier bench to take instead of replaying them (keyed by
   *     replay; from {@link #reusable}; copied); Governor is always replayed
   * @param sweepTest also replay each baseline's whole grid on the test half (for the curves)
   * @return the bench, with Governor at its defaults and the references replayed
   * @throws NullPointerException if an argument is null
   */
  public static Bench of(PolicyRegistry registry, Runner runner, Map<String, Run> reuse, boolean sweepTest) {
    return new Bench(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(runner, "runner"),
        Map.copyOf(reuse), sweepTest);
  }

  /**
   * Runs every case: traces × tiers, with the given baselines. Per case, the baselines' grids (on
   * the training half, and the test half with the test sweep), Governor and the references go to the
   * runner as one batch; a baseline's chosen setting is then replayed on the test half unless the
   * test sweep already has it. Runs from {@code reuse} are taken instead of replayed and, if they
   * lack a {@code costVsOptimum}, measured against this build's optimum of the test half.
   *
   * @param traces the traces, e.g. {@link BenchTrace#STANDARD}
   * @param tiers the tiers, e.g. {@link Tier#ALL}
   * @param baselines the baselines to tune, by name (empty: every registered policy that is neither
   *     Governor nor a reference; names not registered are ignored)
   * @return one case per trace × tier, traces outer, tiers inner
   * @throws IllegalArgumentException if a trace cannot be resolved or Governor is not registered
   */
  public List<Case> run(List<BenchTrace> traces, List<Tier> tiers, List<String> baselines) {
    List<PolicyRegistry.Entry> contestants = new ArrayList<>();
    for (PolicyRegistry.Entry e : registry.entries()) {
      if (e.name().equals(GOVERNOR) || REFERENCES.contains(e.name())) {
        continue;
      }
      if (baselines.isEmpty() || baselines.contains(e.name())) {
        contestants.add(e);
      }
    }
    List<Case> out = new ArrayList<>();
    for (BenchTrace bt : traces) {
      for (Tier tier : tiers) {
        out.add(runCase(bt, tier, contestants));
      }
    }
    return out;
  }

  private Case runCase(BenchTrace bt, Tier tier, List<PolicyRegistry.Entry> contestants) {
    Trace trace = Trace.resolve(bt.trace());
    Scenario base = scenario(bt, tier).withWindow(bt.from(), bt.until());
    TraceSummary all = Simulation.of(trace, base).summary();
    Instant mid = all.start().plus(Duration.ofSeconds((long) (all.ticks() / 2 * all.tickSeconds())));
    Scenario train = base.withWindow(all.start(), mid);
    Scenario test = base.withWindow(mid, bt.until());
    Simulation trainSim = Simulation.of(trace, train).withRegistry(registry);
    Simulation testSim = Simulation.of(trace, test).withRegistry(registry);
    String caseKey = bt.trace() + "|" + bt.scale() + "|" + bt.from() + "|" + bt.until() + "|" + tier.name();

    // every replay this case needs, in one batch: the baselines' grids on both halves, Governor on the test half
    List<Function<DoubleConsumer, SimulationReport>> batch = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Map<String, Run> got = new LinkedHashMap<>();
    for (PolicyRegistry.Entry e : contestants) {
      for (Map<String, Double> p : grid(e.knobs())) {
        for (String half : sweepTest ? List.of("train", "test") : List.of("train")) {
          String k = key(caseKey, half, e.name(), p);
          Run cached = reuse.get(k);
          if (cached != null) {
            got.put(k, cached);
            continue;
          }
          Simulation sim = half.equals("train") ? trainSim : testSim;
          batch.add(pr -> sim.withProgress(pr).run(e, p));
          keys.add(k);
        }
      }
    }
    PolicyRegistry.Entry gov = registry.get(GOVERNOR);
    String govKey = key(caseKey, "test", GOVERNOR, Map.of());
    Map<String, Double> gp = governorParams;
    batch.add(pr -> testSim.withProgress(pr).run(gov, gp));
    keys.add(govKey);
    for (String ref : REFERENCES) {
      if (references && registry.contains(ref)) {
        PolicyRegistry.Entry re = registry.get(ref);
        batch.add(pr -> testSim.withProgress(pr).run(re, Map.of()));
        keys.add(key(caseKey, "test", ref, Map.of()));
      }
    }
    List<SimulationReport> reports = runner.run(batch);
    double testOptimum = Double.NaN;
    for (int i = 0; i < reports.size(); i++) {
      got.put(keys.get(i), Run.of(reports.get(i)));
      if (keys.get(i).equals(govKey)) {
        testOptimum = reports.get(i).optimumInstanceHours();
      }
    }
    // runs taken from an earlier bench (perhaps of a build without the optimum) are measured
    // against this build's optimum of the same test half
    if (testOptimum > 0) {
      for (Map.Entry<String, Run> r : got.entrySet()) {
        if (r.getKey().startsWith(caseKey + "|test|") && !Double.isFinite(r.getValue().costVsOptimum())) {
          r.setValue(r.getValue().withOptimum(testOptimum));
        }
      }
    }

    List<Entry> entries = new ArrayList<>();
    Run g = got.get(govKey);
    entries.add(new Entry(GOVERNOR, null, g, List.of(), List.of()));
    for (PolicyRegistry.Entry e : contestants) {
      Run bestTrain = null;
      Map<String, Double> bestParams = null;
      List<Run> sweep = new ArrayList<>();
      List<Run> trainSweep = new ArrayList<>();
      for (Map<String, Double> p : grid(e.knobs())) {
        Run tr = got.get(key(caseKey, "train", e.name(), p));
        trainSweep.add(tr);
        if (bestTrain == null || better(tr, bestTrain, tier.sloTarget())) {
          bestTrain = tr;
          bestParams = p;
        }
        if (sweepTest) {
          sweep.add(got.get(key(caseKey, "test", e.name(), p)));
        }
      }
      Run chosenTest = sweepTest ? got.get(key(caseKey, "test", e.name(), bestParams)) : null;
      if (chosenTest == null) {
        Map<String, Double> chosen = bestParams;
        chosenTest = Run.of(testSim.run(e, chosen));
      }
      entries.add(new Entry(e.name(), bestTrain, chosenTest, sweep, trainSweep));
    }
    for (String ref : REFERENCES) {
      Run r = got.get(key(caseKey, "test", ref, Map.of()));
      if (r != null) {
        entries.add(new Entry(ref, null, r, List.of(), List.of()));
      }
    }
    return new Case(bt, tier, all.start(), mid, all.end(), entries);
  }

  /**
   * The same cases replayed under other seeds: how much of a verdict is the one draw of jobs,
   * service times and boots the bench made. For each case and seed, Governor (with this bench's
   * settings) and every baseline at the setting the case chose for it on the training half are
   * replayed on the test half with the scenario's seed set to that seed and the same warm-up;
   * nothing is tuned again (the seed changes the draw, not the load). The references are not
   * replayed.
   *
   * @param cases the bench's cases (e.g. read back by {@link #fromJson})
   * @param seeds the seeds to replay (each ≥ 0)
   * @return per seed, in the order given, one case per case of {@code cases} (same order) whose
   *     entries are Governor's and the baselines' runs at that seed (no training runs, no sweeps)
   * @throws IllegalArgumentException if a seed is negative, a case's trace cannot be resolved or
   *     Governor is not registered
   */
  public Map<Long, List<Case>> reseed(List<Case> cases, List<Long> seeds) {
    for (long seed : seeds) {
      if (seed < 0) {
        throw new IllegalArgumentException("seeds must be >= 0, but one was " + seed);
      }
    }
    Map<Long, List<Case>> out = new LinkedHashMap<>();
    for (long seed : seeds) {
      out.put(seed, new ArrayList<>());
    }
    PolicyRegistry.Entry gov = registry.get(GOVERNOR);
    Map<String, Double> gp = governorParams;
    for (Case c : cases) {
      Trace trace = Trace.resolve(c.trace().trace());
      List<Function<DoubleConsumer, SimulationReport>> batch = new ArrayList<>();
      List<String> policies = new ArrayList<>();
      for (long seed : seeds) {
        Scenario test = scenario(c.trace(), c.tier()).withWindow(c.testStart(), c.trace().until()).withSeed(seed);
        Simulation sim = Simulation.of(trace, test).withRegistry(registry);
        for (Entry e : c.entries()) {
          if (REFERENCES.contains(e.policy()) || !registry.contains(e.policy())) {
            continue;
          }
          PolicyRegistry.Entry pe = e.policy().equals(GOVERNOR) ? gov : registry.get(e.policy());
          Map<String, Double> p = e.policy().equals(GOVERNOR) ? gp : e.test().params();
          batch.add(pr -> sim.withProgress(pr).run(pe, p));
          policies.add(e.policy());
        }
      }
      List<SimulationReport> reports = runner.run(batch);
      int perSeed = seeds.isEmpty() ? 0 : batch.size() / seeds.size();
      int i = 0;
      for (long seed : seeds) {
        List<Entry> entries = new ArrayList<>();
        for (int k = 0; k < perSeed; k++, i++) {
          entries.add(new Entry(policies.get(i), null, Run.of(reports.get(i)), List.of(), List.of()));
        }
        out.get(seed).add(new Case(c.trace(), c.tier(), c.trainStart(), c.testStart(), c.testEnd(), entries));
      }
    }
    return out;
  }

  /**
   * The JSON of {@link #reseed}'s result: an array of {@code {"seed": s, "cases": [...]}}, the cases
   * as {@link #toJson} writes them.
   *
   * @param bySeed seed to cases
   * @return the JSON text, one seed per line
   */
  public static String seedsToJson(Map<Long, List<Case>> bySeed) {
    List<Object> out = new ArrayList<>();
    for (Map.Entry<Long, List<Case>> e : bySeed.entrySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seed", e.getKey());
      m.put("cases", casesToList(e.getValue()));
      out.add(m);
    }
    return jsonLines(out);
  }

  /**
   * Reads back {@link #seedsToJson}.
   *
   * @param json the text of {@link #seedsToJson}
   * @return seed to cases, in the file's order
   * @throws IllegalArgumentException as {@link #fromJson}
   */
  public static Map<Long, List<Case>> seedsFromJson(String json) {
    Map<Long, List<Case>> out = new LinkedHashMap<>();
    for (Object o : (List<?>) JsonReader.parse(json)) {
      Map<String, Object> m = asObj(o);
      out.put((long) JsonReader.num(m, "seed"), casesFromList(JsonReader.list(m, "cases")));
    }
    return out;
  }

  /** The standard scenario at a bench trace's scale under a tier's objective and billing (no window yet). */
  private static Scenario scenario(BenchTrace bt, Tier tier) {
    return tier.apply(Scenario.standard().withScale(bt.scale()));
  }

  /** The cache key of one replay of a case. */
  static String key(String caseKey, String half, String policy, Map<String, Double> params) {
    return caseKey + "|" + half + "|" + policy + "|" + new TreeMap<>(params);
  }

  /**
   * Which of two settings tune and bench keep: meeting the target beats missing it; among those
   * meeting it the cheaper (fewer instance-hours) wins; else the higher attainment, then the
   * cheaper. A replay that overloaded (the fleet could not keep up) never meets a target and loses
   * to one that did not.
   *
   * @param a one replay
   * @param b the other
   * @param target the share of jobs that must start in time, in (0, 1]
   * @return true if {@code a} is strictly better than {@code b} (on a tie, false: the setting seen
   *     first is kept)
   */
  public static boolean better(SimulationReport a, SimulationReport b, double target) {
    return better(Run.of(a), Run.of(b), target);
  }

  static boolean better(Run a, Run b, double target) {
    if (a.overloaded() != b.overloaded()) {
      return !a.overloaded();
    }
    boolean am = !a.overloaded() && a.sloAttainment() >= target;
    boolean bm = !b.overloaded() && b.sloAttainment() >= target;
    if (am != bm) {
      return am;
    }
    if (am) {
      return a.instanceHours() < b.instanceHours();
    }
    if (a.sloAttainment() != b.sloAttainment()) {
      return a.sloAttainment() > b.sloAttainment();
    }
    return a.instanceHours() < b.instanceHours();
  }

  /**
   * Every combination of the knobs' values, the grid tune and bench sweep.
   *
   * @param knobs the knobs, each with its values
   * @return one setting (knob name to value, in knob order) per combination, the last knob varying
   *     fastest; one empty setting when there are no knobs
   */
  public static List<Map<String, Double>> grid(List<Knob> knobs) {
    List<Map<String, Double>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Knob k : knobs) {
      List<Map<String, Double>> next = new ArrayList<>();
      for (Map<String, Double> m : out) {
        for (double v : k.values()) {
          Map<String, Double> n = new LinkedHashMap<>(m);
          n.put(k.name(), v);
          next.add(n);
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * Governor's settings in this bench (default: none, its defaults — what the README's claim is
   * about). For experiments: a setting other than the defaults is shown in the case's Governor run.
   *
   * @param params knob name to value for Governor (copied)
   * @return this bench
   */
  public Bench withGovernorParams(Map<String, Double> params) {
    this.governorParams = Map.copyOf(params);
    return this;
  }

  /**
   * Whether the references (the offline optimum and the like) are replayed in each case (default
   * true).
   *
   * @param replay false to skip them
   * @return this bench
   */
  public Bench withReferences(boolean replay) {
    this.references = replay;
    return this;
  }

  /**
   * The JSON of a bench: an array of one object per case ({@code trace}, {@code scale},
   * {@code from}, {@code until}, {@code tier}, {@code deadlineSeconds}, {@code billing},
   * {@code sloTarget}, {@code trainStart}, {@code testStart}, {@code testEnd},
   * {@code cheapestBaselineMeetingTarget}, {@code governorVsCheapest}, {@code entries}), every entry
   * with its {@code policy}, {@code train} and {@code test} runs, {@code sweep} and
   * {@code trainSweep}; a run has the keys of {@link Run}'s components, NaN written as null.
   *
   * @param cases the cases
   * @return the JSON text, one case per line
   */
  public static String toJson(List<Case> cases) {
    return jsonLines(casesToList(cases));
  }

  /** A JSON array with one element per line. */
  private static String jsonLines(List<Object> elements) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < elements.size(); i++) {
      sb.append(JsonWriter.write(elements.get(i))).append(i + 1 < elements.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  private static List<Object> casesToList(List<Case> cases) {
    List<Object> out = new ArrayList<>();
    for (Case c : cases) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("trace", c.trace().trace());
      m.put("scale", c.trace().scale());
      m.put("from", c.trace().from() == null ? null : c.trace().from().toString());
      m.put("until", c.trace().until() == null ? null : c.trace().until().toString());
      m.put("tier", c.tier().name());
      m.put("deadlineSeconds", c.tier().deadline().toSeconds());
      m.put("billing", c.tier().billing().name());
      m.put("sloTarget", c.tier().sloTarget());
      m.put("trainStart", c.trainStart().toString());
      m.put("testStart", c.testStart().toString());
      m.put("testEnd", c.testEnd().toString());
      Entry best = c.cheapestBaselineMeeting();
      m.put("cheapestBaselineMeetingTarget", best == null ? null : best.policy());
      m.put("governorVsCheapest", Double.isFinite(c.governorVsBest()) ? c.governorVsBest() : null);
      List<Object> es = new ArrayList<>();
      for (Entry e : c.entries()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("policy", e.policy());
        em.put("train", e.train() == null ? null : e.train().toMap());
        em.put("test", e.test().toMap());
        List<Object> sw = new ArrayList<>();
        for (Run r : e.sweep()) {
          sw.add(r.toMap());
        }
        em.put("sweep", sw);
        List<Object> tsw = new ArrayList<>();
        for (Run r : e.trainSweep()) {
          tsw.add(r.toMap());
        }
        em.put("trainSweep", tsw);
        es.add(em);
      }
      m.put("entries", es);
      out.add(m);
    }
    return out;
  }

  /**
   * Reads back the cases of {@link #toJson}: the README's tables and the bench report can be made
   * again from a committed bench JSON without replaying anything. A tier is read by its name (its
   * deadline, billing and target are this build's); {@code cheapestBaselineMeetingTarget} and
   * {@code governorVsCheapest} are recomputed, not read.
   *
   * @param json the text of {@link #toJson}
   * @return the cases
   * @throws IllegalArgumentException if the text is not JSON, a field has the wrong type (naming
   *     the key) or a tier is unknown; a document that is not an array of such objects, or lacks a
   *     case's instants or an entry's test run, fails with a runtime exception of another kind
   */
  public static List<Case> fromJson(String json) {
    return casesFromList((List<?>) JsonReader.parse(json));
  }

  private static List<Case> casesFromList(List<?> list) {
    List<Case> cases = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> c = asObj(o);
      String from = JsonReader.str(c, "from");
      String until = JsonReader.str(c, "until");
      BenchTrace bt = new BenchTrace(JsonReader.str(c, "trace"), JsonReader.num(c, "scale"),
          from == null ? null : Instant.parse(from), until == null ? null : Instant.parse(until));
      List<Entry> entries = new ArrayList<>();
      for (Object eo : JsonReader.list(c, "entries")) {
        Map<String, Object> e = asObj(eo);
        Map<String, Object> train = JsonReader.obj(e, "train");
        entries.add(new Entry(JsonReader.str(e, "policy"), train == null ? null : Run.fromMap(train),
            Run.fromMap(JsonReader.obj(e, "test")), runs(e, "sweep"), runs(e, "trainSweep")));
      }
      cases.add(new Case(bt, Tier.named(JsonReader.str(c, "tier")), Instant.parse(JsonReader.str(c, "trainStart")),
          Instant.parse(JsonReader.str(c, "testStart")), Instant.parse(JsonReader.str(c, "testEnd")), entries));
    }
    return cases;
  }

  private static List<Run> runs(Map<String, Object> e, String key) {
    List<Run> out = new ArrayList<>();
    for (Object so : JsonReader.list(e, key)) {
      out.add(Run.fromMap(asObj(so)));
    }
    return out;
  }

  /**
   * The baseline runs of an earlier bench's JSON, keyed for {@link #of}'s {@code reuse}: every run
   * of every baseline's {@code trainSweep} and {@code sweep}; Governor's and the references' are
   * never reused.
   *
   * @param json the text of {@link #toJson}
   * @return replay key to run
   * @throws IllegalArgumentException as {@link #fromJson}
   */
  public static Map<String, Run> reusable(String json) {
    Map<String, Run> out = new LinkedHashMap<>();
    for (Object o : (List<?>) JsonReader.parse(json)) {
      Map<String, Object> c = asObj(o);
      String from = JsonReader.str(c, "from");
      String until = JsonReader.str(c, "until");
      Tier tier = Tier.named(JsonReader.str(c, "tier"));
      String caseKey = JsonReader.str(c, "trace") + "|" + JsonReader.num(c, "scale") + "|" + (from == null ? null : Instant.parse(from))
          + "|" + (until == null ? null : Instant.parse(until)) + "|" + tier.name();
      for (Object eo : JsonReader.list(c, "entries")) {
        Map<String, Object> e = asObj(eo);
        String policy = JsonReader.str(e, "policy");
        if (policy.equals(GOVERNOR) || REFERENCES.contains(policy)) {
          continue;
        }
        for (Object so : JsonReader.list(e, "trainSweep")) {
          Run r = Run.fromMap(asObj(so));
          out.put(key(caseKey, "train", policy, r.params()), r);
        }
        for (Object so : JsonReader.list(e, "sweep")) {
          Run r = Run.fromMap(asObj(so));
          out.put(key(caseKey, "test", policy, r.params()), r);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObj(Object o) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object in the bench file");
    }
    return (Map<String, Object>) o;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
