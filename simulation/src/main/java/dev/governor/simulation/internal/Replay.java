package dev.governor.simulation.internal;

import dev.governor.Controller;
import dev.governor.TickListener;
import dev.governor.TickReport;
import dev.governor.action.ActionResult;
import dev.governor.fleet.JobClass;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.simulation.Elasticity;
import dev.governor.simulation.FutureView;
import dev.governor.simulation.JobClassSpec;
import dev.governor.simulation.PolicyFactory;
import dev.governor.simulation.PolicySetup;
import dev.governor.simulation.RunContext;
import dev.governor.simulation.Scenario;
import dev.governor.simulation.ServiceDistribution;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.TimeSeries;
import dev.governor.simulation.TraceSummary;
import dev.governor.simulation.trace.Trace;
import dev.governor.state.ControllerState;
import dev.governor.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import dev.governor.predict.Predictor;

/**
 * One closed-loop replay: the job stream drives the {@link FleetModel}, and every tick the real
 * core {@link Controller} reads the signals the model publishes (depths current, counts one signal
 * lag late, as AWS gives them) through a {@link ManualSignalSource}, decides, and acts through the
 * {@link SimulatedActuator} (wrapped in the API faults of {@link FaultyActuator}). Its clock is set to
 * each tick, or off by a clock step; a restart builds a new controller from the saved state.
 */
public final class Replay {
  /** The controller's state is not needed between ticks of a replay beyond what it keeps itself. */
  private static final StateStore NO_STATE = new StateStore() {
    @Override
    public Optional<ControllerState> load() {
      return Optional.empty();
    }

    @Override
    public void save(ControllerState state) {}
  };

  private final Trace trace;
  private final dev.governor.signal.SignalHistory warmUp;
  private final Scenario sc;
  private final TraceSummary summary;
  private final String name;
  private final PolicyFactory factory;
  private final Map<String, Double> params;
  private final DoubleConsumer progress;
  private final TickListener listener;

  private final List<String> classNames;
  private final Map<String, Integer> classIndex = new HashMap<>();
  private final Draw[] serviceDraw;
  private final double tick;
  private final int ticks;
  private final double end;

  /**
   * @param trace the trace, already windowed like {@code summary}
   * @param progress told the fraction of the replay done, now and then (may be null)
   * @param listener added to the controller (may be null)
   */
  public Replay(Trace trace, Scenario scenario, TraceSummary summary, dev.governor.signal.SignalHistory warmUp,
      String name, PolicyFactory factory, Map<String, Double> params, DoubleConsumer progress, TickListener listener) {
    this.warmUp = warmUp;
    this.trace = trace;
    this.sc = scenario;
    this.summary = summary;
    this.name = name;
    this.factory = factory;
    this.params = Map.copyOf(params);
    this.progress = progress;
    this.listener = listener;
    this.classNames = summary.classes();
    this.serviceDraw = new Draw[classNames.size()];
    for (int c = 0; c < classNames.size(); c++) {
      classIndex.put(classNames.get(c), c);
      JobClassSpec spec = sc.classSpec(classNames.get(c));
      serviceDraw[c] = sc.serviceDistribution() == ServiceDistribution.EXPONENTIAL
          ? Draw.exponential(spec.serviceSeconds()) : Draw.lognormal(spec.serviceSeconds(), spec.serviceCv());
    }
    this.tick = summary.tickSeconds();
    this.ticks = summary.ticks();
    this.end = summary.durationSeconds();
  }

  private java.util.function.Supplier<dev.governor.simulation.optimum.OptimalPlanner.Plan> optimum;

  /** Gives this replay's policy factory the offline optimum's plan ({@link RunContext#optimum()}). */
  public Replay withOptimum(java.util.function.Supplier<dev.governor.simulation.optimum.OptimalPlanner.Plan> plan) {
    this.optimum = plan;
    return this;
  }

  /**
   * Service seconds of the jobs this replay draws, per class and arrival tick ({@code [class][tick]},
   * jobs at the very end in the last tick): the offline optimum's input. One pass of the job stream.
   */
  public double[][] workPerClassAndTick() {
    double[][] w = new double[classNames.size()][ticks];
    if (ticks == 0) {
      return w;
    }
    try (JobStream s = openStream()) {
      while (s.next()) {
        w[s.cls][Math.min(ticks - 1, (int) (s.time / tick))] += s.service;
      }
    }
    return w;
  }

