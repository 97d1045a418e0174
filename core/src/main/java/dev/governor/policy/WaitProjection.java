package dev.governor.policy;

import java.util.Arrays;
import java.util.Objects;

/**
 * The fluid queue the flagship policy plans with: how long a job arriving at time t would wait,
 * given the work waiting now, the work expected to arrive and the slots that will serve it.
 *
 * <p>Work is in slot-seconds (a job of service time s is s slot-seconds), capacity in slots. With
 * Q(t) the waiting work, A(t) the work arriving in [0, t] and c(t) the slots serving,
 * <pre>
 *   dQ/dt = a(t) − c(t)   while Q &gt; 0; Q stays at 0 otherwise (idle slots absorb arrivals)
 *   w(t)  = Q(t) / c(t)   the wait of a job arriving at t if the capacity stays at c(t) (FIFO)
 * </pre>
 * Capacity is a step function (running slots now, plus booting instances at their expected
 * arrival). Between steps the net rate changes only through the ramp of the arrival rate and the
 * √t growth of the uncertainty, so the projection walks each stretch in up to {@value #SUB_STEPS}
 * sub-steps of at least {@value #MIN_SUB_STEP} s (exact where the rates are constant, within a
 * sub-step's growth of the queue otherwise; a property test checks it against a 10 ms simulation).
 * All methods are pure; times are seconds from now.
 */
public final class WaitProjection {
  private WaitProjection() {}

  /**
   * Work expected to arrive: the rate (slot-seconds per second) moves linearly from
   * {@code rateNow} to {@code rateAhead} over {@code ramp} seconds and stays there; the pessimistic
   * cumulative arrivals add {@code σ_H·√(t/H)}, the measured uncertainty of the arrivals over the
   * horizon H, grown as a random walk. Immutable.
   *
   * @param rateNow arrival rate now, slot-seconds per second (&gt;= 0, finite)
   * @param rateAhead arrival rate from {@code ramp} on, slot-seconds per second (&gt;= 0, finite)
   * @param ramp seconds over which the rate moves from {@code rateNow} to {@code rateAhead} (&gt;= 0;
   *     0: {@code rateAhead} from the start)
   * @param sigmaAtHorizon σ_H, the uncertainty of the work arriving in [0, H], slot-seconds (&gt;= 0,
   *     finite)
   * @param horizon H, seconds (&gt; 0)
   */
  public record Arrivals(double rateNow, double rateAhead, double ramp, double sigmaAtHorizon, double horizon) {
    /**
     * Validates the arrivals.
     *
     * @param rateNow arrival rate now, slot-seconds per second (&gt;= 0, finite)
     * @param rateAhead arrival rate from {@code ramp} on, slot-seconds per second (&gt;= 0, finite)
     * @param ramp seconds of the ramp (&gt;= 0)
     * @param sigmaAtHorizon σ_H, slot-seconds (&gt;= 0, finite)
     * @param horizon H, seconds (&gt; 0)
     * @throws IllegalArgumentException if a value is out of range or NaN
     */
    public Arrivals {
      if (!(rateNow >= 0) || !(rateAhead >= 0) || !(ramp >= 0) || !(sigmaAtHorizon >= 0) || !(horizon > 0)
          || Double.isInfinite(rateNow) || Double.isInfinite(rateAhead) || Double.isInfinite(sigmaAtHorizon)) {
        throw new IllegalArgumentException("arrivals must be finite and >= 0 (horizon > 0), but were rateNow="
            + rateNow + ", rateAhead=" + rateAhead + ", ramp=" + ramp + ", sigma=" + sigmaAtHorizon + ", horizon="
            + horizon);
      }
    }

    /**
     * No arrivals at all, and no uncertainty.
     *
     * @param horizon H, seconds (&gt; 0)
     * @return arrivals with every rate and σ 0
     * @throws IllegalArgumentException if {@code horizon} is not &gt; 0
     */
    public static Arrivals none(double horizon) {
      return new Arrivals(0, 0, 0, 0, horizon);
    }

