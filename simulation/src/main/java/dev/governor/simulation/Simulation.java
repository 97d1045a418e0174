package dev.governor.simulation;

import dev.governor.TickListener;
import dev.governor.policy.ScalingPolicy;
import dev.governor.simulation.internal.Replay;
import dev.governor.simulation.internal.RowCache;
import dev.governor.simulation.optimum.OptimalPlanner;
import dev.governor.simulation.optimum.Optimum;
import dev.governor.simulation.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Replays a trace through policies and reports cost, latency and elasticity: the simulator as a
 * library. Each run builds its own model of queues and fleet and drives the real core
 * {@code Controller} with it, tick by tick; every run of one {@code Simulation} replays the same
 * seeded jobs (arrival times and service times), so runs of different policies are paired.
 *
 * <pre>{@code
 * var report = Simulation.of(Trace.bundled("nasa_http_jul1995_1min.csv"), Scenario.standard().withSlots(4))
 *                        .run(myPolicy);
 * assertTrue(report.sloAttainment() > 0.995);
 * }</pre>
 *
 * Immutable; runs may go on in parallel threads.
 */
public final class Simulation {
  private final Trace trace;
  private final Scenario scenario;
  private final PolicyRegistry registry;
  private final DoubleConsumer progress;
  private final Prepared prepared;
  private final TickListener listener;

  /** The summary and the trace the runs replay, computed once and shared by copies of this simulation. */
  private static final class Prepared {
    private TraceSummary summary;
    private Trace replayed;
    private dev.governor.signal.SignalHistory warmUp;
    private OptimalPlanner.Plan optimum;

    synchronized OptimalPlanner.Plan optimum(Replay probe, Scenario scenario) {
      if (optimum == null) {
        long t0 = System.nanoTime();
        double[][] work = probe.workPerClassAndTick();
        OptimalPlanner.Plan p;
        try {
          p = OptimalPlanner.plan(Optimum.problem(scenario, summary, work));
        } catch (IllegalArgumentException | IllegalStateException e) {
          // too large to plan (more than 2047 instance counts): every run reports NaN, optimal refuses
          p = new OptimalPlanner.Plan(new int[0], Double.NaN, false, false, 0);
        }
        optimum = new OptimalPlanner.Plan(p.capacity(), p.billedSeconds(), p.exact(), p.feasible(),
            (System.nanoTime() - t0) / 1e9);
      }
      return optimum;
    }

    synchronized void prepare(Trace trace, Scenario scenario) {
      if (summary == null) {
        Trace windowed = trace.window(scenario.from(), scenario.until());
        RowCache cache = new RowCache(CACHED_ROWS);
        summary = TraceSummary.of(cache.capture(windowed), scenario);
        replayed = cache.replayOr(windowed);
        warmUp = WarmUp.of(trace, scenario);
      }
    }
  }

  private Simulation(Trace trace, Scenario scenario, PolicyRegistry registry, DoubleConsumer progress,
      Prepared prepared, TickListener listener) {
    this.trace = trace;
    this.scenario = scenario;
    this.registry = registry;
    this.progress = progress;
    this.prepared = prepared;
    this.listener = listener;
  }

  public static Simulation of(Trace trace, Scenario scenario) {
    return new Simulation(Objects.requireNonNull(trace, "trace"), Objects.requireNonNull(scenario, "scenario"),
        null, null, new Prepared(), null);
  }

  /** Looks policy names up in {@code r} instead of {@link PolicyRegistry#standard()}. */
  public Simulation withRegistry(PolicyRegistry r) {
    return new Simulation(trace, scenario, Objects.requireNonNull(r, "registry"), progress, prepared, listener);
  }

  /** Receives the fraction of each run done (0..1) now and then. */
  public Simulation withProgress(DoubleConsumer p) {
    return new Simulation(trace, scenario, registry, p, prepared, listener);
  }

  /** The same trace under another scenario. */
  public Simulation withScenario(Scenario s) {
    return new Simulation(trace, Objects.requireNonNull(s, "scenario"), registry, progress, new Prepared(), listener);
  }