  private JobStream openStream() {
    return new JobStream(trace.open(), summary.start(), sc.scale(), classIndex, serviceDraw, sc.seed());
  }

  private dev.governor.simulation.FaultCounts faultCounts = dev.governor.simulation.FaultCounts.NONE;

  /** What the faults did in the last {@link #run} (all zero before it). */
  public dev.governor.simulation.FaultCounts faultCounts() {
    return faultCounts;
  }

  public SimulationReport run() {
    long wallStart = System.nanoTime();
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    int nc = classNames.size();
    int[] priority = new int[nc];
    double[] deadline = new double[nc];
    List<JobClass> jobClasses = new ArrayList<>(nc);
    for (int c = 0; c < nc; c++) {
      JobClassSpec spec = sc.classSpec(classNames.get(c));
      priority[c] = spec.priority();
      deadline[c] = spec.deadlineSeconds();
      jobClasses.add(spec.toJobClass());
    }
    double lag = sc.signalLag().toNanos() / 1e9;
    Metrics m = new Metrics(deadline, tick, ticks, lag + tick + 2);
    FleetModel model = new FleetModel(sc.slots(), priority, deadline, summary.start(), Scenario.INSTANCE_TYPE,
        sc.price(), sc.billing(), sc.boot().toNanos() / 1e9, sc.bootCv(), sc.dispatch(), sc.faults(), sc.seed(), m);
    int[] limits = new int[nc];
    for (int c = 0; c < nc; c++) {
      int lim = sc.classSpec(classNames.get(c)).maxInService();
      limits[c] = lim == 0 ? Integer.MAX_VALUE : lim;
    }
    model.capInService(limits);
    model.maxQueued(sc.maxQueued());
    SimulatedActuator simulated = new SimulatedActuator(model, Scenario.INSTANCE_TYPE, sc.faults(), sc.seed());
    FaultyActuator actuator = new FaultyActuator(simulated, model, sc.faults(), sc.seed());

    Lookahead[] future = new Lookahead[1];
    RunContext ctx = new RunContext() {
      @Override
      public Scenario scenario() {
        return sc;
      }

      @Override
      public TraceSummary trace() {
        return summary;
      }

      @Override
      public FutureView future() {
        if (future[0] == null) {
          future[0] = new Lookahead(openStream(), model, tick, ticks);
        }
        return future[0];
      }

      @Override
      public Map<String, Double> params() {
        return params;
      }

      @Override
      public dev.governor.simulation.optimum.OptimalPlanner.Plan optimum() {
        if (optimum == null) {
          throw new IllegalStateException("this replay was not given the offline optimum (Simulation passes it)");
        }
        return optimum.get();
      }
    };
    PolicySetup firstSetup = factory.create(ctx);

    int initial = firstSetup.initialInstances().orElse(sc.initialInstances() >= 0 ? sc.initialInstances()
        : summary.expectedDemand(0, sc.slots()));
    model.addRunning(Math.max(sc.min(), Math.min(sc.max(), initial)));

    Instant[] hostNow = {summary.start()}; // the controller's clock: true time, or off by a clock step
    ManualSignalSource signals = new ManualSignalSource();
    SignalFaults signalFaults = new SignalFaults(sc, classNames, signals);
    Restarts restarts = new Restarts(sc, tick);
    StateStore store = restarts.on ? restarts.store : NO_STATE;
    java.util.function.Function<PolicySetup, Controller> build = setup -> {
      Controller.Builder cb = Controller.builder().clock(() -> hostNow[0]).signals(signalFaults).jobClasses(jobClasses)
          .launchType(sc.instanceType()).policy(setup.policy()).guards(setup.guards(sc.min(), sc.max()))
          .planner(setup.planner()).actuator(actuator).tick(sc.tick()).stateStore(store);
      setup.predictors().forEach((series, f) -> cb.predictor(series, () -> new UnsavedPredictor(f.get())));
      setup.arrivalPredictor().ifPresent(f -> cb.predictArrivals(() -> new UnsavedPredictor(f.get())));
      setup.launchGrace().ifPresent(cb::launchGrace);
      if (listener != null) {
        cb.listener(listener);
      }
      Controller c = cb.build();
      if (warmUp != null && !warmUp.isEmpty()) {
        c.warmStart(warmUp); // the same past for every policy, through its own warm-start path
      }
      return c;
    };
    Controller controller = build.apply(firstSetup);
    long staleScaleIns = 0;
    long doubleLaunches = 0;

    Signals sig = new Signals(nc, lag, tick);
    int[] backlog = new int[ticks];
    int[] inflight = new int[ticks];
    int[] running = new int[ticks];
    int[] pending = new int[ticks];
    int[] draining = new int[ticks];
    int[] desired = new int[ticks];
    float[] p50 = new float[ticks];
    float[] p99 = new float[ticks];
    float[] pmax = new float[ticks];
    float[][] classP99 = new float[nc][ticks];
    long failedActions = 0;

    String overloaded = null;
    int ticksRun = ticks;
    try (JobStream stream = openStream()) {
      boolean has = stream.next();
      for (int k = 0; k <= ticks; k++) {
        try {
        double t = k < ticks ? k * tick : end;
        has = has && arriveUntil(stream, model, t);
        model.advanceTo(t);
        if (k > 0) {
          p50[k - 1] = (float) m.tickWaits.quantile(0.5);
          p99[k - 1] = (float) m.tickWaits.quantile(0.99);
          pmax[k - 1] = (float) m.tickWaits.maxSeconds();
          m.tickWaits.reset();
          for (int c = 0; c < nc; c++) {
            classP99[c][k - 1] = (float) m.classTickWaits[c].quantile(0.99);
            m.classTickWaits[c].reset();
          }
        }
        if (k == ticks) {
          break;
        }
        if (restarts.clockStepAt(k)) {
          actuator.clockOffset = actuator.clockOffset == 0 ? sc.faults().clockStep().toNanos() / 1e9 : 0;
        }
        double offset = actuator.clockOffset;
        Instant now = model.instant(t + offset);
        hostNow[0] = now;
        signalFaults.at(t);
        sig.publish(signals, model, m.lag, t, offset, classNames, signalFaults);
        boolean restartNow = restarts.restartAt(k);
        if (restartNow && !sc.faults().restartBeforeSave()) {
          controller = build.apply(factory.create(ctx)); // between two ticks: state as last saved
        }
        restarts.dropNextSave = restartNow && sc.faults().restartBeforeSave();
        long launchedBefore = m.launches;
        int queued = 0;
        int busy = 0;
        for (int c = 0; c < nc; c++) {
          queued += model.queued(c);
          busy += model.inflight(c);
        }
        backlog[k] = queued;
        inflight[k] = busy;
        TickReport r = controller.tick();
        if (restarts.dropNextSave) {
          // died between the action and the state save: the next tick is a new controller
          restarts.loseLastSave();
          controller = build.apply(factory.create(ctx));
        }
        if (r.action() instanceof dev.governor.action.Terminate term && term.capacityDelta() < 0
            && signalFaults.degraded(controller.requiredSignals(), now)) {
          staleScaleIns++;
        }
        long launchedNow = m.launches - launchedBefore;
        if (launchedNow > 0) {
          doubleLaunches += Math.min(launchedNow, Math.max(0, model.effective() - r.desired()));
        }
        desired[k] = r.desired();
        if (r.result().status() == ActionResult.Status.FAILED || r.result().status() == ActionResult.Status.PARTIAL) {
          failedActions++;
        }
        running[k] = model.running();
        pending[k] = model.pending();
        draining[k] = model.draining();
        if (progress != null && (k & 1023) == 0) {
          progress.accept((double) k / ticks);
        }
        } catch (dev.governor.simulation.OverloadException e) {
          // the fleet cannot keep up: report what happened until here, marked, instead of aborting a comparison
          overloaded = e.getMessage();
          ticksRun = k;
          break;
        }
      }
      model.finish();
    } finally {
      if (future[0] != null) {
        future[0].close();
      }
    }
    if (progress != null) {
      progress.accept(1.0);
    }

    int slots = sc.slots();
    int[] demand = new int[ticks];
    double[] dt = new double[ticks];
    for (int k = 0; k < ticks; k++) {
      dt[k] = Math.min(tick, end - k * tick);
      demand[k] = (int) Math.ceil(m.workPerTick[k] / (slots * Math.max(dt[k], 1e-9)) - 1e-9);
    }
    Elasticity e = Elasticity.of(demand, running, dt);
    TimeSeries series = new TimeSeries(summary.start(), tick, m.arrivalsPerTick, m.completionsPerTick, backlog,
        inflight, running, pending, draining, desired, demand, m.workPerTick, p50, p99, pmax);

    double instanceHours = m.billedSeconds / 3600.0;
    double lowerBound = m.arrivedWork / slots / 3600.0;
    long booked = m.bookedTotal();
    double slo = booked == 0 ? 1.0 : (double) m.metTotal() / booked;
    double utilization = m.billedSeconds > 0 ? m.busySeconds / (m.billedSeconds * slots) : 0;
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = cpuStart >= 0 ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : Double.NaN;
    faultCounts = new dev.governor.simulation.FaultCounts(m.wrongTerminations, m.killedJobs, m.foreignTerminations,
        staleScaleIns, doubleLaunches, restarts.restarts, restarts.clockSteps, m.spotInterruptions, m.hungJobs,
        m.neverBooted, m.slowBoots, simulated.partialLaunches, simulated.capacityErrors, simulated.throttled,
        actuator.lostResponses, actuator.fleetViewFailures, signalFaults.nanReadings);
    return new SimulationReport(name, summary.name(), m.arrivedJobs, slo, m.waits.quantile(0.5),
        m.waits.quantile(0.99), m.waits.maxSeconds(), instanceHours, instanceHours * sc.price(), lowerBound,
        lowerBound > 0 ? instanceHours / lowerBound : Double.NaN, utilization, m.launches, m.terminations, e.thetaU(),
        e.thetaO(), e.tauU(), e.tauO(), e.instability(), e.jitter(), wall, cpu, m.completedJobs,
        m.queuedAtEnd + m.inServiceAtEnd, m.returnedJobs, m.crashes, m.launchFailures, failedActions, ticksRun,
        sc.seed(), sc.scale(), summary.start(), overloaded == null ? summary.end() : model.instant(model.now),
        params, series, overloaded, perClass(m, classP99, slots), Double.NaN, Double.NaN);
  }