    /**
     * Expected work arriving in [0, t]: the integral of the ramped rate,
     * {@code t·(rateNow + r(t))/2} with {@code r(t) = rateNow + (rateAhead − rateNow)·t/ramp} while
     * {@code t < ramp}, then {@code ramp·(rateNow + rateAhead)/2 + (t − ramp)·rateAhead}.
     *
     * @param t seconds from now
     * @return slot-seconds (0 for {@code t <= 0})
     */
    public double mean(double t) {
      if (t <= 0) {
        return 0;
      }
      if (ramp <= 0) {
        return t * rateAhead;
      }
      if (t >= ramp) {
        return ramp * (rateNow + rateAhead) / 2 + (t - ramp) * rateAhead;
      }
      double r = rateNow + (rateAhead - rateNow) * t / ramp;
      return t * (rateNow + r) / 2;
    }

    /**
     * Pessimistic work arriving in [0, t]: the mean plus the grown uncertainty,
     * {@code mean(t) + sigmaAtHorizon·√(t/horizon)}.
     *
     * @param t seconds from now
     * @return slot-seconds (0 for {@code t <= 0})
     */
    public double upper(double t) {
      return t <= 0 ? 0 : mean(t) + sigmaAtHorizon * Math.sqrt(t / horizon);
    }

    /**
     * The arrivals of two independent streams together: rates add, uncertainties add in quadrature
     * ({@code √(σ² + (σ_o·√(H/H_o))²)}, {@code o}'s σ rescaled to this horizon), the ramp is the
     * longer of the two and the horizon this one's. The mean is exact when both ramps are equal;
     * otherwise the shorter ramp is stretched to the longer one.
     *
     * @param o the other stream (not null)
     * @return the combined arrivals, over this stream's horizon
     */
    public Arrivals plus(Arrivals o) {
      double ramp2 = Math.max(ramp, o.ramp);
      // keep the mean exact at and after the longer ramp: rates at ramp2 add
      double aheadSum = rateAhead + o.rateAhead;
      return new Arrivals(rateNow + o.rateNow, aheadSum, ramp2,
          Math.hypot(sigmaAtHorizon, o.sigmaAtHorizon * Math.sqrt(horizon / o.horizon)), horizon);
    }
  }

  /**
   * Slots serving from now on: {@code running} now, plus {@code slots[i]} more from
   * {@code at[i]} seconds (booting instances at their expected arrival, new launches at the boot
   * lead). Steps need not be sorted: the constructor stores copies sorted by time.
   *
   * @param running slots serving now
   * @param at seconds from now at which each step adds its slots (a negative time counts as 0)
   * @param slots slots each step adds, index by index with {@code at}
   */
  public record Capacity(double running, double[] at, double[] slots) {
    /**
     * Copies the steps, sorted by time, with negative times raised to 0.
     *
     * @param running slots serving now
     * @param at step times, seconds from now (not null)
     * @param slots slots per step (not null, as long as {@code at})
     * @throws IllegalArgumentException if {@code at} and {@code slots} differ in length
     * @throws NullPointerException if an array is null
     */
    public Capacity {
      if (at.length != slots.length) {
        throw new IllegalArgumentException("at and slots must have the same length, but had " + at.length + " and "
            + slots.length);
      }
      Integer[] order = new Integer[at.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      double[] a0 = at;
      Arrays.sort(order, (x, y) -> Double.compare(a0[x], a0[y]));
      double[] a = new double[at.length];
      double[] s = new double[at.length];
      for (int i = 0; i < order.length; i++) {
        a[i] = Math.max(0, at[order[i]]);
        s[i] = slots[order[i]];
      }
      at = a;
      slots = s;
    }

    /**
     * The same capacity with {@code n} more slots from {@code t}.
     *
     * @param t seconds from now
     * @param n slots added
     * @return a new capacity with one more step
     */
    public Capacity plus(double t, double n) {
      double[] a = Arrays.copyOf(at, at.length + 1);
      double[] s = Arrays.copyOf(slots, slots.length + 1);
      a[at.length] = t;
      s[slots.length] = n;
      return new Capacity(running, a, s);
    }

    /**
     * The same steps with another number of slots serving now.
     *
     * @param r slots serving now
     * @return a new capacity
     */
    public Capacity withRunning(double r) {
      return new Capacity(r, at, slots);
    }
  }

