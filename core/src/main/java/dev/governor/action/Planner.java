package dev.governor.action;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a desired capacity into one action.
 *
 * <p>Effective capacity is RUNNING + PENDING. To grow, DRAINING instances are reactivated first
 * (already booted and paid for), then new ones are launched. To shrink, victims are chosen:
 * <ol>
 *   <li>idle instances (no busy slot) before busy ones; a busy instance is never terminated unless
 *       {@link BusyPolicy#TERMINATE} is configured — by default it is drained instead;
 *   <li>among equals, the one with the least paid-but-unused time first ({@link
 *       Instance#paidRemainingSeconds}), which under per-hour billing is decisive: terminating an
 *       instance 5 minutes into its hour wastes 55 paid minutes;
 *   <li>then fewer busy slots, then newer launch, then id, so the choice is deterministic.
 * </ol>
 * Draining instances that have become idle are terminated whenever the plan does not grow.
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

  private final BusyPolicy busyPolicy;

  public Planner(BusyPolicy busyPolicy) {
    this.busyPolicy = java.util.Objects.requireNonNull(busyPolicy, "busyPolicy");
  }

  public static Planner ofDefaults() {
    return new Planner(BusyPolicy.DRAIN);
  }

  public BusyPolicy busyPolicy() {
    return busyPolicy;
  }

  /**
   * Plans the action that moves {@code fleet} towards {@code desired}.
   *
   * @param token idempotency token for a launch (derived from the decision by the caller)
   */
  public Action plan(int desired, Fleet fleet, InstanceType launchType, Instant now, String token) {
    int effective = fleet.effective();
    int delta = desired - effective;
    if (delta > 0) {
      List<Instance> draining = fleet.inState(InstanceState.DRAINING);
      // Reactivate the ones with the most paid time left: they are the worst to terminate later.
      draining.sort(Comparator.comparingDouble((Instance i) -> -i.paidRemainingSeconds(now)).thenComparing(Instance::id));
      List<String> reactivate = new ArrayList<>();
      for (int k = 0; k < draining.size() && reactivate.size() < delta; k++) {
        reactivate.add(draining.get(k).id());
      }
      return new Launch(delta - reactivate.size(), launchType.name(), reactivate, token);
    }

    List<String> terminate = new ArrayList<>();
    for (Instance i : fleet.instances()) {
      if (i.state() == InstanceState.DRAINING && !i.isBusy()) {
        terminate.add(i.id());
      }
    }
    List<String> drain = new ArrayList<>();
    int removed = 0;
    if (delta < 0) {
      Victim[] candidates = new Victim[effective];
      int n = 0;
      for (Instance i : fleet.instances()) {
        if (i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING) {
          candidates[n++] = new Victim(i, Math.floor(i.paidRemainingSeconds(now)));
        }
      }
      java.util.Arrays.sort(candidates, 0, n, VICTIM_ORDER);
      int need = -delta;
      for (int k = 0; k < n && removed < need; k++) {
        Instance i = candidates[k].instance;
        if (!i.isBusy() || busyPolicy == BusyPolicy.TERMINATE) {
          terminate.add(i.id());
          removed++;
        } else if (busyPolicy == BusyPolicy.DRAIN) {
          drain.add(i.id());
          removed++;
        }
      }
    }
    if (terminate.isEmpty() && drain.isEmpty()) {
      if (delta < 0) {
        return new Sleep("want " + desired + " but every instance above it is busy and busy instances are never terminated");
      }
      return new Sleep("at desired capacity " + desired);
    }
    return new Terminate(terminate, drain, -removed);
  }

  /** A scale-in candidate with its sort key computed once (sorting 1,000 instances stays cheap). */
  private record Victim(Instance instance, double paidRemaining) {}

  private static final Comparator<Victim> VICTIM_ORDER = Comparator
      .comparing((Victim v) -> v.instance.isBusy())
      .thenComparingDouble(Victim::paidRemaining)
      .thenComparingInt(v -> v.instance.busySlots())
      .thenComparing((Victim v) -> v.instance.launchedAt(), Comparator.reverseOrder())
      .thenComparing(v -> v.instance.id());

  /** Idle first, least paid time left first (whole seconds), fewer busy slots, newest, then id. */
  public static Comparator<Instance> victimOrder(Instant now) {
    return Comparator.comparing((Instance i) -> new Victim(i, Math.floor(i.paidRemainingSeconds(now))), VICTIM_ORDER);
  }
}