  private List<dev.governor.simulation.ClassReport> perClass(Metrics m, float[][] classP99, int slots) {
    List<dev.governor.simulation.ClassReport> out = new ArrayList<>(classNames.size());
    for (int c = 0; c < classNames.size(); c++) {
      JobClassSpec spec = sc.classSpec(classNames.get(c));
      long booked = m.booked[c];
      long jobs = m.classArrived[c];
      out.add(new dev.governor.simulation.ClassReport(classNames.get(c), jobs,
          booked == 0 ? 1.0 : (double) m.met[c] / booked, m.classWaits[c].quantile(0.5),
          m.classWaits[c].quantile(0.99), m.classWaits[c].maxSeconds(), spec.deadlineSeconds(), spec.priority(),
          jobs == 0 ? 0 : m.classWork[c] / jobs, m.classWork[c] / slots / 3600.0, m.classArrivalsPerTick[c],
          classP99[c]));
    }
    // a declared class without jobs in the window is still a row (of nothing), so every run lists the same classes
    for (JobClassSpec spec : sc.classOverrides().values()) {
      if (!classIndex.containsKey(spec.name())) {
        out.add(new dev.governor.simulation.ClassReport(spec.name(), 0, 1.0, 0, 0, 0, spec.deadlineSeconds(),
            spec.priority(), 0, 0, new int[ticks], new float[ticks]));
      }
    }
    return out;
  }

