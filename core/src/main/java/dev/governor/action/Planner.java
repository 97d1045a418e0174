package dev.governor.action;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Turns a desired capacity into one action.
 *
 * <p>Effective capacity is RUNNING + PENDING. To grow by {@code delta = desired − effective −
 * inFlight}, DRAINING instances are reactivated first (already booted and paid for; those with the
 * most paid time left first), then {@code delta − reactivated} new ones are launched. To shrink by
 * {@code effective − desired}, victims are chosen among the RUNNING and PENDING instances:
 * <ol>
 *   <li>a busy instance is never terminated unless {@link BusyPolicy#TERMINATE} is configured: by
 *       default ({@link BusyPolicy#DRAIN}) it is drained instead, under {@link BusyPolicy#SKIP} it
 *       stays; under TERMINATE and SKIP idle instances (no busy slot) go before busy ones;
 *   <li>the one with the least paid-but-unused time first ({@link Instance#paidRemainingSeconds},
 *       in whole seconds), which under per-hour billing is decisive: terminating an instance 5
 *       minutes into its hour wastes 55 paid minutes;
 *   <li>then fewer busy slots, then newer launch, then id, so the choice is deterministic.
 * </ol>
 * Paid time left is measured when the victim's bill stops, not now: after the {@code releaseLag}
 * of {@link #plan(int, Fleet, int, InstanceType, Instant, String, Duration)} (one tick for a
 * drain-first planner, whose victims are terminated at the next tick), and for a busy victim
 * {@value #DRAIN_ALLOWANCE_SECONDS} s later still (it finishes its jobs first). An instance whose
 * paid hour ends within the lag would be billed a new hour before it is gone, so it ranks last.
 * Under {@link BusyPolicy#DRAIN} busy and idle victims are ranked together by that paid time left
 * (a busy victim's counts the allowance twice, so idle ones go first among near-equals): the
 * instance at the end of its paid hour goes, busy or not, instead of an idle one with most of an
 * hour paid.
 * Draining instances that have become idle are terminated whenever the plan does not grow.
 *
 * <p>{@linkplain #drainFirst() Drain-first} planners drain idle victims too, instead of
 * terminating them at once: a fleet view's busy slots lag the workers (a report every few
 * seconds, a view that is minutes old), so "idle" in the view does not prove that the worker has
 * not just taken a job. A drained worker takes no new job, so once a later view shows it draining
 * and idle, it is idle; it is terminated then. It costs one tick of billing per victim.
 *
 * <p>Launches in flight that the fleet does not list yet count as coming capacity when growing
 * (they are never launched twice), but never as capacity to remove: scale-in only ever removes
 * instances the fleet lists, down to {@code desired}.
 */
public final class Planner {
  /** What to do with a busy instance chosen as a victim. */
  public enum BusyPolicy {
    /** Mark it DRAINING; it is terminated by a later tick once idle (default). */
    DRAIN,
    /** Terminate it anyway; its jobs return to the queue. */
    TERMINATE,
    /** Leave it alone; scale-in stops at the busy instances. */
    SKIP
  }

  /** How long a busy victim is expected to take to finish its jobs once drained, in seconds. */
  public static final long DRAIN_ALLOWANCE_SECONDS = 60;

  private final BusyPolicy busyPolicy;
  private final boolean drainFirst;

  /**
   * A planner that treats busy victims as {@code busyPolicy} says.
   *
   * @param busyPolicy what to do with a busy instance chosen for scale-in (not null)
   * @throws NullPointerException if {@code busyPolicy} is null
   */
  public Planner(BusyPolicy busyPolicy) {
    this(busyPolicy, false);
  }

  /**
   * A planner that treats busy victims as {@code busyPolicy} says and, if {@code drainFirst}, drains
   * idle victims too.
   *
   * @param busyPolicy what to do with a busy victim (not null)
   * @param drainFirst whether idle victims are drained (and terminated by a later tick once a view
   *     shows them draining and idle) instead of terminated at once
   * @throws NullPointerException if {@code busyPolicy} is null
   */
  public Planner(BusyPolicy busyPolicy, boolean drainFirst) {
    this.busyPolicy = java.util.Objects.requireNonNull(busyPolicy, "busyPolicy");
    this.drainFirst = drainFirst;
  }

  /**
   * The default planner ({@link BusyPolicy#DRAIN}), except that idle victims are drained first too:
   * no termination ever rests on a busy report that may lag. Safe where workers pull jobs
   * themselves and the fleet view's busy slots come late.
   *
   * @return a drain-first planner with {@link BusyPolicy#DRAIN}
   */
  public static Planner drainFirst() {
    return new Planner(BusyPolicy.DRAIN, true);
  }

  /**
   * Whether idle victims are drained before they are terminated. The controller then passes its
   * tick as the {@code releaseLag} of {@link #plan(int, Fleet, int, InstanceType, Instant, String,
   * Duration)}, since a victim's bill stops only at the next tick.
   *
   * @return true for a drain-first planner
   */
  public boolean isDrainFirst() {
    return drainFirst;
  }

  /**
   * The default planner: busy victims are drained ({@link BusyPolicy#DRAIN}).
   *
   * @return a planner with {@link BusyPolicy#DRAIN}
   */
  public static Planner ofDefaults() {
    return new Planner(BusyPolicy.DRAIN);
  }

  /**
   * What this planner does with busy victims.
   *
   * @return the busy policy given at construction
   */
  public BusyPolicy busyPolicy() {
    return busyPolicy;
  }

  /**
   * Plans the action that moves {@code fleet} towards {@code desired}.
   *
   * @param token idempotency token for a launch (derived from the decision by the caller)
   * @param desired the instance count to reach (&gt;= 0)
   * @param fleet the fleet as the actuator lists it
   * @param launchType the type new instances are launched as
   * @param now the tick's time, for the paid-time-left ordering of victims
   * @return a {@link Launch}, a {@link Terminate} or a {@link Sleep} (already at {@code desired})
   * @throws IllegalArgumentException if {@code desired} is negative
   */
  public Action plan(int desired, Fleet fleet, InstanceType launchType, Instant now, String token) {
    return plan(desired, fleet, 0, launchType, now, token);
  }

  /**
   * Plans the action that moves {@code fleet}, with {@code inFlight} instances launched but not
   * listed yet, towards {@code desired}.
   *
   * @param token idempotency token for a launch (derived from the decision by the caller)
   * @param desired the instance count to reach (&gt;= 0)
   * @param fleet the fleet as the actuator lists it
   * @param inFlight instances launched but not listed by the fleet yet (&gt;= 0); they count as
   *     coming capacity when growing
   * @param launchType the type new instances are launched as
   * @param now the tick's time, for the paid-time-left ordering of victims
   * @return a {@link Launch}, a {@link Terminate} or a {@link Sleep} (already at {@code desired})
   * @throws IllegalArgumentException if {@code desired} or {@code inFlight} is negative
   */
  public Action plan(int desired, Fleet fleet, int inFlight, InstanceType launchType, Instant now, String token) {
    return plan(desired, fleet, inFlight, launchType, now, token, Duration.ZERO);
  }

  /**
   * Plans the action as {@link #plan(int, Fleet, int, InstanceType, Instant, String)} does, ranking
   * scale-in victims by the paid time they will have left when their bill stops, {@code
   * releaseLag} from now (the controller passes its tick for a drain-first planner).
   *
   * @param token idempotency token for a launch (derived from the decision by the caller)
   * @param desired the instance count to reach (&gt;= 0)
   * @param fleet the fleet as the actuator lists it
   * @param inFlight instances launched but not listed by the fleet yet (&gt;= 0)
   * @param launchType the type new instances are launched as
   * @param now the tick's time
   * @param releaseLag how long after now a victim's termination takes effect (&gt;= 0, not null)
   * @return a {@link Launch} when growing; a {@link Terminate} when shrinking, or when DRAINING
   *     instances have become idle (they are terminated; with nothing else to remove its capacity
   *     delta is 0); otherwise a
   *     {@link Sleep} saying why (at {@code desired}, or every instance above it is busy and may not go)
   * @throws IllegalArgumentException if {@code desired}, {@code inFlight} or {@code releaseLag} is
   *     negative, or {@code releaseLag} is null
   */
  public Action plan(int desired, Fleet fleet, int inFlight, InstanceType launchType, Instant now, String token,
      Duration releaseLag) {
    if (releaseLag == null || releaseLag.isNegative()) {
      throw new IllegalArgumentException("releaseLag must be >= 0, but was " + releaseLag);
    }
    if (desired < 0 || inFlight < 0) {
      throw new IllegalArgumentException("desired and inFlight must be >= 0, but were " + desired + " and " + inFlight);
    }
    long delta = (long) desired - fleet.effective() - inFlight;
    if (delta > 0) {
      List<Instance> draining = fleet.inState(InstanceState.DRAINING);
      // Reactivate the ones with the most paid time left: they are the worst to terminate later.
      draining.sort(Comparator.comparingDouble((Instance i) -> -i.paidRemainingSeconds(now)).thenComparing(Instance::id));
      List<String> reactivate = new ArrayList<>();
      for (int k = 0; k < draining.size() && reactivate.size() < delta; k++) {
        reactivate.add(draining.get(k).id());
      }
      return new Launch((int) delta - reactivate.size(), launchType.name(), reactivate, token);
    }
    int shrink = fleet.effective() - desired; // only listed instances can be removed

    List<String> terminate = new ArrayList<>();
    for (Instance i : fleet.instances()) {
      if (i.state() == InstanceState.DRAINING && !i.isBusy()) {
        terminate.add(i.id());
      }
    }
    List<String> drain = new ArrayList<>();
    int removed = 0;
    if (shrink > 0 && busyPolicy == BusyPolicy.DRAIN) {
      // a busy victim only drains (its jobs finish): rank everyone by the paid time left when gone
      List<Victim> all = new ArrayList<>();
      for (Instance i : fleet.instances()) {
        if (i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING) {
          all.add(new Victim(i, drainRank(i, now, releaseLag), all.size()));
        }
      }
      for (Victim v : first(all, shrink, PAID_FIRST_ORDER)) {
        (drainFirst || v.busy() ? drain : terminate).add(v.instance().id());
        removed++;
      }
    } else if (shrink > 0) {
      List<Victim> idle = new ArrayList<>();
      List<Victim> busy = new ArrayList<>();
      for (Instance i : fleet.instances()) {
        if (i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING) {
          List<Victim> group = i.isBusy() ? busy : idle;
          group.add(new Victim(i, paidLeftWhenGone(i, now, releaseLag), group.size()));
        }
      }
      for (Victim v : first(idle, shrink)) {
        (drainFirst ? drain : terminate).add(v.instance.id());
        removed++;
      }
      if (removed < shrink && busyPolicy != BusyPolicy.SKIP) {
        for (Victim v : first(busy, shrink - removed)) {
          terminate.add(v.instance.id());
        }
        removed = Math.min(shrink, removed + busy.size());
      }
    }
    if (terminate.isEmpty() && drain.isEmpty()) {
      if (shrink > 0) {
        return new Sleep("want " + desired + " but every instance above it is busy and busy instances are never terminated");
      }
      if (inFlight > 0) {
        return new Sleep("at desired capacity " + desired + " with " + inFlight + " launched instance(s) not listed yet");
      }
      return new Sleep("at desired capacity " + desired);
    }
    return new Terminate(terminate, drain, -removed);
  }

  /**
   * A scale-in candidate with its sort keys computed once, compared field by field without
   * boxing: sorting 1,000 instances every tick stays cheap.
   */
  private record Victim(Instance instance, boolean busy, double paidRemaining, int busySlots, long launchedSecond,
      int launchedNano, int index) {
    Victim(Instance i, double paidRemaining, int index) {
      this(i, i.isBusy(), paidRemaining, i.busySlots(), i.launchedAt().getEpochSecond(), i.launchedAt().getNano(), index);
    }
  }

  /**
   * Whole seconds of paid time {@code i} will have left when its bill stops: {@code lag} from now,
   * and {@value #DRAIN_ALLOWANCE_SECONDS} s later if it is busy.
   */
  /**
   * The key {@link BusyPolicy#DRAIN} ranks by: paid time left when gone, a busy victim's counting
   * the drain allowance once more (idle ones go first among near-equals).
   */
  private static double drainRank(Instance i, Instant now, Duration lag) {
    return paidLeftWhenGone(i, now, lag) + (i.isBusy() ? DRAIN_ALLOWANCE_SECONDS : 0);
  }

  private static double paidLeftWhenGone(Instance i, Instant now, Duration lag) {
    Instant gone = now.plus(lag);
    if (i.isBusy()) {
      gone = gone.plusSeconds(DRAIN_ALLOWANCE_SECONDS);
    }
    return Math.floor(i.paidRemainingSeconds(gone));
  }

  private static final Comparator<Victim> VICTIM_ORDER = (a, b) -> {
    if (a.busy != b.busy) {
      return a.busy ? 1 : -1;
    }
    return byPaidTimeLeft(a, b);
  };

  /** Paid time left first (a busy victim's with the drain allowance added), then idle before busy. */
  private static final Comparator<Victim> PAID_FIRST_ORDER = (a, b) -> {
    int c = Double.compare(a.paidRemaining, b.paidRemaining);
    if (c != 0) {
      return c;
    }
    return a.busy != b.busy ? (a.busy ? 1 : -1) : byPaidTimeLeft(a, b);
  };

  private static int byPaidTimeLeft(Victim a, Victim b) {
    int c = Double.compare(a.paidRemaining, b.paidRemaining);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(a.busySlots, b.busySlots);
    if (c != 0) {
      return c;
    }
    c = Long.compare(b.launchedSecond, a.launchedSecond); // newest first
    if (c != 0) {
      return c;
    }
    c = Integer.compare(b.launchedNano, a.launchedNano);
    return c != 0 ? c : a.instance.id().compareTo(b.instance.id());
  }

  /**
   * The first {@code k} of {@code xs} in victim order, without sorting all of them: a bounded heap
   * keeps the k smallest (listed in victim order) or, when most go, the few that stay (the
   * others are then listed in fleet order). O(n log min(k, n − k)).
   */
  static List<Victim> first(List<Victim> xs, int k) { // xs.get(j).index == j
    return first(xs, k, VICTIM_ORDER);
  }

  static List<Victim> first(List<Victim> xs, int k, Comparator<Victim> order) {
    int n = xs.size();
    if (k <= 0) {
      return List.of();
    }
    if (k >= n) {
      return xs;
    }
    if (k <= n - k) {
      PriorityQueue<Victim> kept = new PriorityQueue<>(k + 1, order.reversed());
      for (Victim v : xs) {
        if (kept.size() < k) {
          kept.add(v);
        } else if (order.compare(v, kept.peek()) < 0) {
          kept.poll();
          kept.add(v);
        }
      }
      List<Victim> out = new ArrayList<>(kept);
      out.sort(order);
      return out;
    }
    int stay = n - k;
    PriorityQueue<Victim> staying = new PriorityQueue<>(stay + 1, order);
    for (Victim v : xs) {
      if (staying.size() < stay) {
        staying.add(v);
      } else if (order.compare(v, staying.peek()) > 0) {
        staying.poll();
        staying.add(v);
      }
    }
    boolean[] keep = new boolean[n];
    for (Victim v : staying) {
      keep[v.index] = true;
    }
    List<Victim> out = new ArrayList<>(k);
    for (Victim v : xs) {
      if (!keep[v.index]) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * The scale-in order of the default planner ({@link BusyPolicy#DRAIN}, victims gone at once).
   *
   * @param now the time at which paid time left is measured
   * @return the scale-in order, first victim first
   */
  public static Comparator<Instance> victimOrder(Instant now) {
    return victimOrder(now, Duration.ZERO, BusyPolicy.DRAIN);
  }

  /**
   * The scale-in order: under {@link BusyPolicy#DRAIN}, least paid time left when the bill stops
   * first (a busy victim's measured {@value #DRAIN_ALLOWANCE_SECONDS} s later and counting that
   * allowance once more), idle before busy among equals; otherwise idle first, then least paid
   * time left. Then fewer busy slots, newest, id.
   *
   * @param now the time of the decision
   * @param releaseLag how long after now a victim's termination takes effect
   * @param busyPolicy what the planner does with busy victims
   * @return the scale-in order, first victim first
   */
  public static Comparator<Instance> victimOrder(Instant now, Duration releaseLag, BusyPolicy busyPolicy) {
    if (busyPolicy == BusyPolicy.DRAIN) {
      return Comparator.comparing((Instance i) -> new Victim(i, drainRank(i, now, releaseLag), 0), PAID_FIRST_ORDER);
    }
    return Comparator.comparing((Instance i) -> new Victim(i, paidLeftWhenGone(i, now, releaseLag), 0), VICTIM_ORDER);
  }
}