  /**
   * Adds {@code l} to the controller of every run, as a host adds one to its live controller: it
   * sees each simulated tick's {@link dev.governor.TickReport}, in order, on the run's thread
   * (e.g. a {@link dev.governor.TraceRecorder}, or a metrics binder). Runs of
   * {@link #compare(List)} go one after the other; runs started in parallel share it.
   */
  public Simulation withListener(TickListener l) {
    return new Simulation(trace, scenario, registry, progress, prepared, Objects.requireNonNull(l, "listener"));
  }

  public Trace trace() {
    return trace;
  }

  public Scenario scenario() {
    return scenario;
  }

  public PolicyRegistry registry() {
    PolicyRegistry r = registry;
    return r != null ? r : PolicyRegistry.standard();
  }

  /** Rows kept from the summary pass, so that runs do not parse a (small) trace again. */
  static final int CACHED_ROWS = 1 << 20;

  /** The trace within the scenario's window, read once and kept. */
  public TraceSummary summary() {
    prepared.prepare(trace, scenario);
    return prepared.summary;
  }

  /**
   * The history every run warm-starts with: the trace's 14 days before the scenario's window
   * ({@link WarmUp}); empty when the window starts at the trace's start.
   */
  public dev.governor.signal.SignalHistory warmUp() {
    prepared.prepare(trace, scenario);
    return prepared.warmUp;
  }

  /** Replays a policy with the standard guards within the scenario's bounds. */
  public SimulationReport run(ScalingPolicy policy) {
    return run(PolicySetup.of(policy));
  }

  /** Replays a policy with its guards, planner and predictors. A policy keeps state: pass a fresh one per run. */
  public SimulationReport run(PolicySetup setup) {
    Objects.requireNonNull(setup, "setup");
    return run(setup.name(), ctx -> setup, Map.of());
  }

  /** Replays a registered policy with its natural parameters. */
  public SimulationReport run(String policyName) {
    return run(registry().get(policyName), Map.of());
  }

  /** Replays a registered policy with some parameters set (see its {@link Knob}s). */
  public SimulationReport run(PolicyRegistry.Entry entry, Map<String, Double> params) {
    return run(entry.name(), entry.factory(), params);
  }

  /** Replays a policy built per run by {@code factory}. */
  public SimulationReport run(String name, PolicyFactory factory, Map<String, Double> params) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    TraceSummary s = summary();
    SimulationReport r = new Replay(prepared.replayed, scenario, s, prepared.warmUp, name, factory, params, progress,
        listener).withOptimum(this::optimum).run();
    OptimalPlanner.Plan plan = optimum();
    return r.withOptimum(plan.feasible() ? plan.instanceHours() : Double.NaN, plan.planningSeconds());
  }

  /**
   * The offline optimum for this trace and scenario ({@link OptimalPlanner} on the jobs every run
   * replays): computed at the first call, kept for every run of this simulation and its copies of
   * the same scenario. Its {@code planningSeconds} include binning the jobs.
   */
  public OptimalPlanner.Plan optimum() {
    TraceSummary s = summary();
    return prepared.optimum(new Replay(prepared.replayed, scenario, s, prepared.warmUp, "optimum", ctx -> null,
        Map.of(), null, null), scenario);
  }

  /**
   * Replays a policy built per run by {@code factory}, and says what the scenario's faults did
   * ({@link FaultCounts}): the run the {@code faults} command makes per fault and policy.
   */
  public FaultedRun runCounted(String name, PolicyFactory factory, Map<String, Double> params) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    TraceSummary s = summary();
    Replay replay = new Replay(prepared.replayed, scenario, s, prepared.warmUp, name, factory, params, progress,
        listener);
    SimulationReport report = replay.run();
    return new FaultedRun(report, replay.faultCounts());
  }

  /** Replays several registered policies ({@code all} for every one), one after the other, in order. */
  public List<SimulationReport> compare(List<String> policyNames) {
    List<SimulationReport> out = new ArrayList<>();
    for (PolicyRegistry.Entry e : registry().resolve(policyNames)) {
      out.add(run(e, Map.of()));
    }
    return out;
  }
}