  /**
   * Feeds the model every job arriving at or before {@code t}, with the events between them.
   * Returns whether jobs remain. (A method of its own: the JIT compiles this loop early.)
   */
  private static boolean arriveUntil(JobStream stream, FleetModel model, double t) {
    while (stream.time <= t) {
      model.advanceTo(stream.time);
      model.arrive(stream.cls, stream.service);
      if (!stream.next()) {
        return false;
      }
    }
    return true;
  }

  /** Publishes the model's state as the signals AWS would give. Signal names are built once. */
  private static final class Signals {
    private final String[] visible;
    private final String[] inflight;
    private final String[] delayed;
    private final String[] oldest;
    private final String[] arrivals;
    private final String[] completions;
    private final String[] service;
    private final String[] late;
    private final double lag;
    private final double tick;
    private final double[] window = new double[4];

    Signals(int classes, double lag, double tick) {
      this.lag = lag;
      this.tick = tick;
      visible = new String[classes];
      inflight = new String[classes];
      delayed = new String[classes];
      oldest = new String[classes];
      arrivals = new String[classes];
      completions = new String[classes];
      service = new String[classes];
      late = new String[classes];
    }

    /**
     * Publishes at replay time {@code t}, stamped by a clock {@code offset} seconds off, under the
     * tick's signal faults {@code f}.
     */
    void publish(ManualSignalSource out, FleetModel model, LagBins bins, double t, double offset, List<String> names,
        SignalFaults f) {
      // CloudWatch-like: the latest full period available at t is [t - lag - tick, t - lag)
      double lagEnd = t - lag;
      double from = Math.max(0, lagEnd - tick);
      double len = lagEnd - from;
      double skew = offset + f.stampSkew();
      Instant now = model.instant(t + skew);
      Instant lagged = lagEnd > 0 ? model.instant(lagEnd + skew) : null;
      double factor = f.depthFactor();
      for (int c = 0; c < names.size(); c++) {
        if (f.classOut(c)) {
          continue; // an outage: nothing new, the last readings age
        }
        if (visible[c] == null) {
          String n = names.get(c);
          visible[c] = SignalNames.visible(n);
          inflight[c] = SignalNames.inflight(n);
          delayed[c] = SignalNames.delayed(n);
          oldest[c] = SignalNames.oldestAge(n);
          arrivals[c] = SignalNames.arrivals(n);
          completions[c] = SignalNames.completions(n);
          service[c] = SignalNames.serviceTime(n);
          late[c] = SignalNames.late(n);
        }
        out.set(visible[c], factor == 1 ? model.queued(c) : Math.rint(model.queued(c) * factor), now);
        out.set(inflight[c], factor == 1 ? model.inflight(c) : Math.rint(model.inflight(c) * factor), now);
        out.set(delayed[c], 0, now);
        out.set(oldest[c], model.oldestAge(c), now);
        if (len > 0 && !f.countsOut()) {
          bins.window(from, lagEnd, c, window);
          out.set(arrivals[c], window[0] / len, lagged);
          out.set(completions[c], window[1] / len, lagged);
          out.set(late[c], window[3] / len, lagged);
          if (window[1] > 0) {
            out.set(service[c], window[2] / window[1], lagged);
          }
        }
      }
    }
  }