  /**
   * Work that arrives <em>after</em> a job and still starts before it: a class of strictly higher
   * priority goes first for as long as the job waits ({@code window} = ∞); a class of equal priority
   * and a shorter objective D_o &lt; D goes first while its new jobs fall due earlier, for the first
   * {@code D − D_o} seconds of the job's life (earliest deadline first). {@code rate[i]} is that
   * class's arrival rate in slot-seconds per second. A job of age g that waits w more seconds is
   * overtaken by {@code P_g(w) = Σ rate_i · min(w, max(0, window_i − g))} slot-seconds.
   *
   * @param rate each overtaking class's arrival rate, slot-seconds per second
   * @param window for each, the age in seconds up to which its arrivals go first (∞: for as long
   *     as the job waits)
   */
  public record Preemption(double[] rate, double[] window) {
    private static final Preemption NONE = new Preemption(new double[0], new double[0]);

    /**
     * Validates and copies the arrays.
     *
     * @param rate arrival rates, slot-seconds per second (each &gt;= 0 and finite; not null)
     * @param window windows, seconds (each &gt;= 0, may be ∞; not null, as long as {@code rate})
     * @throws IllegalArgumentException if the lengths differ or an entry is out of range or NaN
     * @throws NullPointerException if an array is null
     */
    public Preemption {
      if (rate.length != window.length) {
        throw new IllegalArgumentException("rate and window must have the same length, but had " + rate.length
            + " and " + window.length);
      }
      for (int i = 0; i < rate.length; i++) {
        if (!(rate[i] >= 0) || Double.isInfinite(rate[i]) || !(window[i] >= 0)) {
          throw new IllegalArgumentException("preemption rate must be finite and >= 0 and window >= 0, but were rate="
              + rate[i] + ", window=" + window[i] + " (entry " + i + ")");
        }
      }
      rate = rate.clone();
      window = window.clone();
    }

    /**
     * Nothing overtakes (one class, or the highest priority with the shortest objective).
     *
     * @return the shared empty preemption
     */
    public static Preemption none() {
      return NONE;
    }

    /**
     * Whether nothing overtakes.
     *
     * @return true when every rate is 0 (or there is none)
     */
    public boolean isEmpty() {
      for (double r : rate) {
        if (r > 0) {
          return false;
        }
      }
      return true;
    }

    /**
     * Slot-seconds that overtake a job of age {@code age} during the next {@code w} seconds of its
     * wait: {@code P_age(w) = Σ rate_i · min(w, max(0, window_i − age))}.
     *
     * @param w seconds of further wait
     * @param age the job's age now, seconds
     * @return the overtaking work, slot-seconds
     */
    public double overtaking(double w, double age) {
      double sum = 0;
      for (int i = 0; i < rate.length; i++) {
        sum += rate[i] * Math.min(w, Math.max(0, window[i] - age));
      }
      return sum;
    }

    /** The overtaking rate (slot-seconds per second) a job of age {@code age} meets at {@code t} seconds from now. */
    double rateAt(double t, double age) {
      double sum = 0;
      for (int i = 0; i < rate.length; i++) {
        if (t < window[i] - age) {
          sum += rate[i];
        }
      }
      return sum;
    }
  }

  /**
   * The result of {@link #project}.
   *
   * @param maxWait the largest predicted wait of a job arriving in the checked interval, seconds
   *     (0 when none waits; ∞ when waiting work has no slot or is overtaken faster than it is served)
   * @param queueAtEnd the waiting work at the end of the interval, slot-seconds
   */
  public record Outcome(double maxWait, double queueAtEnd) {}

