package dev.governor.internal;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Terminate;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Terminations, drains and reactivations in flight: what the controller did to instances that a
 * lagging fleet view does not show yet. Until the view agrees (or {@code ticks} ticks pass) the
 * fleet the controller decides on is corrected with them: an instance it terminated is gone, one
 * it drained is draining and counted fully busy (never terminated on an idle report from before
 * the drain), one it reactivated is running. Without it, a view a few minutes old lists the
 * instances terminated a tick ago as capacity, and the controller terminates again for the same
 * decision — and terminates, as idle, workers that took jobs since.
 *
 * <p>Counted in ticks, not time: a clock step can neither end nor prolong it. Kept in memory
 * only: a restarted controller does not know what its previous run left in flight, so for its
 * first {@code ticks} ticks every DRAINING instance counts as fully busy (a view that lags may
 * show one draining and idle from before a reactivation).
 */
public final class ActionTracker {
  private enum Kind { TERMINATED, DRAINED, REACTIVATED }

  /** {@code sticky}: a second action before the view showed the first; only time ends it (a view might show the first). */
  private record Pending(Kind kind, int tick, boolean sticky) {}

  private final Map<String, Pending> pending = new HashMap<>();
  private final int ticks;
  private int tick;

  /** @param ticks how many ticks an action waits for the view to show it before the view is trusted again */
  public ActionTracker(int ticks) {
    this.ticks = Math.max(1, ticks);
  }

  /**
   * Remembers what {@code result} says was done; where the result is unknown (a lost response),
   * everything {@code action} asked: each of these corrections only ever forbids a termination.
   */
  public void record(Action action, ActionResult result) {
    boolean unknown = result.status() == ActionResult.Status.UNKNOWN;
    if (action instanceof Terminate t) {
      for (String id : unknown ? t.terminate() : result.terminated()) {
        put(id, Kind.TERMINATED);
      }
      for (String id : unknown ? t.drain() : result.drained()) {
        put(id, Kind.DRAINED);
      }
    } else if (action instanceof Launch l && !l.reactivate().isEmpty()) {
      for (String id : l.reactivate()) {
        if (unknown || result.launched().contains(id)) {
          put(id, Kind.REACTIVATED);
        }
      }
    }
  }

  private void put(String id, Kind k) {
    pending.put(id, new Pending(k, tick, pending.containsKey(id)));
  }

  /** Moves to the next tick and returns {@code fleet} corrected with the actions it does not show yet. */
  public Fleet overlay(Fleet fleet) {
    tick++;
    if (tick <= ticks && fleet.draining() > 0) {
      List<Instance> out = new ArrayList<>(fleet.instances().size());
      for (Instance i : fleet.instances()) {
        out.add(i.state() == InstanceState.DRAINING && pending.get(i.id()) == null ? i.withBusySlots(i.slots()) : i);
      }
      fleet = Fleet.of(out);
    }
    if (pending.isEmpty()) {
      return fleet;
    }
    Map<String, Instance> listed = new HashMap<>();
    for (Instance i : fleet.instances()) {
      listed.put(i.id(), i);
    }
    for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Pending> e = it.next();
      Instance i = listed.get(e.getKey());
      Pending p = e.getValue();
      if (tick - p.tick() > ticks || i == null || (!p.sticky() && shows(i, p.kind()))) {
        it.remove(); // shown, gone, or waited long enough: the view is right again
      }
    }
    if (pending.isEmpty()) {
      return fleet;
    }
    List<Instance> out = new ArrayList<>(fleet.instances().size());
    for (Instance i : fleet.instances()) {
      Pending p = pending.get(i.id());
      if (p == null) {
        out.add(i);
      } else if (p.kind() == Kind.DRAINED) {
        out.add(i.withState(InstanceState.DRAINING).withBusySlots(i.slots()));
      } else if (p.kind() == Kind.REACTIVATED) {
        out.add(i.withState(InstanceState.RUNNING).withBusySlots(i.slots()));
      } // TERMINATED: left out
    }
    return Fleet.of(out);
  }

  private static boolean shows(Instance i, Kind k) {
    return switch (k) {
      case TERMINATED -> i.state() == InstanceState.TERMINATING;
      case DRAINED -> i.state() == InstanceState.DRAINING || i.state() == InstanceState.TERMINATING;
      case REACTIVATED -> i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING;
    };
  }
}