  /**
   * When the controller restarts and its clock steps: at a chosen tick and at the ticks of a
   * seeded Bernoulli process with the rate asked for. A restart reads the state the last tick saved
   * from {@link #store}; {@link #dropNextSave} loses one save (a restart between action and save).
   */
  private static final class Restarts {
    final boolean on;
    final dev.governor.state.InMemoryStateStore memory = new dev.governor.state.InMemoryStateStore();
    boolean dropNextSave;
    final StateStore store = new StateStore() {
      @Override
      public Optional<ControllerState> load() {
        return memory.load();
      }

      @Override
      public void save(ControllerState state) {
        if (!dropNextSave) {
          memory.save(state);
          return;
        }
        // the controller dies before the tick's last save: every earlier save of the tick lands
        if (stashed != null) {
          memory.save(stashed);
        }
        stashed = state;
      }
    };
    private ControllerState stashed;

    /** Ends a tick whose last save is lost. */
    void loseLastSave() {
      stashed = null;
      dropNextSave = false;
    }
    private final int restartTick;
    private final double restartP;
    private final SplittableRandom restartRnd;
    private final int stepTick;
    private final double stepP;
    private final SplittableRandom stepRnd;
    long restarts;
    long clockSteps;

    Restarts(Scenario sc, double tickSeconds) {
      var f = sc.faults();
      on = f.restarts();
      restartTick = f.restartAtTick();
      restartP = Math.min(1, f.restartsPerDay() * tickSeconds / 86400.0);
      restartRnd = Seeds.stream(sc.seed(), Seeds.RESTART);
      stepTick = f.clockStepAtTick();
      stepP = Math.min(1, f.clockStepsPerDay() * tickSeconds / 86400.0);
      stepRnd = Seeds.stream(sc.seed(), Seeds.CLOCK);
    }

    boolean restartAt(int k) {
      boolean r = k > 0 && (k == restartTick || (restartP > 0 && restartRnd.nextDouble() < restartP));
      if (r) {
        restarts++;
      }
      return r;
    }

    boolean clockStepAt(int k) {
      boolean s = k > 0 && (k == stepTick || (stepP > 0 && stepRnd.nextDouble() < stepP));
      if (s) {
        clockSteps++;
      }
      return s;
    }
  }
}
