package dev.governor;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory fleet (the truth) behind an actuator that can misbehave the ways real ones do:
 * a fleet view that lags (new instances appear {@code lag} after their launch), a view that
 * lists an instance twice, responses lost after the call acted, calls that throw after acting,
 * calls that fail, and instances that die at the end of their boot. It records what really
 * happened: instances started, busy instances terminated, foreign instances touched.
 */
final class FaultyWorld implements Actuator {
  final InstanceType type;
  final InMemoryActuator inner;
  Duration lag = Duration.ZERO;
  boolean loseResponses;
  boolean throwAfterActing;
  boolean failCalls;
  boolean neverBoot;
  boolean listFirstTwice;
  /**
   * The provider's own clock, if it is not the controller's: a real provider's time does not
   * step back when the controller's clock does. Null: the time the controller passes in.
   */
  java.time.InstantSource providerClock;
  /** Instances started, in total. */
  int started;
  final List<String> busyTerminated = new ArrayList<>();
  final Map<String, Instant> launchedAt = new HashMap<>();
  private final Map<String, Instant> doomed = new LinkedHashMap<>();
  private final Set<String> foreign = new HashSet<>();

  FaultyWorld(InstanceType type) {
    this.type = type;
    this.inner = new InMemoryActuator(type);
  }

  FaultyWorld withRunning(int n, Instant at) {
    inner.withRunning(n, at);
    return this;
  }

  /** Adds an instance the actuator does not manage: the view never lists it, nothing may touch it. */
  FaultyWorld withForeign(Instant at) {
    Fleet before = inner.fleet(at);
    inner.withRunning(1, at);
    for (Instance i : inner.fleet(at).instances()) {
      if (before.byId(i.id()) == null) {
        foreign.add(i.id());
      }
    }
    return this;
  }

  boolean foreignAlive(Instant now) {
    for (String id : foreign) {
      if (inner.fleet(now).byId(id) == null) {
        return false;
      }
    }
    return true;
  }

  /** What really exists at {@code now}, with instances doomed never to boot dying as their boot ends. */
  Fleet truth(Instant now) {
    for (var it = doomed.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!now.isBefore(e.getValue().plus(type.bootTime()))) {
        inner.apply(Terminate.of(List.of(e.getKey())), now);
        it.remove();
      }
    }
    return inner.fleet(now);
  }

  private Instant time(Instant now) {
    return providerClock == null ? now : providerClock.instant();
  }

  @Override
  public Fleet fleet(Instant controllerNow) {
    Instant now = time(controllerNow);
    List<Instance> view = new ArrayList<>();
    for (Instance i : truth(now).instances()) {
      Instant at = launchedAt.get(i.id());
      if (foreign.contains(i.id()) || (at != null && at.isAfter(now.minus(lag)))) {
        continue;
      }
      view.add(i);
    }
    if (listFirstTwice && !view.isEmpty()) {
      Instance first = view.get(0);
      view.add(first.withBusySlots(first.busySlots() > 0 ? 0 : first.slots()));
    }
    return Fleet.of(view);
  }

  @Override
  public ActionResult apply(Action action, Instant controllerNow) {
    Instant now = time(controllerNow);
    if (failCalls) {
      return ActionResult.failed("RequestLimitExceeded: simulated throttling");
    }
    Fleet before = truth(now);
    if (action instanceof Terminate t) {
      for (String id : t.terminate()) {
        Instance i = before.byId(id);
        if (i != null && i.isBusy()) {
          busyTerminated.add(id);
        }
      }
    }
    ActionResult r = inner.apply(action, now);
    for (String id : r.launched()) {
      if (before.byId(id) == null) {
        started++;
        launchedAt.put(id, now);
        if (neverBoot) {
          doomed.put(id, now);
        }
      }
    }
    if (throwAfterActing) {
      throw new IllegalStateException("connection reset after the request was sent");
    }
    if (loseResponses) {
      return ActionResult.unknown(List.of(), List.of("SdkClientException: read timed out"));
    }
    return r;
  }
}
