package dev.governor.policy;

import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.JobClass;
import dev.governor.policy.WaitProjection.Arrivals;
import dev.governor.policy.WaitProjection.Capacity;
import dev.governor.predict.Forecast;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flagship policy: it keeps every job's <em>predicted wait</em> just inside its class's
 * objective, buys capacity only when the queue could not otherwise start the work in time, and
 * lets capacity go once it will not be needed again within about a boot.
 *
 * <p>Idle slots cost money; waiting does not, as long as each job starts before its deadline. So
 * instead of a utilisation target the policy plans with a fluid queue ({@link WaitProjection}),
 * work in slot-seconds (a job of service time s is s slot-seconds). Notation, per class c:
 * s_c its service time ({@link PolicyContext#serviceSeconds(dev.governor.fleet.JobClass)}), D_c
 * its objective ({@code maxQueueWait}), λ_c its smoothed arrival rate (jobs/s), λ̂_c = max(λ_c,
 * forecast of its arrivals signal) when {@code useForecast} (else λ_c), σ_c the measured
 * uncertainty of its arrivals over H (jobs), z_c its confidence; for the fleet: L the launch type's
 * boot time, L⁺ = L·(1 + bootMargin), T the tick, H = ⌈(L⁺ + T)/T⌉·T the reaction horizon, k the
 * launch type's slots, u = {@code deadlineShare}, r = {@code releaseShare}. Class o <em>goes
 * before</em> c if its priority is higher, or equal with D_o ≤ D_c (c goes before itself).
 * <pre>
 *   Q₀     = Σ_o share_o·n_o·s_o                      work ahead of c's newest job now; n_o = jobs waiting,
 *            share_o = 1 if o goes before c, 0 if its priority is lower, else (equal priority, longer
 *            objective) clamp((a_o − (D_o − D_c)) / a_o, 0, 1), a_o = o's oldest waiting age
 *   A⁺(t)  = Σ_{o before c} s_o·∫₀ᵗ λ_o(τ)dτ + √(Σ (z_o·σ_o·s_o)²)·√(t / H)
 *            pessimistic arrivals; λ_o(τ) ramps linearly from λ_o now to λ̂_o over L + T
 *   dQ/dt  = dA⁺/dt − cap(t), Q(0) = Q₀, Q ≥ 0          fluid queue; cap = running slots, plus each
 *            booting instance's own slots from its expected arrival (L⁺ − age; half of min(L⁺, T) if overdue)
 *   w(t)   = least w with cap(t)·w − P(w) ≥ Q(t)       predicted wait of a job arriving at t; P(w) =
 *            the work of later arrivals that overtake it (see {@link WaitProjection.Preemption})
 *   launch = fewest n, n·k slots serving from L⁺, with w(t) ≤ u·D_c for t ∈ [L⁺, L⁺ + T] and every
 *            waiting job's age + time to start ≤ u·D_c (jobs that miss it whatever is launched excepted)
 *   remove = most running instances without which w(t) ≤ r·u·D_c for t ∈ [0, K] and every waiting
 *            job's age + time to start ≤ u·D_c (cohorts every job of which misses D_c even with nothing
 *            removed excepted; one only partly late is not written off), with
 *            K = L⁺ + T + L, whatever the billing; when u·D_c &lt; L⁺ + T also at most
 *            ⌊(running + booting slots − Σ_{o before c} λ̂_o·s_o) / k⌋ (never into overload)
 *   desired = current + max_c launch_c            if any class needs a launch, else
 *             max(current − min_c remove_c, paid)  (paid: see below; 0 unless billingAware)
 * </pre>
 * The fleet is sized for the class that needs most; current = RUNNING + PENDING. r (default 0.5) is
 * a hysteresis band: capacity goes only where the fleet left behind would still hold the waits of
 * new arrivals well inside the launch line, so noise does not buy back next tick what was released
 * this one (each flap pays a billed boot). The jobs already waiting are held to the launch line
 * itself: a burst's backlog draining on schedule keeps the capacity it drains with, and a job that
 * can still start within its objective is never written off to make room for a release.
 *
 * <p><b>Measured noise σ_c.</b> The one-sided error of the arrivals the policy expected over the
 * next H seconds against what then arrived: with e = max(0, arrived − expected) (in jobs, each e
 * clipped at 3·√(max(σ², 2·expected))), σ² is an EWMA of 2·e² with weight {@code noiseSmoothing},
 * floored by the Poisson noise of the expected count, σ² ≥ 2·(λ + λ̂)/2·H. So headroom follows the
 * load's own noise, boot time and tick instead of a constant.
 *
 * <p><b>Confidence z_c.</b> It starts at {@code confidence} and is steered by the class's late
 * jobs towards {@code attainmentGoal} g (unless g = 1): each tick of Δt seconds adds
 * {@code feedbackGain·(Δt/60)·(late − (1 − g)·arrived) / ((1 − g)·max(1, N̄))}, at most ±1 a
 * tick (the rest is carried over), and z stays in [0.25, {@code maxConfidence}]. N̄ is the class's
 * mean arrivals per tick over about a day (an EWMA of every arrivals sample, bursts included, weight
 * T / 86,400 s), the same for every tick: so the steps add up over jobs, not ticks, and z settles
 * where the share of <em>jobs</em> in time meets g. (Normalised by each tick's own λ·T instead, the
 * late jobs of a busy hour would weigh less than the on-time jobs of a quiet one and z would settle
 * where the average tick meets g: on bursty load that held 98.9 % of jobs in time for a 99.8 %
 * goal.) Late jobs are the
 * class's {@code jobs.<class>.late_per_s} signal × T when it is fresh, else estimated from the
 * oldest waiting age a: {@code min(n, n/a·min(Δt, max(0, a − D)))}.
 *
 * <ul>
 *   <li><b>Long objectives</b> (D ≫ L⁺ + T): a standing queue carries load fluctuations, the
 *       fleet runs near 100 % busy, and an instance's fraction is carried by the queue.
 *   <li><b>Objectives shorter than a boot</b>: a launch cannot help jobs already waiting; the
 *       pessimistic arrivals over the boot lead make the running capacity carry z·σ of headroom,
 *       and no release leaves a fleet slower than the expected arrivals (it passes the check over K,
 *       then its queue grows to the launch line: late jobs, and a catch-up launch every cycle).
 *   <li><b>Bursts</b>: queue depth is current (arrival counts lag a tick), so a 10,000-job click
 *       enters Q in the first tick that sees it and is launched for at once. A rate sample above
 *       {@code burstFactor}·λ and at least {@code burstMinJobs} jobs above it over a tick, or a
 *       queue growth of at least {@code burstMinJobs} and above {@code burstFactor}·λ·Δt, is a
 *       burst: the arrivals start from the burst's rate (fading to λ̂ over the ramp), and the sample
 *       is kept out of the smoothed rate and the measured noise, unless it is the third in a row
 *       (a new level: λ jumps to it). When its backlog is gone, the capacity goes (no
 *       stabilization window holds it).
 *   <li><b>Scale-in</b>: an instance goes only if the predicted waits stay within r·u·D without it
 *       until a replacement could be serving again and for a boot beyond (K above; re-launching
 *       costs a billed boot). Nothing is removed while any class's depth is stale or before every
 *       class has an arrival rate.
 *   <li><b>Paid time</b> ({@code billingAware}): paid counts the RUNNING and PENDING instances that
 *       releasing now would save nothing on, by their paid time left p ({@link
 *       dev.governor.fleet.Instance#paidRemainingSeconds}), each by its own billing. When the
 *       billing granularity is longer than a boot (per hour), a release may take one more tick to
 *       stop the bill (a drain-first planner terminates at the next tick), so only an instance with
 *       T &lt; p ≤ 2T can go: with
 *       p &gt; 2T it is paid through the tick at which it still can, with p ≤ T its next period is as
 *       good as paid already. The one at the end of its period is judged over K like any other,
 *       not over the next period: keeping it costs that period, and launching it back when it is
 *       needed again costs one too (the relaunch's period starts later, not dearer), so a longer
 *       K only keeps instances the load may never use. A DRAINING instance whose drain outlasted
 *       its period's end (busy past the drain allowance, so p &gt; 2T of a fresh period) has bought
 *       that period: unless the decision launches anyway, desired rises by one per such instance and
 *       the planner takes it back (a launch reactivates draining instances first). Otherwise (per
 *       second) those with p &gt; T (inside the minimum charge) stay.
 *   <li><b>To and from zero</b>: the pessimistic arrivals never quite reach nothing, so a class
 *       needs no instance when nothing of it waits or is in flight, T + L⁺ ≤ u·D, and either under
 *       half a job's work is expected over K or nothing arrived for the last H. From zero nothing
 *       is launched for such a class; when every uncapped class is so and nothing is booting, every
 *       running instance may go. The first job is launched for in the tick it is seen.
 *   <li><b>Effectiveness</b>: a class whose jobs wait while whole instances' worth of slots are
 *       idle (fresh depth, ≥ 1 waiting, ≥ 1 in flight, ≥ k idle slots, two ticks in a row) is
 *       capped elsewhere (a downstream limit): the policy stops buying capacity for it, plans
 *       without it (the slots its jobs in service hold are not counted), says so, and, when every
 *       class is capped, releases all but ⌈in service / k⌉ instances. Every
 *       {@code effectivenessRetry}, if the signature is gone, it launches one instance as a probe;
 *       the verdict ends when nothing waits or the class's jobs in flight rise above the level it
 *       was capped at by more than k/2. Idle slots are min(the fleet's idle RUNNING slots, running
 *       slots − all classes' jobs in flight): busy reports may lag, in-flight counts do not.
 *   <li><b>Clock steps</b>: a memory stamped more than a tick after now (the clock stepped back,
 *       or the state was saved by a clock ahead of this one) is forgotten, so the samples and late
 *       counts after the step are learned at once; a probe due later than {@code effectivenessRetry}
 *       from now is brought back to it.
 *   <li>Stale depth: the class's last known queue still counts and nothing is removed; with no fresh
 *       depth at all the policy holds. Anything not finite holds capacity and says why.
 * </ul>
 *
 * <p>The first reason of a proposal is the verdict (source {@code burst} during a burst, else
 * {@code hybrid}), then one line per class with its numbers, then, when it launches after failed
 * launches, the provider's last error.
 *
 * <p>State kept between ticks, per class: smoothed rate, measured noise, confidence, recent
 * arrivals (to reconstruct the waiting jobs' ages), effectiveness; {@link #saveState()} writes all
 * of it and {@link #restoreState(String)} reads it back, so the controller's state store carries
 * it across restarts. Not thread-safe (the engine is
 * single-threaded); one instance per controller.
 */
public final class HybridPolicy implements ScalingPolicy {
  /** The policy's registry name, {@value}. */
  public static final String NAME = "governor";
  /** Most instances one decision may ask for (the bounds guard limits it further). */
  static final int MAX_LAUNCH = 1_000_000;
  /** Forecast errors beyond this many σ are clipped: a burst is answered by the queue it leaves, not by headroom for hours. */
  static final double NOISE_CLIP = 3;
  /**
   * Seconds over which a class's mean arrivals per tick are averaged: the z feedback's unit of
   * load, so that its steps weigh every job alike whatever the load of the tick it came in.
   */
  static final double LOAD_MEMORY_SECONDS = 86_400;
  /** The confidence z never falls below this (the Poisson floor of σ still applies). */
  static final double MIN_CONFIDENCE = 0.25;

  private final HybridConfig config;
  private final Map<String, ClassState> states = new HashMap<>();
  /** The tick the states were learned at, in seconds (NaN before the first tick). */
  private double learnedTickSeconds = Double.NaN;
  private dev.governor.signal.SignalHistory history;

  /**
   * A policy with these settings and no state yet (it learns rates and noise from the ticks, or
   * from a {@link #warmStart}).
   *
   * @param config the settings (not null)
   * @throws NullPointerException if {@code config} is null
   */
  public HybridPolicy(HybridConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * A policy with {@link HybridConfig#ofDefaults()}.
   *
   * @return a new policy
   */
  public static HybridPolicy ofDefaults() {
    return new HybridPolicy(HybridConfig.ofDefaults());
  }

  /**
   * The settings this policy was built with.
   *
   * @return the configuration
   */
  public HybridConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The visible depth and the in-flight count of every job class: without them the policy does not
   * scale in.
   *
   * @param jobClasses the controller's job classes
   * @return {@code queue.<class>.visible} and {@code queue.<class>.inflight} of each, sorted
   */
  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    Set<String> s = new TreeSet<>();
    for (JobClass c : jobClasses) {
      s.add(c.visibleSignal());
      s.add(c.inflightSignal());
    }
    return s;
  }

  /** Per-class memory: smoothed rate, the forecast-error measurement, effectiveness. */
  static final class ClassState {
    double lambda = Double.NaN;
    Instant lastArrivalsAt;
    int burstSamples;
    /** Expected jobs over the next m samples, as planned when each of the last m samples arrived. */
    double[] planned;
    /** The last m samples (jobs per second). */
    double[] samples;
    int seen;
    double errVar = Double.NaN;
    int idleWhileWaiting;
    /** Confidence z of this class, steered by its own late jobs towards the attainment goal. */
    double z = Double.NaN;
    double zDebt;
    /** Mean arrivals per tick over about {@link #LOAD_MEMORY_SECONDS}, bursts included (NaN before the first sample). */
    double meanPerTick = Double.NaN;
    Instant lastLateAt;
    /** Jobs that arrived in each of the last ticks, newest first (reconstructs the ages of the waiting jobs). */
    double[] arrived = new double[0];
    int arrivedKnown;

    /** Shifts the history by one tick and puts the newest estimate in front. */
    void pushArrived(double jobs, int length) {
      if (arrived.length != length) {
        arrived = Arrays.copyOf(arrived, length);
        arrivedKnown = Math.min(arrivedKnown, length);
      }
      if (length > 1) {
        System.arraycopy(arrived, 0, arrived, 1, length - 1);
      }
      arrived[0] = jobs;
      arrivedKnown = Math.min(length, arrivedKnown + 1);
    }
    Instant cappedUntil;
    double capLevel;

    /**
     * Another tick, {@code ratio} times the old one: the load per tick and the noise over the
     * horizon (which spans as many ticks) scale with it; the planned and recent samples, counted in
     * old ticks, start again.
     */
    void retick(double ratio) {
      meanPerTick *= ratio;
      errVar *= ratio;
      planned = null;
      samples = null;
      seen = 0;
      arrivedKnown = 0;
      arrived = new double[0];
    }

    /** Forgets the stamps later than {@code ahead} and brings a probe due later than a retry from now back to it. */
    void rebase(Instant now, Instant ahead, Duration retry) {
      if (lastArrivalsAt != null && lastArrivalsAt.isAfter(ahead)) {
        lastArrivalsAt = null;
      }
      if (lastLateAt != null && lastLateAt.isAfter(ahead)) {
        lastLateAt = null;
      }
      if (cappedUntil != null && cappedUntil.isAfter(now.plus(retry))) {
        cappedUntil = now.plus(retry);
      }
    }

    /** No arrival in the last m samples (a reaction horizon of quiet). */
    boolean quietFor(int m) {
      if (seen < m) {
        return false;
      }
      for (double x : samples) {
        if (x > 0) {
          return false;
        }
      }
      return true;
    }

    void horizon(int m) {
      if (planned == null || planned.length != m) {
        planned = new double[m];
        samples = new double[m];
        seen = 0;
      }
    }
  }

  /** What the policy made of one class this tick (for the explanation and tests). */
  record ClassView(JobClass cls, boolean fresh, double visible, double inflight, double service, double deadline,
      double lambda, double lambdaNow, double lambdaAhead, double sigmaJobs, boolean burst, boolean capped,
      double burstJobs, double z, double late, WaitProjection.Backlog own, boolean idleWhileWaiting) {}

  /**
   * Learns this tick's samples (rate, noise, confidence, effectiveness) and proposes the capacity
   * described in the class comment. Applies a pending {@link #warmStart} history first.
   *
   * @param ctx this tick's context
   * @return the desired capacity with the verdict first, then one reason per class
   */
  @Override
  public Proposal propose(PolicyContext ctx) {
    Snapshot snap = ctx.snapshot();
    Snapshot prev = ctx.previous();
    Instant now = ctx.now();
    double tickS = ctx.tickSeconds();
    double boot = ctx.bootSeconds();
    double lead = boot * (1 + config.bootMargin());
    int m = Math.max(1, (int) Math.ceil((lead + tickS) / tickS - 1e-9));
    double horizon = m * tickS; // the reaction horizon, in whole samples
    double dt = prev == null ? tickS : Math.max(1e-3, Duration.between(prev.takenAt(), now).toNanos() / 1e9);
    int k = ctx.launchType().slots();
    int current = ctx.currentCapacity();
    if (!Double.isNaN(learnedTickSeconds) && Math.abs(learnedTickSeconds - tickS) > 1e-9) {
      // the tick changed (a restored state, another configuration): what counts per tick is rescaled
      for (ClassState st : states.values()) {
        st.retick(tickS / learnedTickSeconds);
      }
    }
    learnedTickSeconds = tickS;
    // a memory stamped more than a tick after now: the clock stepped back (or a state was restored
    // onto a clock behind the one that saved it); its stamps start again from now, or no sample and
    // no late count would be new until the clock caught up, and z would fall as if every job were on time
    Instant aTickAhead = now.plus(ctx.tick());
    for (ClassState st : states.values()) {
      st.rebase(now, aTickAhead, config.effectivenessRetry());
    }
    if (history != null) {
      applyHistory(ctx, m, tickS);
    }

    // the fleet: running slots, booting instances at their expected arrival, idle slots
    List<Instance> instances = ctx.fleet().instances();
    // booting instances: when each is expected to serve, and with how many slots (its own type's: a
    // fleet may mix types)
    double[] eta = new double[instances.size()];
    double[] etaSlots = new double[instances.size()];
    int booting = 0;
    int running = 0;
    double idleSlots = 0;
    for (Instance i : instances) {
      if (i.state() == InstanceState.RUNNING) {
        running++;
        idleSlots += i.slots() - i.busySlots();
      } else if (i.state() == InstanceState.PENDING) {
        double age = i.ageSeconds(now);
        // an instance late for its boot is expected within half a tick, not never
        eta[booting] = age < lead ? lead - age : Math.min(lead, tickS) / 2;
        etaSlots[booting++] = i.slots();
      }
    }
    double runningSlots = ctx.fleet().runningSlots();
    // idle slots: the fleet's busy reports may lag, the queues' in-flight counts may not: trust the larger
    double inFlightAll = 0;
    for (JobClass c : ctx.jobClasses()) {
      inFlightAll += snap.lastKnownOr(c.inflightSignal(), 0);
    }
    idleSlots = Math.min(idleSlots, Math.max(0, runningSlots - inFlightAll));

    List<ClassView> views = new ArrayList<>(ctx.jobClasses().size());
    int fresh = 0;
    boolean anyStale = false;
    boolean noRateYet = false;
    double cappedSlots = 0;
    boolean anyProbe = false;
    for (JobClass c : ctx.jobClasses()) {
      ClassState st = states.computeIfAbsent(c.name(), n -> new ClassState());
      st.horizon(m);
      boolean isFresh = !snap.isStale(c.visibleSignal());
      double visible = isFresh ? snap.valueOr(c.visibleSignal(), 0) : snap.lastKnownOr(c.visibleSignal(), 0);
      double inflight = snap.lastKnownOr(c.inflightSignal(), 0);
      double s = ctx.serviceSeconds(c);
      double deadline = c.maxQueueWait().toNanos() / 1e9;
      if (isFresh) {
        fresh++;
      } else {
        anyStale = true;
      }
      double growth = Double.NaN;
      if (prev != null && prev.has(c.visibleSignal())) {
        growth = visible - prev.lastKnownOr(c.visibleSignal(), 0);
      }
      // one arrivals sample per new observation: the CloudWatch-like count, else depth change + completions
      double sample = Double.NaN;
      Reading arr = snap.reading(c.arrivalsSignal());
      if (arr != null && !snap.isStale(c.arrivalsSignal())) {
        if (st.lastArrivalsAt == null || arr.observedAt().isAfter(st.lastArrivalsAt)) {
          st.lastArrivalsAt = arr.observedAt();
          sample = arr.value();
        }
      } else if (isFresh && !Double.isNaN(growth)) {
        double completions = snap.valueOr(SignalNames.completions(c.name()), 0);
        double prevInflight = prev.lastKnownOr(c.inflightSignal(), inflight);
        sample = Math.max(0, (growth + inflight - prevInflight) / dt + completions);
      }
      boolean burst = false;
      double burstJobs = 0;
      double burstRate = 0;
      if (!Double.isNaN(sample)) {
        burst = learn(st, sample, tickS, m);
        if (burst) {
          burstJobs = (sample - st.lambda) * tickS;
          burstRate = sample;
        }
      }
      boolean depthBurst = !Double.isNaN(growth) && !Double.isNaN(st.lambda)
          && growth >= config.burstMinJobs() && growth > config.burstFactor() * st.lambda * dt;
      if (depthBurst) {
        burst = true;
        burstJobs = Math.max(burstJobs, growth);
        // arrivals now, from the depth: the queue's growth plus what the busy slots complete (Little)
        double prevInflight = prev.lastKnownOr(c.inflightSignal(), inflight);
        burstRate = Math.max(burstRate, Math.max(0, (growth + inflight - prevInflight) / dt) + inflight / s);
      }
      noRateYet |= Double.isNaN(st.lambda);
      // before the first rate sample, the jobs in flight on an idle queue say what the stream keeps busy (Little)
      double lambda = Double.isNaN(st.lambda) ? (visible < 1 ? inflight / s : 0) : st.lambda;
      double ahead = lambda;
      if (config.useForecast()) {
        Forecast f = ctx.forecasts().get(c.arrivalsSignal());
        if (f != null) {
          // the forecast anticipates a rise; a forecast alone never plans a fall (it may be wrong, the queue is not)
          ahead = Math.max(lambda, config.forecastUpper() ? f.upper() : f.point());
        }
      }
      // measured one-sided error over H, floored by Poisson noise of the expected count (cv of work ~1)
      double expected = (lambda + ahead) / 2 * horizon;
      double poisson = 2 * expected;
      double var = Double.isNaN(st.errVar) ? poisson : Math.max(st.errVar, poisson);
      double sigmaJobs = Math.sqrt(var);
      planNext(st, Double.isNaN(st.lambda) ? Double.NaN : expected, m);

      // effectiveness: jobs of this class wait while a whole instance's worth of slots is idle
      // effectiveness: jobs of this class wait while a whole instance's worth of slots is idle, two ticks
      // in a row: capacity is not what limits it. While the verdict holds nothing is bought for the
      // class; every effectivenessRetry one instance is added as a probe, and the verdict ends when
      // the class's jobs in service rise above the level they were capped at (or nothing waits).
      boolean signature = isFresh && visible >= 1 && inflight >= 1 && idleSlots >= k;
      st.idleWhileWaiting = signature ? st.idleWhileWaiting + 1 : 0;
      boolean probe = false;
      if (st.cappedUntil == null) {
        if (st.idleWhileWaiting >= 2) {
          st.cappedUntil = now.plus(config.effectivenessRetry());
          st.capLevel = inflight;
        }
      } else if (visible < 1 || inflight > st.capLevel + k / 2.0) {
        st.cappedUntil = null; // the limit lifted (or there is nothing to serve)
      } else if (!now.isBefore(st.cappedUntil)) {
        probe = !signature;
        st.cappedUntil = now.plus(config.effectivenessRetry());
      }
      boolean capped = st.cappedUntil != null;
      if (capped) {
        anyProbe |= probe;
      }
      if (capped) {
        cappedSlots += inflight;
      }
      // SLO feedback: jobs that became late this tick (the oldest waiting job is past the objective:
      // the arrivals of the last min(T, age − D) seconds are late) raise z; every on-time tick lowers it a little
      if (Double.isNaN(st.z)) {
        st.z = config.confidence();
      }
      // a burst in progress goes on for now (it fades over the horizon); it does not move the rate ahead
      double lambdaNow = burst ? Math.max(lambda, burstRate) : lambda;
      double oldest = isFresh ? snap.valueOr(c.oldestAgeSignal(), Double.NaN) : Double.NaN;
      double late = 0;
      Reading lateReading = snap.reading(SignalNames.late(c.name()));
      boolean measuredLate = lateReading != null && !snap.isStale(lateReading.name());
      if (measuredLate) {
        if (st.lastLateAt == null || lateReading.observedAt().isAfter(st.lastLateAt)) {
          st.lastLateAt = lateReading.observedAt();
          late = lateReading.value() * tickS;
        }
      } else if (!Double.isNaN(oldest)) {
        // waiting jobs are spread over the oldest one's age: those that crossed D during this tick are late
        double density = oldest > 0 ? visible / oldest : 0;
        late = Math.min(visible, density * Math.min(dt, Math.max(0, oldest - deadline)));
      }
      if (config.attainmentGoal() < 1 && (measuredLate || !Double.isNaN(oldest))) {
        double arrived = measuredLate ? (Double.isNaN(sample) ? lambda : sample) * tickS : lambdaNow * dt;
        double budget = 1 - config.attainmentGoal();
        // one unit of load for every tick: the long-run mean arrivals per tick, not this tick's rate, so
        // that the steps add up to (late − budget × arrived) over the jobs and z settles where the share of
        // jobs in time, not the average tick's, meets the goal (late jobs crowd into the busiest ticks)
        double perTick = Math.max(1, Double.isNaN(st.meanPerTick) ? lambda * tickS : st.meanPerTick);
        double step = config.feedbackGain() * dt / 60 * (late - budget * arrived) / (budget * perTick);
        // a late burst raises z by what its late jobs cost, but by at most 1 a tick: the rest is owed
        st.zDebt += step;
        double apply = Math.max(-1, Math.min(1, st.zDebt));
        st.zDebt -= apply;
        st.z = Math.max(MIN_CONFIDENCE, Math.min(config.maxConfidence(), st.z + apply));
        if (st.z == config.maxConfidence() || st.z == MIN_CONFIDENCE) {
          st.zDebt = 0;
        }
      }
      // the ages of the waiting jobs: FIFO keeps the newest `visible` arrivals, and the arrival history says when
      int histLen = (int) Math.ceil((deadline + horizon) / tickS) + 2;
      double lastTick;
      if (!Double.isNaN(growth)) {
        double prevInflight = prev.lastKnownOr(c.inflightSignal(), inflight);
        // arrived = change of the queue + change in flight + what finished (busy slots / s, Little)
        lastTick = Math.max(0, growth + inflight - prevInflight + (inflight + prevInflight) / 2 * dt / s);
      } else {
        lastTick = lambdaNow * dt;
      }
      st.pushArrived(lastTick, histLen);
      if (!Double.isNaN(sample) && arr != null && st.lastArrivalsAt != null && st.lastArrivalsAt.equals(arr.observedAt())) {
        // the CloudWatch-like count is exact for the window it covers: it replaces the estimate there
        int slot = (int) Math.round(Duration.between(arr.observedAt(), now).toNanos() / 1e9 / tickS);
        if (slot >= 1 && slot < st.arrivedKnown) {
          st.arrived[slot] = sample * tickS;
        }
      }
      double oldestAge = snap.lastKnownOr(c.oldestAgeSignal(), Double.NaN);
      WaitProjection.Backlog own = backlog(st, visible, s, tickS, oldestAge);
      views.add(new ClassView(c, isFresh, visible, inflight, s, deadline, lambda, lambdaNow, ahead, sigmaJobs, burst,
          capped, burstJobs, st.z, late, own, signature));
    }

    if (fresh == 0) {
      List<Reason> r = new ArrayList<>();
      r.add(Reason.of("hybrid", "no fresh queue depth for any class: holding " + current));
      for (ClassView v : views) {
        r.add(Reason.of(v.cls().name(), "queue depth stale or missing"));
      }
      return new Proposal(current, r);
    }

    Capacity capacity = new Capacity(Math.max(0, runningSlots - cappedSlots), Arrays.copyOf(eta, booting),
        Arrays.copyOf(etaSlots, booting));
    double ramp = boot + tickS;

    // per class: the work that goes before its newest job, and the arrivals that do
    int launch = 0;
    int remove = Integer.MAX_VALUE;
    String binding = null;
    double bindingWait = 0;
    double bindingTarget = 0;
    // whatever the billing: keeping an instance through a new paid period costs that period, and so
    // does launching it back when it is needed again, so a release need only be safe until a
    // replacement could serve and for a boot beyond (each flap pays a billed boot)
    double keepFor = lead + tickS + boot;
    boolean anyUncapped = false;
    boolean zeroOk = booting == 0;
    double slotsAll = capacity.running() + Arrays.stream(capacity.slots()).sum(); // running + booting, uncapped
    for (ClassView v : views) {
      if (v.capped()) {
        continue;
      }
      anyUncapped = true;
      double queue = 0;
      double otherAhead = 0;
      Arrivals a = null;
      double negligible = 0.5 * v.service();
      for (ClassView o : views) {
        if (o.capped()) {
          continue;
        }
        double share = aheadShare(v, o, snap);
        if (share <= 0) {
          continue;
        }
        queue += share * o.visible() * o.service();
        if (o != v) {
          otherAhead += share * o.visible() * o.service();
        }
        if (goesFirst(v, o)) {
          Arrivals oa = new Arrivals(o.lambdaNow() * o.service(), o.lambdaAhead() * o.service(), ramp,
              o.z() * o.sigmaJobs() * o.service(), horizon);
          a = a == null ? oa : a.plus(oa);
        }
      }
      if (a == null) {
        a = Arrivals.none(horizon);
      }
      double target = config.deadlineShare() * v.deadline();
      if (!Double.isFinite(queue) || !Double.isFinite(a.upper(keepFor)) || !Double.isFinite(capacity.running())) {
        return Proposal.hold(current, NAME, "a quantity of class " + v.cls().name()
            + " is not finite (queue " + queue + ", arrivals " + a + "): holding " + current);
      }
      WaitProjection.Backlog bl = new WaitProjection.Backlog(otherAhead, v.own().oldest(), v.own().youngest(),
          v.own().work(), 0, overtaking(v, views));
      // to and from zero: the pessimistic arrivals never quite reach nothing, so the rule for the last
      // instance is that no job is expected within the horizon (the mean, under half a job, or no arrival
      // for a reaction horizon) and that the first one to come would still start in time: seen within a
      // tick, served a boot later. From zero, the first job is launched for in the tick it is seen.
      boolean idleClass = v.visible() < 1 && v.inflight() < 1 && tickS + lead <= target
          && (a.mean(keepFor) < negligible || states.get(v.cls().name()).quietFor(m));
      int x = idleClass && current == 0 ? 0
          : WaitProjection.launchesNeeded(queue, bl, a, capacity, k, lead, tickS, target, negligible, MAX_LAUNCH);
      WaitProjection.Outcome o = WaitProjection.project(queue, a, capacity, lead, lead + tickS, negligible,
          bl.preempt());
      if (binding == null || x > launch) {
        binding = v.cls().name();
        bindingWait = o.maxWait();
        bindingTarget = target;
      }
      launch = Math.max(launch, x);
      // a release keeps new arrivals inside the release band, never pushes a waiting job past the launch
      // line, and writes off only jobs that miss their objective whatever is kept
      int r = WaitProjection.removable(queue, bl, a, capacity, running, k, 0, keepFor, config.releaseShare() * target,
          target, v.deadline(), negligible);
      if (r > 0 && target < lead + tickS) {
        // an objective shorter than a launch's reaction: never release into overload. A fleet slower than the
        // expected arrivals passes the check over K (its queue grows slowly), then builds a backlog up to the
        // launch line, where no launch can reach the waiting jobs in time; the catch-up launch and the release
        // after it pay a billed boot every cycle
        // a's rate ahead is Σ λ̂_o·s_o over the uncapped classes that go first
        r = Math.min(r, Math.max(0, (int) Math.floor((slotsAll - a.rateAhead()) / k + 1e-9)));
      }
      zeroOk &= idleClass;
      remove = Math.min(remove, r);
    }
    if (!anyUncapped) {
      // every class is capped elsewhere: only the slots its jobs in service hold are of use
      remove = Math.max(0, running - (int) Math.ceil(cappedSlots / k - 1e-9));
    }
    if (zeroOk && anyUncapped && remove != Integer.MAX_VALUE) {
      remove = running;
    }
    if (anyStale || noRateYet) {
      remove = 0; // never scale in on a stale view, or before an arrival rate is known
    }

    if (anyProbe && launch == 0) {
      launch = 1;
      binding = "effectiveness";
    }
    int desired;
    String verdict;
    int paid = config.billingAware() ? paidThroughNextTick(ctx, instances, tickS) : 0;
    if (launch > 0) {
      desired = (int) Math.min(Integer.MAX_VALUE, (long) current + launch);
      verdict = binding.equals("effectiveness") ? "launch 1: probe whether a capped class can use more capacity again"
          : "launch " + launch + ": " + binding + "'s predicted wait " + fmt(bindingWait) + " s at +"
          + fmt(lead) + "…" + fmt(lead + tickS) + " s > " + fmt(bindingTarget) + " s target";
    } else if (remove > 0 && !anyUncapped) {
      desired = Math.max(current - remove, paid);
      verdict = "release " + (current - desired) + ": every class is capped elsewhere; its jobs in service use "
          + fmt(cappedSlots) + " slots";
    } else if (remove > 0 && remove != Integer.MAX_VALUE) {
      desired = Math.max(current - remove, paid);
      verdict = desired < current ? "release " + (current - desired) + ": waits stay within target for "
          + fmt(keepFor) + " s without " + (current - desired == 1 ? "it" : "them")
          + (paid > current - remove ? " (" + paid + " paid through the next tick stay)" : "")
          : "hold: " + paid + " instances are paid through the next tick";
    } else {
      desired = current;
      verdict = "hold: predicted waits within target, none can go";
    }
    int renewed = launch > 0 || !config.billingAware() ? 0 : drainedIntoANewPeriod(ctx, instances, tickS);
    if (renewed > 0) {
      // a drain that outlasted its period's end has bought the next one: serve with it rather than end it
      desired = (int) Math.min(Integer.MAX_VALUE, (long) desired + renewed);
      verdict += "; take back " + renewed + " draining instance" + (renewed == 1 ? "" : "s")
          + " whose drain ran into a new paid period";
    }

    List<Reason> reasons = new ArrayList<>(views.size() + 2);
    boolean anyBurst = false;
    for (ClassView v : views) {
      anyBurst |= v.burst();
      StringBuilder sb = new StringBuilder(160);
      sb.append(fmt(v.visible())).append(" waiting, ").append(fmt(v.inflight())).append(" in flight; λ=")
          .append(fmt(v.lambda())).append("/s, z=").append(fmt(v.z()));
      if (v.lambdaAhead() != v.lambda()) {
        sb.append(" → ").append(fmt(v.lambdaAhead())).append("/s forecast");
      }
      sb.append(" ±").append(fmt(v.sigmaJobs())).append(" jobs per ").append(fmt(horizon)).append(" s, s=")
          .append(fmt(v.service())).append(" s, objective ").append(fmt(v.deadline())).append(" s");
      if (v.own().cohorts() > 0) {
        sb.append("; waiting since ").append(fmt(v.own().oldest()[0])).append(" s");
      }
      if (!v.fresh()) {
        sb.append("; depth STALE (last known counted, no scale-in)");
      }
      if (v.burst()) {
        sb.append("; BURST of ~").append(fmt(v.burstJobs())).append(" jobs");
      }
      if (v.capped()) {
        sb.append("; jobs wait while slots are idle: throughput capped elsewhere at ~").append(fmt(v.inflight()))
            .append(" in service, not adding capacity for it (one instance probes again at ")
            .append(states.get(v.cls().name()).cappedUntil).append(")");
      }
      reasons.add(Reason.of(v.cls().name(), sb.toString()));
    }
    if (ctx.history().launchFailures() > 0 && desired > current) {
      reasons.add(Reason.of("provider", ctx.history().launchFailures() + " failed launch(es) in a row, last: "
          + ctx.history().lastLaunchError()));
    }
    reasons.add(0, Reason.of(anyBurst ? "burst" : "hybrid", verdict + " (" + current + " → " + desired + ")"));
    return new Proposal(desired, reasons);
  }

  /**
   * The waiting jobs as cohorts, oldest first: FIFO keeps the newest {@code visible} arrivals, so
   * walking the arrival history back from now gives each cohort's ages; the oldest job's measured
   * age, where there is one, pins the head (the history may be off by the lag of its counts).
   */
  static WaitProjection.Backlog backlog(ClassState st, double visible, double s, double tickS, double oldestAge) {
    if (visible < 1) {
      return WaitProjection.Backlog.none();
    }
    int n = st.arrivedKnown;
    double[] old = new double[n + 1];
    double[] young = new double[n + 1];
    double[] work = new double[n + 1];
    double left = visible;
    int used = 0;
    for (int i = 0; i < n && left > 1e-9; i++) {
      double jobs = st.arrived[i];
      if (jobs <= 0) {
        continue;
      }
      double take = Math.min(jobs, left);
      young[used] = i * tickS;
      old[used] = i * tickS + tickS * take / jobs; // the newest part of that tick's arrivals is still waiting
      work[used] = take * s;
      left -= take;
      used++;
    }
    if (left > 1e-9) {
      // older than the history: all at the history's end (or the measured head age)
      double end = n * tickS;
      young[used] = end;
      old[used] = Double.isNaN(oldestAge) ? end : Math.max(end, oldestAge);
      work[used] = left * s;
      used++;
    }
    // oldest first
    double[] o = new double[used];
    double[] y = new double[used];
    double[] w = new double[used];
    for (int j = 0; j < used; j++) {
      o[j] = old[used - 1 - j];
      y[j] = young[used - 1 - j];
      w[j] = work[used - 1 - j];
    }
    if (!Double.isNaN(oldestAge) && used > 0) {
      // the measured head: no waiting job is older than it, and the first one is that old
      for (int j = 0; j < used; j++) {
        o[j] = Math.min(o[j], Math.max(oldestAge, y[j]));
        y[j] = Math.min(y[j], oldestAge);
      }
      o[0] = Math.max(o[0], oldestAge);
    }
    return new WaitProjection.Backlog(0, o, y, w, 0);
  }

  /** Which share of class o's queue goes before class v's newest job (priority, then earliest deadline). */
  private static double aheadShare(ClassView v, ClassView o, Snapshot snap) {
    if (o == v || goesFirst(v, o)) {
      return 1;
    }
    if (o.cls().priority() < v.cls().priority()) {
      return 0;
    }
    // equal priority, longer objective: its jobs older than D_o − D_v are due before v's newest
    double oldest = snap.lastKnownOr(o.cls().oldestAgeSignal(), Double.NaN);
    if (Double.isNaN(oldest) || oldest <= 0) {
      return 0;
    }
    return Math.max(0, Math.min(1, (oldest - (o.deadline() - v.deadline())) / oldest));
  }

  /**
   * The later arrivals of other classes that start before a job of class v (the dispatcher's order:
   * higher priority first, then the earliest deadline): a higher priority for as long as the job
   * waits, an equal priority with a shorter objective for the first D_v − D_o seconds. Each at its
   * class's higher rate of now and ahead (a rise overtakes more). Without it a lower class's wait is
   * its queue over all the slots, while the slots the higher classes keep taking are not its own.
   */
  private static WaitProjection.Preemption overtaking(ClassView v, List<ClassView> views) {
    int n = 0;
    double[] rate = new double[views.size()];
    double[] window = new double[views.size()];
    for (ClassView o : views) {
      if (o == v || o.capped()) {
        continue;
      }
      int po = o.cls().priority();
      int pv = v.cls().priority();
      double w;
      if (po > pv) {
        w = Double.POSITIVE_INFINITY;
      } else if (po == pv && o.deadline() < v.deadline()) {
        w = v.deadline() - o.deadline();
      } else {
        continue;
      }
      double r = Math.max(o.lambdaNow(), o.lambdaAhead()) * o.service();
      if (r > 0 && Double.isFinite(r)) {
        rate[n] = r;
        window[n] = w;
        n++;
      }
    }
    return n == 0 ? WaitProjection.Preemption.none()
        : new WaitProjection.Preemption(Arrays.copyOf(rate, n), Arrays.copyOf(window, n));
  }

  /** Class o's jobs (queued and arriving) go before class v's: higher priority, or equal and not later due. */
  private static boolean goesFirst(ClassView v, ClassView o) {
    if (o == v) {
      return true;
    }
    int po = o.cls().priority();
    int pv = v.cls().priority();
    return po > pv || (po == pv && o.deadline() <= v.deadline());
  }

  /**
   * Instances (RUNNING or PENDING) that releasing now would not save anything on: keeping them
   * costs nothing more, each judged by its own billing (a fleet may mix types). Under per-second
   * billing, those still inside their minimum charge at the next tick. Under a billing period
   * longer than a boot (per hour), a release may take one more tick to stop the bill (a
   * drain-first planner drains now and terminates at the next tick), so
   * an instance can go with savings only while its period has between one and two ticks left:
   * more than two ticks left, it is paid through the tick at which it can still go; one tick or
   * less, its next period is as good as paid already (a release would end inside it).
   */
  static int paidThroughNextTick(PolicyContext ctx, List<Instance> instances, double tickS) {
    int n = 0;
    for (Instance i : instances) {
      if (i.state() != InstanceState.RUNNING && i.state() != InstanceState.PENDING) {
        continue;
      }
      boolean period = billedByPeriod(ctx, i);
      double left = i.paidRemainingSeconds(ctx.now());
      if (period ? left > 2 * tickS || left <= tickS : left > tickS) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether the instance's own billing (which need not be the launch type's in a mixed fleet)
   * charges by a period longer than a boot (per hour).
   */
  private static boolean billedByPeriod(PolicyContext ctx, Instance i) {
    return i.billing().granularity().toNanos() / 1e9 > ctx.bootSeconds();
  }

  /**
   * DRAINING instances, billed by a period longer than a boot (per hour), that have more than two
   * ticks of their period left: their drain outlasted the end of the period they were released
   * in (jobs ran longer than the drain allowance), so the next period is paid and ending them now
   * saves nothing. A launch takes draining instances back first.
   */
  static int drainedIntoANewPeriod(PolicyContext ctx, List<Instance> instances, double tickS) {
    int n = 0;
    for (Instance i : instances) {
      if (i.state() == InstanceState.DRAINING && billedByPeriod(ctx, i)
          && i.paidRemainingSeconds(ctx.now()) > 2 * tickS) {
        n++;
      }
    }
    return n;
  }

  /**
   * One arrivals sample: a burst (above burstFactor × the smoothed rate by burstMinJobs a tick) is
   * kept out of the rate and the noise unless three come in a row (a new level). Returns whether it
   * was a burst.
   */
  private boolean learn(ClassState st, double sample, double tickS, int m) {
    double jobs = sample * tickS;
    st.meanPerTick = Double.isNaN(st.meanPerTick) ? jobs
        : st.meanPerTick + Math.min(1, tickS / LOAD_MEMORY_SECONDS) * (jobs - st.meanPerTick);
    boolean burst = !Double.isNaN(st.lambda) && sample > config.burstFactor() * st.lambda
        && (sample - st.lambda) * tickS >= config.burstMinJobs();
    if (burst && ++st.burstSamples < 3) {
      return true;
    }
    if (st.burstSamples >= 3) {
      st.lambda = sample;
    }
    st.burstSamples = 0;
    observe(st, sample, tickS, m);
    return false;
  }

  /**
   * Keeps {@code history} and learns from it at the next {@link #propose}, when the boot lead and
   * the tick (which set the noise horizon) are known: each class's arrivals series, sample by
   * sample and never past that tick's time, trains its smoothed rate and measured noise. A second
   * call before then replaces the first.
   *
   * @param history past signals; the arrivals series ({@code queue.<class>.arrivals_per_s}) are used
   * @param jobClasses the controller's job classes (the classes of the tick's context are the ones
   *     learned)
   * @throws NullPointerException if {@code history} is null
   */
  @Override
  public void warmStart(dev.governor.signal.SignalHistory history, Collection<JobClass> jobClasses) {
    // applied at the first tick, when the boot lead and the tick (which set the noise horizon) are known
    this.history = java.util.Objects.requireNonNull(history, "history");
  }

  /**
   * Everything learned per class: smoothed rate, measured noise and the forecasts it is checked
   * against, the confidence z and its pending debt, the z feedback's load unit, the recent arrivals
   * and the effectiveness check's cap. A restart that restores it goes on with the confidence the
   * late jobs have earned, instead of starting again at {@code confidence}.
   *
   * @return a JSON document ({@code {"policy":"governor","version":1,"tickSeconds":…,"classes":{…}}})
   */
  @Override
  public String saveState() {
    return HybridPolicyState.write(states, learnedTickSeconds);
  }

  /**
   * Restores {@link #saveState()} output, replacing everything learned so far (all or nothing). A z
   * outside the configured [0.25, {@code maxConfidence}] is brought into it. A pending
   * {@link #warmStart} history, and one given afterwards, adds only the samples after each class's
   * last restored sample.
   *
   * @param state a JSON document from {@link #saveState()}
   * @throws IllegalArgumentException if it is not such a document or a value breaks a rule (the
   *     message names the class, the field, the rule and the value)
   */
  @Override
  public void restoreState(String state) {
    HybridPolicyState.Restored restored = HybridPolicyState.read(state, MIN_CONFIDENCE, config.maxConfidence());
    states.clear();
    states.putAll(restored.states());
    learnedTickSeconds = restored.tickSeconds();
  }

  /** Learns the rate and the noise of each class from the arrivals history, sample by sample. */
  private void applyHistory(PolicyContext ctx, int m, double tickS) {
    for (JobClass c : ctx.jobClasses()) {
      List<Map.Entry<Instant, Double>> xs = history.series(c.arrivalsSignal());
      if (xs.isEmpty()) {
        continue;
      }
      ClassState st = states.computeIfAbsent(c.name(), n -> new ClassState());
      st.horizon(m);
      for (Map.Entry<Instant, Double> e : xs) {
        if (e.getKey().isAfter(ctx.now())) {
          break; // never the future
        }
        if (st.lastArrivalsAt != null && !e.getKey().isAfter(st.lastArrivalsAt)) {
          continue; // learned already (a restored state, or the ticks since)
        }
        learn(st, e.getValue(), tickS, m);
        planNext(st, st.lambda * m * tickS, m);
        st.lastArrivalsAt = e.getKey();
      }
    }
    history = null;
  }

  /**
   * Learns one arrivals sample: the smoothed rate, and the forecast error over the horizon — the
   * sum of the last m samples against what was planned for them when the first of them arrived.
   */
  private void observe(ClassState st, double sample, double tickS, int m) {
    st.lambda = Double.isNaN(st.lambda) ? sample : st.lambda + config.rateSmoothing() * (sample - st.lambda);
    st.samples[st.seen % m] = sample;
    st.seen++;
    if (st.seen >= m) {
      double plannedJobs = st.planned[st.seen % m]; // planned m samples ago
      if (!Double.isNaN(plannedJobs)) {
        double got = 0;
        for (double x : st.samples) {
          got += x * tickS;
        }
        double under = Math.max(0, got - plannedJobs);
        if (Double.isNaN(st.errVar)) {
          st.errVar = 2 * plannedJobs; // start from Poisson noise, not from one sample
        }
        double cap = NOISE_CLIP * Math.sqrt(Math.max(st.errVar, 2 * plannedJobs));
        under = Math.min(under, cap);
        double e2 = 2 * under * under; // one-sided: E[max(0, e)²] = σ²/2 for a symmetric error
        st.errVar += config.noiseSmoothing() * (e2 - st.errVar);
      }
    }
  }

  /** Records the jobs this tick's plan expects over the next m samples (compared once they have arrived). */
  private static void planNext(ClassState st, double jobs, int m) {
    st.planned[st.seen % m] = jobs;
  }

  static String fmt(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double r = Math.round(v * 100) / 100.0;
    return Double.toString(r);
  }
}
