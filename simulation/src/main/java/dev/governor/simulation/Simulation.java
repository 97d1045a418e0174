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
 * <p>Every run replays the trace within the scenario's window, warm-started with the trace's
 * history before it ({@link #warmUp()}), and reports as {@link SimulationReport} describes. A run
 * whose fleet cannot keep up does not throw: it stops early and says so
 * ({@link SimulationReport#overloaded()}). The trace summary, the warm-up history and the offline
 * optimum are computed once, at first need, and shared by the copies {@code withX} makes (except
 * {@link #withScenario(Scenario)}, which starts afresh).
 *
 * <p>Immutable and thread-safe: runs may go on in parallel threads (give each its own policy).
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
            (System.nanoTime() - t0) / 1e9, p.upperBilledSeconds());
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

  /**
   * A simulation of a trace under a scenario, with the standard registry, no progress reporting
   * and no listener. Reads nothing yet: the trace is first read by the first run (or
   * {@link #summary()}).
   *
   * @param trace the recorded (or generated) arrivals to replay
   * @param scenario job classes, fleet, billing, window, faults and seed
   * @return the simulation
   * @throws NullPointerException if {@code trace} or {@code scenario} is null
   */
  public static Simulation of(Trace trace, Scenario scenario) {
    return new Simulation(Objects.requireNonNull(trace, "trace"), Objects.requireNonNull(scenario, "scenario"),
        null, null, new Prepared(), null);
  }

  /**
   * Looks policy names up in {@code r} instead of {@link PolicyRegistry#standard()}.
   *
   * @param r the registry for {@link #run(String)} and {@link #compare(List)}
   * @return a copy using {@code r}, sharing this one's prepared trace and optimum
   * @throws NullPointerException if {@code r} is null
   */
  public Simulation withRegistry(PolicyRegistry r) {
    return new Simulation(trace, scenario, Objects.requireNonNull(r, "registry"), progress, prepared, listener);
  }

  /**
   * Receives the fraction of each run done (0..1) now and then: at tick 0 and every 1024th tick,
   * and 1.0 at the end, on the run's thread.
   *
   * @param p the receiver, or null for none
   * @return a copy reporting to {@code p}, sharing this one's prepared trace and optimum
   */
  public Simulation withProgress(DoubleConsumer p) {
    return new Simulation(trace, scenario, registry, p, prepared, listener);
  }

  /**
   * The same trace under another scenario: summary, warm-up and optimum are computed again for it.
   *
   * @param s the scenario
   * @return a copy with {@code s}, registry, progress and listener kept
   * @throws NullPointerException if {@code s} is null
   */
  public Simulation withScenario(Scenario s) {
    return new Simulation(trace, Objects.requireNonNull(s, "scenario"), registry, progress, new Prepared(), listener);
  }

  /**
   * Adds {@code l} to the controller of every run, as a host adds one to its live controller: it
   * sees each simulated tick's {@link dev.governor.TickReport}, in order, on the run's thread
   * (e.g. a {@link dev.governor.TraceRecorder}, or a metrics binder). Runs of
   * {@link #compare(List)} go one after the other; runs started in parallel share it (so it must
   * then be thread-safe).
   *
   * @param l the listener
   * @return a copy whose runs all report to {@code l}, sharing this one's prepared trace and optimum
   * @throws NullPointerException if {@code l} is null
   */
  public Simulation withListener(TickListener l) {
    return new Simulation(trace, scenario, registry, progress, prepared, Objects.requireNonNull(l, "listener"));
  }

  /**
   * The trace this simulation replays.
   *
   * @return the whole trace, before the scenario's window is applied
   */
  public Trace trace() {
    return trace;
  }

  /**
   * The scenario every run replays under.
   *
   * @return the scenario
   */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * The registry policy names are looked up in.
   *
   * @return the one given to {@link #withRegistry(PolicyRegistry)}, else a new
   *     {@link PolicyRegistry#standard()} (loaded again at each call)
   */
  public PolicyRegistry registry() {
    PolicyRegistry r = registry;
    return r != null ? r : PolicyRegistry.standard();
  }

  /** Rows kept from the summary pass, so that runs do not parse a (small) trace again. */
  static final int CACHED_ROWS = 1 << 20;

  /**
   * The trace within the scenario's window, read once and kept (the first call reads it, blocking
   * concurrent callers until done).
   *
   * @return the summary every run of this simulation uses
   * @throws IllegalArgumentException if the window holds no trace row, or a row is malformed
   * @throws java.io.UncheckedIOException if the trace cannot be read
   */
  public TraceSummary summary() {
    prepared.prepare(trace, scenario);
    return prepared.summary;
  }

  /**
   * The history every run warm-starts with: the trace's 14 days before the scenario's window
   * ({@link WarmUp}); empty when the window starts at the trace's start.
   *
   * @return the history, computed with the summary at first need
   * @throws IllegalArgumentException if the window holds no trace row, or a row is malformed
   */
  public dev.governor.signal.SignalHistory warmUp() {
    prepared.prepare(trace, scenario);
    return prepared.warmUp;
  }

  /**
   * Replays a policy with the defaults of {@link PolicySetup#of(ScalingPolicy)}: the standard guards
   * within the scenario's bounds, the default planner, no predictors. A policy keeps state: pass a
   * fresh one per run.
   *
   * @param policy the policy to replay
   * @return the run's report, named after {@link ScalingPolicy#name()}
   * @throws NullPointerException if {@code policy} is null
   * @throws IllegalArgumentException if the window holds no trace row, or a row is malformed
   */
  public SimulationReport run(ScalingPolicy policy) {
    return run(PolicySetup.of(policy));
  }

  /**
   * Replays a policy with its guards, planner and predictors. A policy keeps state: pass a fresh
   * one per run. The same setup is reused if the scenario's faults restart the controller.
   *
   * @param setup the policy and what runs around it
   * @return the run's report, named {@link PolicySetup#name()}
   * @throws NullPointerException if {@code setup} is null
   * @throws IllegalArgumentException if the window holds no trace row, or a row is malformed
   */
  public SimulationReport run(PolicySetup setup) {
    Objects.requireNonNull(setup, "setup");
    return run(setup.name(), ctx -> setup, Map.of());
  }

  /**
   * Replays a registered policy with its natural parameters.
   *
   * @param policyName a name in {@link #registry()}
   * @return the run's report
   * @throws IllegalArgumentException if no policy has that name, if the policy cannot be built
   *     for this scenario, or if the window holds no trace row
   */
  public SimulationReport run(String policyName) {
    return run(registry().get(policyName), Map.of());
  }

  /**
   * Replays a registered policy with some parameters set (see its {@link Knob}s).
   *
   * @param entry the policy's registry entry
   * @param params parameter values by name; those not given keep their natural values
   * @return the run's report, named {@code entry.name()}, with {@code params} recorded
   * @throws IllegalArgumentException if the policy cannot be built for this scenario, or if the
   *     window holds no trace row
   */
  public SimulationReport run(PolicyRegistry.Entry entry, Map<String, Double> params) {
    return run(entry.name(), entry.factory(), params);
  }

  /**
   * Replays a policy built per run by {@code factory} (and built again at every controller restart
   * the scenario's faults cause). The report carries the offline optimum
   * ({@link #optimum()}), computed at the first run if it was not yet.
   *
   * @param name the name the report carries
   * @param factory builds the policy from the run's {@link RunContext}
   * @param params parameter values the factory reads with {@link RunContext#param}; recorded in the report
   * @return the run's report
   * @throws NullPointerException if {@code name}, {@code factory} or {@code params} is null
   * @throws IllegalArgumentException if the factory cannot build the policy, or if the window holds
   *     no trace row
   */
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
   * the same scenario. Its {@code planningSeconds} include binning the jobs. A trace and scenario
   * too large to plan give an infeasible plan ({@code feasible()} false, billed seconds NaN), not
   * an exception.
   *
   * @return the plan (blocking concurrent callers while it is computed)
   * @throws IllegalArgumentException if the window holds no trace row, or a row is malformed
   */
  public OptimalPlanner.Plan optimum() {
    TraceSummary s = summary();
    return prepared.optimum(new Replay(prepared.replayed, scenario, s, prepared.warmUp, "optimum", ctx -> null,
        Map.of(), null, null), scenario);
  }

  /**
   * Replays a policy built per run by {@code factory}, and says what the scenario's faults did
   * ({@link FaultCounts}): the run the {@code faults} command makes per fault and policy. Unlike
   * {@link #run(String, PolicyFactory, Map)} it does not put the offline optimum into the report
   * (its {@code optimumInstanceHours} is NaN); the optimum is planned only when the factory asks
   * the context for it ({@code optimal}, replayed under the faults like any policy).
   *
   * @param name the name the report carries
   * @param factory builds the policy from the run's {@link RunContext}
   * @param params parameter values the factory reads with {@link RunContext#param}
   * @return the report and the fault counts
   * @throws NullPointerException if {@code name}, {@code factory} or {@code params} is null
   * @throws IllegalArgumentException if the factory cannot build the policy, or if the window holds
   *     no trace row
   */
  public FaultedRun runCounted(String name, PolicyFactory factory, Map<String, Double> params) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    TraceSummary s = summary();
    Replay replay = new Replay(prepared.replayed, scenario, s, prepared.warmUp, name, factory, params, progress,
        listener).withOptimum(this::optimum); // planned only if the factory asks (optimal)
    SimulationReport report = replay.run();
    return new FaultedRun(report, replay.faultCounts());
  }

  /**
   * Replays several registered policies ({@code all} for every one), one after the other, in order,
   * each with its natural parameters; a name given twice runs once.
   *
   * @param policyNames names in {@link #registry()}, or {@code all}
   * @return one report per policy, in order of first mention
   * @throws IllegalArgumentException if a name is unknown (before anything runs), or a policy
   *     cannot be built for this scenario (the reports so far are lost)
   */
  public List<SimulationReport> compare(List<String> policyNames) {
    List<SimulationReport> out = new ArrayList<>();
    for (PolicyRegistry.Entry e : registry().resolve(policyNames)) {
      out.add(run(e, Map.of()));
    }
    return out;
  }
}