  /**
   * The largest predicted wait of a job arriving in [from, until] under the pessimistic arrivals
   * ({@link Arrivals#upper}), no later arrival overtaking it: {@code w = Q/c}. The queue is walked
   * from 0 to {@code until} and the wait is evaluated at the end of each sub-step and just after
   * each capacity step inside the interval. Waiting work under {@code negligibleWork} counts as
   * none (a fraction of a job is not a job that waits); waiting work with no capacity waits
   * forever.
   *
   * @param queueNow work waiting now, slot-seconds (a negative value counts as 0)
   * @param a the work expected to arrive
   * @param c the slots serving
   * @param from start of the checked arrival interval, seconds from now
   * @param until its end, seconds from now (also where the walk stops)
   * @param negligibleWork waiting work that counts as none, slot-seconds
   * @return the worst wait in the interval and the waiting work at {@code until}
   */
  public static Outcome project(double queueNow, Arrivals a, Capacity c, double from, double until,
      double negligibleWork) {
    return project(queueNow, a, c, from, until, negligibleWork, Preemption.none());
  }

  /**
   * {@link #project(double, Arrivals, Capacity, double, double, double)} for a job that later
   * arrivals of other classes may overtake: a job that finds Q waiting and c slots starts after w
   * with {@code c·w = Q + P_0(w)} (see {@link Preemption}); ∞ when the overtaking work outruns the
   * slots.
   *
   * @param queueNow work waiting now, slot-seconds (a negative value counts as 0)
   * @param a the work expected to arrive
   * @param c the slots serving
   * @param from start of the checked arrival interval, seconds from now
   * @param until its end, seconds from now
   * @param negligibleWork waiting work that counts as none, slot-seconds
   * @param pre the later arrivals that overtake a job arriving in the interval (not null)
   * @return the worst wait in the interval and the waiting work at {@code until}
   */
  public static Outcome project(double queueNow, Arrivals a, Capacity c, double from, double until,
      double negligibleWork, Preemption pre) {
    double q = Math.max(0, queueNow);
    double t = 0;
    double cap = c.running;
    int i = 0;
    while (i < c.at.length && c.at[i] <= 0) {
      cap += c.slots[i++];
    }
    double worst = from <= 0 ? wait(q, cap, negligibleWork, pre) : 0;
    while (t < until) {
      // the next break: a capacity step, the end of the ramp, the start of the checked interval
      double next = i < c.at.length ? Math.min(c.at[i], until) : until;
      if (a.ramp() > t && a.ramp() < next) {
        next = a.ramp();
      }
      if (from > t && from < next) {
        next = from;
      }
      // inside a stretch the net rate changes only through the uncertainty's √t (and the ramp's
      // slope), so the queue may empty and refill: step through it in a few sub-steps
      int n = Math.max(1, Math.min(SUB_STEPS, (int) Math.ceil((next - t) / MIN_SUB_STEP)));
      double h = (next - t) / n;
      for (int k = 1; k <= n; k++) {
        double t1 = k == n ? next : t + h;
        q = Math.max(0, q + a.upper(t1) - a.upper(t) - cap * (t1 - t));
        t = t1;
        if (t > from || (t == from && k < n)) {
          worst = Math.max(worst, wait(q, cap, negligibleWork, pre)); // before the step at t (inside the interval)
        }
      }
      while (i < c.at.length && c.at[i] <= t) {
        cap += c.slots[i++];
      }
      if (t >= from && t < until) {
        worst = Math.max(worst, wait(q, cap, negligibleWork, pre));
      }
    }
    return new Outcome(worst, q);
  }

  /** Sub-steps per stretch, and the shortest one: the projection's resolution inside a stretch. */
  static final int SUB_STEPS = 12;
  static final double MIN_SUB_STEP = 5;

  static double wait(double q, double cap, double negligibleWork) {
    return wait(q, cap, negligibleWork, Preemption.none());
  }

