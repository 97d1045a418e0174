package dev.governor.simulation.optimum;

import dev.governor.fleet.BillingModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The offline optimum: the cheapest fleet schedule under which all the work that will arrive is
 * served within its deadline, on the stated model below, computed exactly by a dynamic program.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>Time is cut into the controller's ticks {@code k = 0..T-1}; tick {@code k} lasts
 *       {@code dt[k]} seconds (the tick, the last one possibly shorter).
 *   <li>Work is a fluid: {@code work[c][k]} service seconds of class {@code c} arrive in tick
 *       {@code k} (the jobs the replay will draw, binned by arrival tick).
 *   <li>A capacity schedule {@code c[k]} (whole instances, booted and serving during all of tick
 *       {@code k}) serves up to {@code c[k] · slots · dt[k]} slot-seconds of waiting work in tick
 *       {@code k}; work may be served in the tick it arrives.
 *   <li>Deadlines: work of class {@code c} arriving in tick {@code j} must be served by the end of
 *       tick {@code j + lag[c]} (the caller passes {@code lag = floor(deadline / tick)}), and all
 *       work by the end of the last tick.
 *   <li>Boot: an instance is billed {@code boot} seconds before it first serves, so capacity can
 *       only grow from tick {@code ceil(boot / tick)} on (the launch must happen inside the window:
 *       deadlines shorter than the boot are met by launching ahead); the initial fleet {@code c[0]}
 *       is chosen freely and is running at time 0.
 *   <li>Cost (billed seconds): an instance alive for {@code x} seconds (boot included) is billed
 *       {@code billing.billedSeconds(x)}. Terminating is free and instant.
 *   <li>Bounds: {@code min ≤ c[k] ≤ max}.
 * </ul>
 *
 * <h2>What the result is, and is not</h2>
 * With every class on the same lag and billing that is exact on the model ({@link #exactFor}),
 * {@link #plan} returns the model's optimum and a schedule that achieves it. With classes on
 * different lags the deadline constraint is relaxed (item 1 below), and with other billing (per
 * started hour) the cost is relaxed (item 2): the cost returned is then a lower bound on the model's
 * optimum, and the schedule returned is the relaxed problem's, whose own bill may be higher.
 * The model itself is a simplification of the replay, not a bound on it in every respect: work is a
 * fluid (a job may be split across slots and ticks, and may be served from the start of the tick it
 * arrives in), every boot takes exactly the mean, and the deadline is on completion by the end of
 * tick {@code j + lag}, whereas the replay's objective is on each job's queue wait. The
 * {@link PlanPolicy} replays a plan through the real controller with a safety margin for these
 * differences.
 *
 * <h2>Exactness</h2>
 * <ol>
 *   <li><b>Serving as early as possible is optimal.</b> For a given capacity schedule, serving
 *       greedily (all capacity on waiting work) maximises the work served by every tick, so the
 *       schedule is feasible iff the greedy backlog {@code B[k] = max(0, B[k-1] + w[k] - c[k]·slots·dt[k])}
 *       satisfies {@code B[k] ≤ M[k] = A[k] - Due[k]} at every tick, where {@code A} is the cumulative
 *       arrived work and {@code Due[k]} the work due by the end of tick {@code k}. With one deadline
 *       (every class the same lag) serving order is FIFO = EDF and this is exact. With different
 *       lags it is the cumulative (prefix) condition, which every feasible schedule meets but which
 *       does not imply EDF feasibility: the planner then solves a relaxation and its cost is a lower
 *       bound on the model's optimum.
 *   <li><b>Cost of a capacity schedule.</b> Each instance is alive over one interval and serves
 *       from its boot's end; an idle booted instance is capacity, so any fleet history is a
 *       capacity schedule with {@code n0 = c[0]} initial instances and at least
 *       {@code Σ (c[k] - c[k-1])⁺} launches, and conversely. When the billing is exact on the model's
 *       times ({@link #exactFor}: the billing granularity divides tick and boot, the tick is at
 *       least the minimum charge, and so is boot plus the shorter of a tick and the last tick; e.g.
 *       EC2 per-second, 60 s minimum, with 60 s ticks) the cost is
 *       {@code Σ c[k]·dt[k] + boot · launches}. For other billing (per started hour) every
 *       instance's charge {@code billedSeconds(x) ≥ max(minimum, x) ≥ θ·minimum + (1-θ)·x} for any
 *       θ in [0, 1], so the planner minimises {@code θ·minimum·(n0 + launches) + (1-θ)·(Σ c·dt + boot·launches)}
 *       for θ in {0, 0.5} and keeps the largest result: a lower bound on the per-hour
 *       optimum (an hour once paid is free, which the bound allows), not the optimum itself.
 *       The plan's {@link Plan#billedSeconds()} is then that bound, and its capacity the
 *       schedule minimising the relaxed cost of the θ that gave it. Its
 *       {@link Plan#upperBilledSeconds()} is the cheapest of {@link #periodCover} over the θ
 *       schedules: the bill of a real fleet that serves the work, an upper bound on the optimum.
 *   <li><b>The dynamic program.</b> The state after tick {@code k} is {@code (c[k], B[k])}; the cost
 *       to come is additive and the future depends on the past only through this state. Backlog is
 *       continuous, but for fixed {@code c} a state with lower cost and lower backlog dominates
 *       (the greedy backlog update is monotone in {@code B}, so a dominated state's every
 *       continuation is at least as expensive and no more feasible); keeping, per {@code (k, c)},
 *       the Pareto set of {@code (cost, backlog)} is therefore exact. The transition
 *       {@code min over c of (F[c] + launch·(c' - c)⁺)} is computed for all {@code c'} at once by
 *       two running Pareto merges (down from {@code c' + 1}: free; up from {@code c' - 1}: one more
 *       launch), so a tick costs {@code O(C · front)}.
 *   <li><b>Range.</b> Capacity above {@code C = max_k ceil((M[k-1] + w[k]) / (slots·dt[k]))} never
 *       helps: at {@code C} the backlog is already 0, and clipping a schedule at {@code C} does not
 *       add launches. So {@code c ≤ min(max, C)} loses nothing.
 * </ol>
 * The tests compare the planner with brute-force enumeration of every schedule on small
 * instances. Deterministic: no randomness, no hashing, fixed iteration order. Stateless and
 * thread-safe. Limits: at most 2047 instance counts between {@code min} and the range's cap, and
 * at most 2^21 Pareto points per tick (see {@link #plan}).
 */
public final class OptimalPlanner {
  /** The θ values tried when the billing is not exact on the model (see the class comment). */
  static final double[] THETAS = {0, 0.5};

  private static final double EPS = 1e-9;

  private OptimalPlanner() {}


  /**
   * What to plan for.
   *
   * The arrays are held as given, not copied: do not change them while planning.
   *
   * @param work service seconds arriving per class and tick, {@code work[class][tick]} (finite, ≥ 0;
   *     one row per class, each {@code dt.length} long)
   * @param lag per class, the ticks after its arrival tick by whose end work must be served (≥ 0;
   *     {@link Optimum#problem} uses {@code floor(deadline / tick)})
   * @param dt seconds of each tick (all finite and {@code > 0}); {@code dt.length} is the number of
   *     ticks
   * @param tickSeconds the controller's tick in seconds ({@code > 0}): the step of launches and the
   *     unit of {@link #bootTicks()}
   * @param slots concurrent jobs per instance (≥ 1)
   * @param bootSeconds billed seconds from launch until an instance serves (finite, ≥ 0)
   * @param billing how an instance's lifetime is charged
   * @param min fewest instances at any time (≥ 0)
   * @param max most instances at any time (≥ min)
   */
  public record Problem(double[][] work, int[] lag, double[] dt, double tickSeconds, int slots, double bootSeconds,
      BillingModel billing, int min, int max) {
    /**
     * Validates the problem.
     *
     * @param work service seconds arriving per class and tick, {@code work[class][tick]} (finite, ≥ 0;
     *     one row per class, each {@code dt.length} long)
     * @param lag per class, the ticks after its arrival tick by whose end work must be served (≥ 0;
     *     {@link Optimum#problem} uses {@code floor(deadline / tick)})
     * @param dt seconds of each tick (all finite and {@code > 0}); {@code dt.length} is the number of
     *     ticks
     * @param tickSeconds the controller's tick in seconds ({@code > 0}): the step of launches and the
     *     unit of {@link #bootTicks()}
     * @param slots concurrent jobs per instance (≥ 1)
     * @param bootSeconds billed seconds from launch until an instance serves (finite, ≥ 0)
     * @param billing how an instance's lifetime is charged
     * @param min fewest instances at any time (≥ 0)
     * @param max most instances at any time (≥ min)
     * @throws NullPointerException if {@code work}, {@code lag}, {@code dt} or {@code billing} is null
     * @throws IllegalArgumentException if {@code work} and {@code lag} differ in length, a work row
     *     is not {@code dt.length} long, a lag is negative, a work value is negative, NaN or
     *     infinite, a {@code dt} or {@code tickSeconds} is not finite and positive, {@code slots < 1},
     *     {@code bootSeconds} is negative or not finite, or not {@code 0 ≤ min ≤ max}
     */
    public Problem {
      Objects.requireNonNull(work, "work");
      Objects.requireNonNull(lag, "lag");
      Objects.requireNonNull(dt, "dt");
      Objects.requireNonNull(billing, "billing");
      if (work.length != lag.length) {
        throw new IllegalArgumentException("work and lag must have one entry per class, but had " + work.length
            + " and " + lag.length);
      }
      for (int c = 0; c < work.length; c++) {
        if (work[c].length != dt.length) {
          throw new IllegalArgumentException("work[" + c + "] must have one value per tick (" + dt.length
              + "), but had " + work[c].length);
        }
        if (lag[c] < 0) {
          throw new IllegalArgumentException("lag[" + c + "] must be >= 0, but was " + lag[c]);
        }
        for (double w : work[c]) {
          if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("work must be finite and >= 0, but was " + w);
          }
        }
      }
      for (double d : dt) {
        if (!(d > 0) || Double.isInfinite(d)) {
          throw new IllegalArgumentException("dt must be finite and > 0, but was " + d);
        }
      }
      if (!(tickSeconds > 0) || Double.isInfinite(tickSeconds)) {
        throw new IllegalArgumentException("tickSeconds must be finite and > 0, but was " + tickSeconds);
      }
      if (slots < 1) {
        throw new IllegalArgumentException("slots must be >= 1, but was " + slots);
      }
      if (!(bootSeconds >= 0) || Double.isInfinite(bootSeconds)) {
        throw new IllegalArgumentException("bootSeconds must be finite and >= 0, but was " + bootSeconds);
      }
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("bounds must satisfy 0 <= min <= max, but were [" + min + ", " + max + "]");
      }
    }

    /**
     * The number of ticks planned.
     *
     * @return {@code dt.length}
     */
    public int ticks() {
      return dt.length;
    }

    /**
     * The first tick in which a launched instance can serve: before it, capacity can only stay at
     * or fall below the initial fleet's.
     *
     * @return {@code ceil(bootSeconds / tickSeconds)} (0 for no boot)
     */
    public int bootTicks() {
      return (int) Math.ceil(bootSeconds / tickSeconds - EPS);
    }
  }

  /**
   * A plan: the capacity per tick and what it costs on the model.
   *
   * @param capacity booted instances serving in each tick, one per tick (empty if infeasible; the
   *     array is not copied)
   * @param billedSeconds the model's cost in billed instance-seconds: {@code Σ c[k]·dt[k] + boot ·
   *     launches} when {@code exact}, else the largest θ lower bound of the class comment (NaN if
   *     infeasible)
   * @param exact true when the billing is exact on the model ({@link #exactFor}), every class has
   *     the same lag and a plan was found; false: the cost is a lower bound (see the class comment)
   * @param feasible false when no schedule within {@code max} serves the work in time
   * @param planningSeconds wall time the planner took, in seconds (not deterministic; not part of
   *     any report's equality)
   */
  public record Plan(int[] capacity, double billedSeconds, boolean exact, boolean feasible, double planningSeconds,
      double upperBilledSeconds) {
    /**
     * A plan whose cost is exact ({@code upperBilledSeconds = billedSeconds}) or has no upper
     * bound (NaN).
     *
     * @param capacity instances serving in each tick
     * @param billedSeconds the cost on the model (exact), or a lower bound on it
     * @param exact whether {@code billedSeconds} is the model's optimum
     * @param feasible false when no schedule serves the work in time
     * @param planningSeconds wall time the planner took
     */
    public Plan(int[] capacity, double billedSeconds, boolean exact, boolean feasible, double planningSeconds) {
      this(capacity, billedSeconds, exact, feasible, planningSeconds, exact ? billedSeconds : Double.NaN);
    }

    /**
     * The plan's cost in instance-hours.
     *
     * @return {@code billedSeconds / 3600} (NaN if infeasible)
     */
    public double instanceHours() {
      return billedSeconds / 3600.0;
    }

    /**
     * An upper bound on the model's optimum in instance-hours: the optimum itself when the plan is
     * exact; under billing by periods (per started hour) the bill of a real fleet that serves the
     * work in time ({@link OptimalPlanner#periodCover}); NaN when there is none. The model's
     * optimum lies between {@link #instanceHours()} and this.
     *
     * @return {@code upperBilledSeconds / 3600}
     */
    public double upperInstanceHours() {
      return upperBilledSeconds / 3600.0;
    }

    /**
     * The launches the plan makes after the initial fleet.
     *
     * @return {@code Σ_{k ≥ 1} max(0, c[k] - c[k-1])} (0 for an empty plan)
     */
    public long launches() {
      long n = 0;
      for (int k = 1; k < capacity.length; k++) {
        n += Math.max(0, capacity[k] - capacity[k - 1]);
      }
      return n;
    }
  }

  /**
   * Whether the cost {@code Σ c·dt + boot·launches} is the billing's exact charge on the model:
   * the granularity divides tick and boot, and {@code boot + tick ≥ minimum} (every instance lives
   * at least one tick after its boot, so the minimum never applies); precisely, the billing's
   * granularity divides {@code tickSeconds} and {@code bootSeconds} (to 10^-6 of a granule),
   * {@code tickSeconds ≥ minimum} (an initial instance, billed without a boot, lives at least a
   * tick) and {@code bootSeconds + min(tickSeconds, dt[last]) ≥ minimum}. A partial last tick may
   * leave a fraction of a granule unbilled by the model. EC2 per-second billing (1 s, 60 s minimum)
   * with a 60 s tick qualifies; per-hour billing with a 60 s tick does not.
   *
   * @param p the problem
   * @return whether {@link #plan} computes the model's exact cost for {@code p}'s billing
   */
  public static boolean exactFor(Problem p) {
    double g = p.billing().granularity().toNanos() / 1e9;
    double m = p.billing().minimum().toNanos() / 1e9;
    return divides(g, p.tickSeconds()) && divides(g, p.bootSeconds())
        && p.bootSeconds() + Math.min(p.tickSeconds(), lastTick(p)) >= m - EPS
        && p.tickSeconds() >= m - EPS;
  }

  private static double lastTick(Problem p) {
    return p.dt().length == 0 ? p.tickSeconds() : p.dt()[p.dt().length - 1];
  }

  private static boolean divides(double g, double x) {
    double q = x / g;
    return Math.abs(q - Math.rint(q)) < 1e-6;
  }

  /**
   * Plans {@code p}: the model's optimum when {@link #exactFor} holds, otherwise the largest of the
   * θ lower bounds (θ = 0 and 0.5) with the schedule that minimises it; see the class comment for
   * what is relaxed. An empty problem (no ticks) has the empty plan, cost 0.
   *
   * @param p the problem
   * @return the plan; {@link Plan#feasible()} false (capacity empty, cost NaN) when no schedule
   *     within {@code [min, max]} serves the work in time
   * @throws IllegalArgumentException if the plan would need 2048 or more instance counts between
   *     {@code min} and {@code min(max, C)} (see "Range" in the class comment)
   * @throws IllegalStateException if the Pareto fronts of one tick grow past 2^21 points
   */
  public static Plan plan(Problem p) {
    long t0 = System.nanoTime();
    Plan best = null;
    boolean exact = exactFor(p);
    double minimum = p.billing().minimum().toNanos() / 1e9;
    double upper = Double.POSITIVE_INFINITY;
    for (double theta : exact ? new double[] {0} : THETAS) {
      Plan q = solve(p, 1 - theta, theta * minimum + (1 - theta) * p.bootSeconds(), theta * minimum);
      if (best == null || !q.feasible() || q.billedSeconds() > best.billedSeconds()) {
        best = q;
      }
      if (!q.feasible()) {
        break;
      }
      if (!exact && oneLag(p)) {
        // every θ's schedule serves the work in time: the cheapest real fleet found for any of them bounds the optimum
        upper = Math.min(upper, periodCover(p, q.capacity()));
      }
    }
    boolean isExact = exact && oneLag(p) && best.feasible();
    double up = isExact ? best.billedSeconds() : best.feasible() && Double.isFinite(upper) ? upper : Double.NaN;
    return new Plan(best.capacity(), best.billedSeconds(), isExact, best.feasible(), (System.nanoTime() - t0) / 1e9, up);
  }

  /**
   * The bill of a real fleet that has at least {@code capacity[k]} instances serving through every
   * tick k, under billing by periods G of at least a tick whose minimum charge is at most G (per
   * started hour): an upper bound on the model's optimum whenever {@code capacity} serves the work
   * in time (more capacity never serves less). Each instance lives whole periods from its launch
   * (it is billed them anyway); the fleet is built in one sweep over the ticks, and where fewer
   * instances serve tick k than it needs, the missing ones are, furthest reaching first: instances
   * whose period ended within the last {@code boot} seconds, kept for one more period (they then
   * serve until their end + G), or new ones launched {@code boot} before tick k (serving until
   * launch + G; the initial fleet at time 0 when that is before 0). Every added period costs G.
   *
   * @param p the problem (its billing, tick lengths and boot)
   * @param capacity the instances needed in each tick, {@code p.ticks()} long
   * @return the fleet's bill in seconds, or NaN when the billing is not by such periods or a period
   *     does not outlast a boot and a tick
   */
  static double periodCover(Problem p, int[] capacity) {
    double g = p.billing().granularity().toNanos() / 1e9;
    double minimum = p.billing().minimum().toNanos() / 1e9;
    double boot = p.bootSeconds();
    if (g < p.tickSeconds() - EPS || minimum > g + EPS || boot + p.tickSeconds() > g + EPS) {
      return Double.NaN;
    }
    java.util.PriorityQueue<Double> alive = new java.util.PriorityQueue<>(); // when each paid period ends
    java.util.ArrayDeque<Double> ended = new java.util.ArrayDeque<>(); // ends of periods not renewed, ascending
    long periods = 0;
    double start = 0;
    for (int k = 0; k < capacity.length; k++) {
      double end = start + p.dt()[k];
      while (!alive.isEmpty() && alive.peek() < end - EPS) {
        ended.addLast(alive.poll()); // does not serve all of tick k
      }
      while (!ended.isEmpty() && ended.peekFirst() <= start - boot + EPS) {
        ended.pollFirst(); // a new launch reaches as far: this one is gone for good
      }
      for (int missing = capacity[k] - alive.size(); missing > 0; missing--) {
        periods++;
        if (!ended.isEmpty()) {
          alive.add(ended.pollLast() + g); // kept for one more period, which ends after a launch's would
        } else {
          alive.add(Math.max(0, start - boot) + g);
        }
      }
      start = end;
    }
    return periods * g;
  }

  /** Whether every class has the same lag: then FIFO is EDF and the deadline condition is exact. */
  private static boolean oneLag(Problem p) {
    for (int l : p.lag()) {
      if (l != p.lag()[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The DP: minimises {@code unit·Σ c·dt + launchCost·launches + initialCost·c[0]}.
   */
  static Plan solve(Problem p, double unit, double launchCost, double initialCost) {
    int T = p.ticks();
    int slots = p.slots();
    if (T == 0) {
      return new Plan(new int[0], 0, true, true, 0);
    }
    double[] w = new double[T];
    double[] allowed = allowedBacklog(p, w);
    // u[k]: capacity that empties any allowed backlog in tick k; more is idle in tick k
    int[] u = new int[T];
    int cap = p.min();
    for (int k = 0; k < T; k++) {
      double before = k > 0 ? allowed[k - 1] : 0;
      double need = (before + w[k]) / (slots * p.dt()[k]);
      u[k] = Math.max(p.min(), (int) Math.min(Integer.MAX_VALUE - 1L, (long) Math.ceil(need - EPS)));
      cap = Math.max(cap, u[k]);
    }
    int cmax = Math.min(p.max(), cap);
    int lo = p.min();
    if (cmax < lo) {
      return new Plan(new int[0], Double.NaN, false, false, 0);
    }
    int n = cmax - lo + 1;
    if (n >= 1 << 11) {
      throw new IllegalArgumentException("the optimum plans at most 2047 instance counts, but this problem needs "
          + n + " (max " + p.max() + ")");
    }
    int boot = p.bootTicks();
    int[] top = localCaps(u, cmax, boot, unit, launchCost, p.tickSeconds());

    Front[] f = new Front[n];
    Front[] down = new Front[n];
    Front[] up = new Front[n];
    Front[] spare = new Front[n];
    for (int i = 0; i < n; i++) {
      f[i] = new Front();
      down[i] = new Front();
      up[i] = new Front();
      spare[i] = new Front();
    }
    // per tick: origins of every kept point, by capacity; offsets[k][i] is where capacity lo+i starts
    int[][] origins = new int[T][];
    int[][] offsets = new int[T][];

    // tick 0: the initial fleet, chosen freely
    for (int i = 0; i < n; i++) {
      int c = lo + i;
      f[i].clear();
      if (c <= top[0]) {
        f[i].add(initialCost * c, 0, -1);
        apply(f[i], c, w[0], slots, p.dt()[0], allowed[0], unit);
      }
    }
    record(f, 0, origins, offsets);
    for (int k = 1; k < T; k++) {
      boolean canLaunch = k >= boot;
      int hi = Math.min(n - 1, top[k] - lo);
      // down[i] = merge of f[j] for j >= i (terminating is free); only rows up to the previous tick's cap hold points
      down[n - 1].copyOf(f[n - 1]);
      for (int i = n - 2; i >= 0; i--) {
        if (f[i].size == 0) {
          down[i].copyOf(down[i + 1]);
        } else {
          Front.merge(f[i], down[i + 1], 0, down[i]);
        }
      }
      if (canLaunch) {
        up[0].copyOf(f[0]);
        for (int i = 1; i <= hi; i++) {
          Front.merge(f[i], up[i - 1], launchCost, up[i]);
        }
      }
      for (int i = 0; i < n; i++) {
        Front g = spare[i];
        if (i > hi) {
          g.clear();
        } else if (canLaunch && i > 0) {
          Front.merge(down[i], up[i - 1], launchCost, g);
        } else {
          g.copyOf(down[i]);
        }
        spare[i] = f[i];
        f[i] = g;
        if (i <= hi) {
          apply(f[i], lo + i, w[k], slots, p.dt()[k], allowed[k], unit);
        }
      }
      record(f, k, origins, offsets);
    }
    // the cheapest feasible end state
    double bestCost = Double.POSITIVE_INFINITY;
    int bi = -1;
    int bj = -1;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f[i].size; j++) {
        if (bi < 0 || f[i].cost[j] < bestCost - EPS * Math.max(1, Math.abs(bestCost))) {
          bestCost = f[i].cost[j];
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) {
      return new Plan(new int[0], Double.NaN, false, false, 0);
    }
    int[] capacity = new int[T];
    int i = bi;
    int j = bj;
    for (int k = T - 1; k >= 0; k--) {
      capacity[k] = lo + i;
      int o = origins[k][offsets[k][i] + j];
      i = o >>> 21;
      j = o & ((1 << 21) - 1);
    }
    return new Plan(capacity, cost(p, capacity, unit, launchCost, initialCost), true, true, 0);
  }

  /** The model's cost of a capacity schedule with the given weights (the DP's objective). */
  static double cost(Problem p, int[] capacity, double unit, double launchCost, double initialCost) {
    double s = 0;
    for (int k = 0; k < capacity.length; k++) {
      s += unit * capacity[k] * p.dt()[k];
      s += k == 0 ? initialCost * capacity[0] : launchCost * Math.max(0, capacity[k] - capacity[k - 1]);
    }
    return s;
  }

  /**
   * Fills {@code w} with the total work per tick and returns {@code M[k]}, the backlog allowed after
   * tick {@code k}: arrived minus due by the end of {@code k} (0 at the last tick).
   */
  static double[] allowedBacklog(Problem p, double[] w) {
    int T = p.ticks();
    int nc = p.work().length;
    double[] m = new double[T];
    double[][] cum = new double[nc][T];
    double total = 0;
    for (int k = 0; k < T; k++) {
      double due = 0;
      for (int c = 0; c < nc; c++) {
        cum[c][k] = (k > 0 ? cum[c][k - 1] : 0) + p.work()[c][k];
        w[k] += p.work()[c][k];
        int j = k - p.lag()[c];
        due += j >= 0 ? cum[c][j] : 0;
      }
      total += w[k];
      m[k] = k == T - 1 ? 0 : Math.max(0, total - due);
    }
    return m;
  }

  /** Serves tick k with capacity c: backlog update, cost, pruning of infeasible and dominated points. */
  private static void apply(Front f, int c, double w, int slots, double dt, double allowed, double unit) {
    double serve = c * (double) slots * dt;
    double add = unit * c * dt;
    double tol = EPS * Math.max(1, allowed + w);
    int out = 0;
    boolean zero = false;
    for (int j = 0; j < f.size; j++) {
      double b = Math.max(0, f.backlog[j] + w - serve);
      if (b <= tol) {
        b = 0;
      }
      if (b > allowed + tol) {
        continue; // infeasible (these come first: lowest cost, highest backlog)
      }
      if (zero) {
        break; // a cheaper point already reached backlog 0: the rest are dominated
      }
      f.cost[out] = f.cost[j] + add;
      f.backlog[out] = b;
      f.origin[out] = f.origin[j];
      out++;
      zero = b == 0;
    }
    f.size = out;
  }

  /**
   * Per tick, the most instances an optimal schedule needs ({@code top[k]}): some optimal schedule
   * has {@code c[k] ≤ max(u[k-r..k+r])} for {@code r ≥ r0 = ceil((launch/(unit·tick) - 1) / 2)}, where
   * {@code u[j]} empties any allowed backlog in tick {@code j}. Proof: if {@code c[k]} exceeds it, take
   * the maximal interval I around k with {@code c ≥ c[k]} and J = I ∩ [k-r, k+r]; lowering c by one on J
   * leaves every backlog 0 where it was 0 (c - 1 ≥ u there) and every other tick unchanged, saves
   * {@code |J|·tick·unit}, removes a launch where J starts inside I after a rise and adds at most one
   * where J ends inside I before {@code k + r}; with J = [k-r, k+r] whole, (2r+1)·tick·unit ≥ launch. The
   * change lowers Σ c, so repeating it ends in an optimal schedule within the caps. Ticks with
   * {@code k < r} or {@code k + r + 1 < boot} (no relaunch possible) keep the global cap.
   */
  static int[] localCaps(int[] u, int cmax, int bootTicks, double unit, double launchCost, double tick) {
    int T = u.length;
    int[] top = new int[T];
    if (unit <= 0) {
      java.util.Arrays.fill(top, cmax);
      return top;
    }
    int r = (int) Math.max(0, Math.ceil((launchCost / (unit * tick) - 1) / 2 - EPS));
    // sliding maximum of u over [k - r, k + r]
    java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
    int next = 0;
    for (int k = 0; k < T; k++) {
      while (next < T && next <= k + r) {
        while (!q.isEmpty() && u[q.peekLast()] <= u[next]) {
          q.pollLast();
        }
        q.addLast(next++);
      }
      while (q.peekFirst() < k - r) {
        q.pollFirst();
      }
      top[k] = k < r || k + r + 1 < bootTicks ? cmax : Math.min(cmax, u[q.peekFirst()]);
    }
    return top;
  }

  private static void record(Front[] f, int k, int[][] origins, int[][] offsets) {
    int total = 0;
    int[] off = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      off[i] = total;
      total += f[i].size;
    }
    if (total >= 1 << 21) {
      throw new IllegalStateException("the optimum's fronts grew past 2^21 points in one tick (" + total + ")");
    }
    int[] o = new int[total];
    for (int i = 0; i < f.length; i++) {
      System.arraycopy(f[i].origin, 0, o, off[i], f[i].size);
      // from now on a point's origin is its own place at tick k
      for (int j = 0; j < f[i].size; j++) {
        f[i].origin[j] = (i << 21) | j;
      }
    }
    origins[k] = o;
    offsets[k] = off;

  }

  /** A Pareto front of (cost, backlog): cost strictly increasing, backlog strictly decreasing. */
  static final class Front {
    double[] cost = new double[4];
    double[] backlog = new double[4];
    int[] origin = new int[4];
    int size;

    void clear() {
      size = 0;
    }

    void add(double c, double b, int o) {
      if (size == cost.length) {
        int m = size * 2;
        cost = Arrays.copyOf(cost, m);
        backlog = Arrays.copyOf(backlog, m);
        origin = Arrays.copyOf(origin, m);
      }
      cost[size] = c;
      backlog[size] = b;
      origin[size] = o;
      size++;
    }

    /** Copies {@code o}, origins included. */
    void copyOf(Front o) {
      size = 0;
      for (int j = 0; j < o.size; j++) {
        add(o.cost[j], o.backlog[j], o.origin[j]);
      }
    }

    /**
     * out = Pareto minimum of {@code a} and {@code b} with {@code bShift} added to b's costs. Ties
     * keep {@code a}'s point (deterministic). {@code out} must be neither input.
     */
    static void merge(Front a, Front b, double bShift, Front out) {
      out.size = 0;
      int i = 0;
      int j = 0;
      double lastB = Double.POSITIVE_INFINITY;
      while (i < a.size || j < b.size) {
        boolean takeA;
        if (j >= b.size) {
          takeA = true;
        } else if (i >= a.size) {
          takeA = false;
        } else {
          double ca = a.cost[i];
          double cb = b.cost[j] + bShift;
          takeA = ca < cb || (ca == cb && a.backlog[i] <= b.backlog[j]);
        }
        double c;
        double bl;
        int o;
        if (takeA) {
          c = a.cost[i];
          bl = a.backlog[i];
          o = a.origin[i];
          i++;
        } else {
          c = b.cost[j] + bShift;
          bl = b.backlog[j];
          o = b.origin[j];
          j++;
        }
        if (bl < lastB) {
          if (out.size > 0 && out.cost[out.size - 1] >= c) {
            out.size--; // same cost, lower backlog: replaces
          }
          out.add(c, bl, o);
          lastB = bl;
        }
      }
    }
  }
}