  /**
   * The wait of a job that finds {@code q} slot-seconds ahead and {@code cap} slots: the smallest w
   * with {@code cap·w − P_0(w) ≥ q}. {@code cap·w − P_0(w)} is convex and piecewise linear (its
   * slope rises as overtaking windows close), so the segments are walked in order.
   */
  static double wait(double q, double cap, double negligibleWork, Preemption pre) {
    if (q <= negligibleWork) {
      return 0;
    }
    if (cap <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (pre.isEmpty()) {
      return q / cap;
    }
    double[] ends = pre.window().clone();
    Arrays.sort(ends);
    double w = 0;
    double served = 0; // cap·w − P_0(w)
    for (int j = 0; j <= ends.length; j++) {
      double end = j < ends.length ? ends[j] : Double.POSITIVE_INFINITY;
      if (end <= w) {
        continue;
      }
      double slope = cap - pre.rateAt(w, 0);
      if (slope > 0) {
        double need = (q - served) / slope;
        if (w + need <= end) {
          return w + need;
        }
      }
      if (Double.isInfinite(end)) {
        return Double.POSITIVE_INFINITY;
      }
      served += slope * (end - w);
      w = end;
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * The fewest instances of {@code slotsPerInstance} slots, launched now and serving from
   * {@code lead}, that keep the predicted wait of jobs arriving in [lead, lead + tick] — until the
   * next decision's launches can serve — and the total wait of the jobs already waiting within
   * {@code target}; {@code maxExtra} if even that many do not. Waiting jobs that would miss the
   * target whatever is launched (even {@code maxExtra} instances) are not launched for. Searched
   * by doubling, then bisection, assuming more instances never make waits longer.
   *
   * @param queueNow work ahead of the newest job now, slot-seconds (for the projection of arrivals)
   * @param backlog the jobs already waiting, checked by their total wait (age + time to start)
   * @param a the work expected to arrive
   * @param c the slots serving without a new launch
   * @param slotsPerInstance slots of one launched instance
   * @param lead seconds from launch until a new instance serves
   * @param tick seconds until the next decision
   * @param target the longest acceptable wait, seconds
   * @param negligibleWork waiting work that counts as none, slot-seconds
   * @param maxExtra the most instances to consider
   * @return the instances to launch, in [0, maxExtra]
   */
  public static int launchesNeeded(double queueNow, Backlog backlog, Arrivals a, Capacity c, int slotsPerInstance,
      double lead, double tick, double target, double negligibleWork, int maxExtra) {
    boolean[] hopeless = backlog.missingUnder(c.plus(lead, (double) maxExtra * slotsPerInstance), target);
    if (fits(queueNow, backlog, hopeless, a, c, 0, slotsPerInstance, lead, tick, target, negligibleWork)) {
      return 0;
    }
    int lo = 0;
    int hi = 1;
    while (hi < maxExtra && !fits(queueNow, backlog, hopeless, a, c, hi, slotsPerInstance, lead, tick, target,
        negligibleWork)) {
      lo = hi;
      hi = (int) Math.min(maxExtra, 2L * hi);
    }
    if (!fits(queueNow, backlog, hopeless, a, c, hi, slotsPerInstance, lead, tick, target, negligibleWork)) {
      return maxExtra;
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (fits(queueNow, backlog, hopeless, a, c, mid, slotsPerInstance, lead, tick, target, negligibleWork)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private static boolean fits(double q, Backlog backlog, boolean[] hopeless, Arrivals a, Capacity c, int extra, int k,
      double lead, double tick, double target, double negligibleWork) {
    Capacity with = extra == 0 ? c : c.plus(lead, (double) extra * k);
    return backlog.maxTotalWait(with, hopeless) <= target
        && project(q, a, with, lead, lead + tick, negligibleWork, backlog.preempt()).maxWait() <= target;
  }

  /**
   * The most of {@code runningInstances} that can stop serving now while the predicted wait of
   * jobs arriving in [from, until] and the total wait of the jobs already waiting stay within
   * {@code target}; 0 if none can. The same as {@link #removable(double, Backlog, Arrivals,
   * Capacity, int, int, double, double, double, double, double, double)} with {@code backlogTarget
   * = giveUp = target}.
   *
   * @param queueNow work ahead of the newest job now, slot-seconds
   * @param backlog the jobs already waiting, checked by their total wait (age + time to start)
   * @param a the work expected to arrive
   * @param c the slots serving if nothing is removed
   * @param runningInstances the instances that could go
   * @param slotsPerInstance slots of one instance
   * @param from start of the checked arrival interval, seconds from now
   * @param until its end, seconds from now
   * @param target the longest acceptable wait, seconds
   * @param negligibleWork waiting work that counts as none, slot-seconds
   * @return the instances that can go, in [0, runningInstances]
   */
  public static int removable(double queueNow, Backlog backlog, Arrivals a, Capacity c, int runningInstances,
      int slotsPerInstance, double from, double until, double target, double negligibleWork) {
    return removable(queueNow, backlog, a, c, runningInstances, slotsPerInstance, from, until, target, target,
        target, negligibleWork);
  }

  /**
   * The most of {@code runningInstances} that can stop serving now while the predicted wait of
   * jobs arriving in [from, until] stays within {@code target} and the total wait of the jobs
   * already waiting within {@code backlogTarget}; 0 if none can. Removing n takes {@code n ×
   * slotsPerInstance} slots from {@code c.running()} now (never below 0). Waiting cohorts every job
   * of which misses {@code giveUp} already, under {@code c}, do not forbid it (keeping capacity
   * cannot bring them in, {@link Backlog#lostUnder}); every other cohort, even one only partly in
   * time, must stay within {@code backlogTarget}. With a release band
   * ({@code target} below the launch line) pass the launch line as {@code backlogTarget} and the
   * objective as {@code giveUp}: a release never pushes a waiting job past the line a launch is
   * bought for, and a job that can still start within its objective is never written off — a
   * burst's backlog draining on schedule keeps the capacity it drains with. Searched by bisection,
   * assuming fewer instances never make waits shorter.
   *
   * @param queueNow work ahead of the newest job now, slot-seconds
   * @param backlog the jobs already waiting, checked by their total wait (age + time to start)
   * @param a the work expected to arrive
   * @param c the slots serving if nothing is removed
   * @param runningInstances the instances that could go
   * @param slotsPerInstance slots of one instance
   * @param from start of the checked arrival interval, seconds from now
   * @param until its end, seconds from now
   * @param target the longest acceptable wait of the arrivals, seconds
   * @param backlogTarget the longest acceptable total wait of the jobs already waiting, seconds
   * @param giveUp waiting jobs whose total wait exceeds this even under {@code c} are left out, seconds
   *     (&gt;= {@code backlogTarget} to make sense)
   * @param negligibleWork waiting work that counts as none, slot-seconds
   * @return the instances that can go, in [0, runningInstances]
   */
  public static int removable(double queueNow, Backlog backlog, Arrivals a, Capacity c, int runningInstances,
      int slotsPerInstance, double from, double until, double target, double backlogTarget, double giveUp,
      double negligibleWork) {
    boolean[] missing = backlog.lostUnder(c, giveUp);
    if (!fitsWithout(queueNow, backlog, missing, a, c, 0, slotsPerInstance, from, until, target, backlogTarget,
        negligibleWork)) {
      return 0;
    }
    if (fitsWithout(queueNow, backlog, missing, a, c, runningInstances, slotsPerInstance, from, until, target,
        backlogTarget, negligibleWork)) {
      return runningInstances;
    }
    int lo = 0; // fits
    int hi = runningInstances; // does not
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (fitsWithout(queueNow, backlog, missing, a, c, mid, slotsPerInstance, from, until, target, backlogTarget,
          negligibleWork)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean fitsWithout(double q, Backlog backlog, boolean[] missing, Arrivals a, Capacity c, int remove,
      int k, double from, double until, double target, double backlogTarget, double negligibleWork) {
    Capacity less = c.withRunning(Math.max(0, c.running - (double) remove * k));
    return backlog.maxTotalWait(less, missing) <= backlogTarget
        && project(q, a, less, from, until, negligibleWork, backlog.preempt()).maxWait() <= target;
  }

  /**
   * The jobs already waiting, as cohorts in FIFO order (oldest first): cohort j holds
   * {@code work[j]} slot-seconds of jobs aged from {@code oldest[j]} (its first job) down to
   * {@code youngest[j]} (its last), behind {@code workAhead} slot-seconds that go first. A job
   * waiting now starts when the capacity has served everything ahead of it, so the last job of
   * cohort j waits {@code youngest[j] + τ(W≤j)} in all, where τ(W) is when the cumulative capacity
   * reaches W. Within a cohort ages fall and start times rise linearly, so checking its two ends is
   * exact. {@code ageError} is added to every total wait: how far off the reconstructed ages may be.
   * The arrays are not copied: do not change them once passed.
   *
   * @param workAhead slot-seconds that start before the first cohort (other classes' queued work)
   * @param oldest per cohort, the age in seconds of its first (oldest) job
   * @param youngest per cohort, the age in seconds of its last (youngest) job
   * @param work per cohort, its work in slot-seconds
   * @param ageError seconds added to every total wait
   * @param preempt the later arrivals that overtake these jobs
   */
  public record Backlog(double workAhead, double[] oldest, double[] youngest, double[] work, double ageError,
      Preemption preempt) {
    /**
     * Validates the backlog.
     *
     * @param workAhead slot-seconds that start before the first cohort
     * @param oldest per cohort, the age of its first job, seconds (not null)
     * @param youngest per cohort, the age of its last job, seconds (not null)
     * @param work per cohort, slot-seconds (not null)
     * @param ageError seconds added to every total wait
     * @param preempt the later arrivals that overtake these jobs (not null)
     * @throws IllegalArgumentException if the three arrays differ in length
     * @throws NullPointerException if an array or {@code preempt} is null
     */
    public Backlog {
      if (oldest.length != youngest.length || oldest.length != work.length) {
        throw new IllegalArgumentException("cohort arrays must have the same length");
      }
      Objects.requireNonNull(preempt, "preempt");
    }

    /**
     * A backlog that no later arrival overtakes ({@link Preemption#none()}).
     *
     * @param workAhead slot-seconds that start before the first cohort
     * @param oldest per cohort, the age of its first job, seconds (not null)
     * @param youngest per cohort, the age of its last job, seconds (not null)
     * @param work per cohort, slot-seconds (not null)
     * @param ageError seconds added to every total wait
     * @throws IllegalArgumentException if the three arrays differ in length
     */
    public Backlog(double workAhead, double[] oldest, double[] youngest, double[] work, double ageError) {
      this(workAhead, oldest, youngest, work, ageError, Preemption.none());
    }

    /**
     * No job waiting.
     *
     * @return a backlog without cohorts, work ahead or preemption
     */
    public static Backlog none() {
      return new Backlog(0, new double[0], new double[0], new double[0], 0);
    }

    /**
     * The same jobs, overtaken by {@code p} (also the wait of the jobs still to arrive, in the
     * projection).
     *
     * @param p the overtaking arrivals (not null)
     * @return a copy with {@code preempt = p}
     */
    public Backlog overtakenBy(Preemption p) {
      return new Backlog(workAhead, oldest, youngest, work, ageError, p);
    }

    /**
     * The number of cohorts.
     *
     * @return {@code work().length}
     */
    public int cohorts() {
      return work.length;
    }

    /**
     * The longest total wait (age now + time until it starts) of any waiting job, under capacity
     * c: over the cohorts not ignored, the larger of {@code oldest[j] + τ(W_{<j})} and {@code
     * youngest[j] + τ(W_{≤j})}, plus {@code ageError}, where W counts {@code workAhead} and the
     * cohorts before (and including) j.
     *
     * @param c the slots serving
     * @param ignore cohorts to leave out, index by index, or null for none
     * @return seconds (0 without cohorts; ∞ if a cohort never starts)
     */
    public double maxTotalWait(Capacity c, boolean[] ignore) {
      double ahead = workAhead;
      double worst = 0;
      for (int j = 0; j < work.length; j++) {
        if (ignore == null || !ignore[j]) {
          double first = oldest[j] + startOf(c, ahead, preempt, oldest[j]);
          double last = youngest[j] + startOf(c, ahead + work[j], preempt, youngest[j]);
          worst = Math.max(worst, Math.max(first, last) + ageError);
        }
        ahead += work[j];
      }
      return worst;
    }

    /**
     * Which cohorts miss {@code target} even under capacity c (no decision can help them): those
     * whose total wait, as in {@link #maxTotalWait}, exceeds it.
     *
     * @param c the slots serving
     * @param target the longest acceptable total wait, seconds
     * @return one flag per cohort, true where the cohort misses the target
     */
    public boolean[] missingUnder(Capacity c, double target) {
      return missing(c, target, false);
    }

    /**
     * Which cohorts are lost under capacity c: those of which <em>every</em> job's total wait
     * exceeds {@code target} (both ends do; the total wait runs linearly between them). A cohort
     * that straddles the target holds jobs that can still start in time and is not lost, where
     * {@link #missingUnder} counts it as missing.
     *
     * @param c the slots serving
     * @param target the longest acceptable total wait, seconds
     * @return one flag per cohort, true where all of the cohort misses the target
     */
    public boolean[] lostUnder(Capacity c, double target) {
      return missing(c, target, true);
    }

    private boolean[] missing(Capacity c, double target, boolean whole) {
      boolean[] out = new boolean[work.length];
      double ahead = workAhead;
      for (int j = 0; j < work.length; j++) {
        double first = oldest[j] + startOf(c, ahead, preempt, oldest[j]);
        double last = youngest[j] + startOf(c, ahead + work[j], preempt, youngest[j]);
        out[j] = (whole ? Math.min(first, last) : Math.max(first, last)) + ageError > target;
        ahead += work[j];
      }
      return out;
    }
  }

  /**
   * When a job of age {@code age} with {@code w} slot-seconds ahead of it starts, when later work
   * overtakes it as {@code pre} says: the first τ with {@code ∫₀^τ c − P_age(τ) ≥ w} (∞ if never).
   */
  static double startOf(Capacity c, double w, Preemption pre, double age) {
    if (pre.isEmpty()) {
      return startOf(c, w);
    }
    if (w <= 0) {
      return 0;
    }
    // breaks: capacity steps and the ends of the overtaking windows
    double[] ends = new double[c.at.length + pre.window().length];
    System.arraycopy(c.at, 0, ends, 0, c.at.length);
    for (int i = 0; i < pre.window().length; i++) {
      ends[c.at.length + i] = Math.max(0, pre.window()[i] - age);
    }
    Arrays.sort(ends);
    double t = 0;
    double done = 0;
    for (int j = 0; j <= ends.length; j++) {
      double next = j < ends.length ? ends[j] : Double.POSITIVE_INFINITY;
      if (next <= t && j < ends.length) {
        continue;
      }
      double net = capacityAt(c, t) - pre.rateAt(t, age);
      if (net > 0 && (Double.isInfinite(next) || done + net * (next - t) >= w)) {
        return t + (w - done) / net;
      }
      if (Double.isInfinite(next)) {
        return Double.POSITIVE_INFINITY;
      }
      done += net * (next - t);
      t = next;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Slots serving at {@code t} (steps at or before t included). */
  private static double capacityAt(Capacity c, double t) {
    double cap = c.running;
    for (int i = 0; i < c.at.length && c.at[i] <= t; i++) {
      cap += c.slots[i];
    }
    return cap;
  }

  /** When the cumulative capacity reaches {@code w} slot-seconds (∞ if it never does). */
  static double startOf(Capacity c, double w) {
    if (w <= 0) {
      return 0;
    }
    double t = 0;
    double cap = c.running;
    double done = 0;
    int i = 0;
    while (i < c.at.length && c.at[i] <= 0) {
      cap += c.slots[i++];
    }
    while (i < c.at.length) {
      double next = c.at[i];
      if (cap > 0 && done + cap * (next - t) >= w) {
        return t + (w - done) / cap;
      }
      done += cap * (next - t);
      t = next;
      while (i < c.at.length && c.at[i] <= t) {
        cap += c.slots[i++];
      }
    }
    return cap > 0 ? t + (w - done) / cap : Double.POSITIVE_INFINITY;
  }
}
