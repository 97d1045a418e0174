package dev.governor.actuator;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fleet held in memory: launched instances boot in {@code type.bootTime()}, terminated ones
 * disappear. For tests, examples and trying policies against hand-made load. Deterministic ids
 * ({@code i-000001}, …); launched instances carry their launch's token. Fenced like a shared
 * resource should be: it remembers the highest {@linkplain Action#epoch leader epoch} that acted on
 * it and refuses ({@link ActionResult.Status#REFUSED}) an action of an older one. Its methods are
 * synchronized, so controllers on several threads may share one pool.
 */
public final class InMemoryActuator implements Actuator {
  private final InstanceType type;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Map<String, Instant> runningAt = new LinkedHashMap<>();
  private final Set<String> tokens = new HashSet<>();
  private int nextId = 1;
  private long epoch;

  /**
   * An empty pool that launches instances of {@code type} only (its {@link #launchableTypes()}).
   *
   * @param type the type launched: slots, price, billing and boot time come from it (not null)
   * @throws NullPointerException if {@code type} is null
   */
  public InMemoryActuator(InstanceType type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * The highest leader epoch that has acted on this pool; an action of an older epoch is refused.
   *
   * @return the epoch (0 if nothing has acted, or only controllers without election)
   */
  public synchronized long epoch() {
    return epoch;
  }

  /**
   * Adds {@code n} instances of the pool's type that are already RUNNING, idle, launched at
   * {@code at} (their age, and so their paid time left, count from it). For setting up a test.
   *
   * @param n instances to add (0 or less adds none)
   * @param at their launch time (not null)
   * @return this actuator, for chaining
   */
  public synchronized InMemoryActuator withRunning(int n, Instant at) {
    for (int k = 0; k < n; k++) {
      String id = newId();
      instances.put(id, Instance.launched(id, type, InstanceState.RUNNING, at));
      runningAt.put(id, at);
    }
    return this;
  }

  /**
   * Sets the busy slots an instance reports (what its worker would say). Nothing else changes them:
   * a drained instance stays busy, and so is not terminated, until this sets it to 0.
   *
   * @param id the instance's id
   * @param busySlots jobs it serves now (0..its slots)
   * @throws IllegalArgumentException if the pool has no instance {@code id}, or {@code busySlots} is
   *     outside 0..slots
   */
  public synchronized void setBusy(String id, int busySlots) {
    Instance i = instances.get(id);
    if (i == null) {
      throw new IllegalArgumentException("no instance " + id + " in the pool");
    }
    instances.put(id, i.withBusySlots(busySlots));
  }

  private String newId() {
    return String.format("i-%06d", nextId++);
  }

  /**
   * The one type this pool launches.
   *
   * @return the pool's type name
   */
  @Override
  public Optional<Set<String>> launchableTypes() {
    return Optional.of(Set.of(type.name()));
  }

  /**
   * The pool as of {@code now}, in launch order: a PENDING instance whose boot time has passed at
   * {@code now} becomes RUNNING (and stays so).
   *
   * @param now the time to report at
   * @return the view of every instance not terminated
   */
  @Override
  public synchronized Fleet fleet(Instant now) {
    List<Instance> out = new ArrayList<>(instances.size());
    for (Map.Entry<String, Instance> e : instances.entrySet()) {
      Instance i = e.getValue();
      if (i.state() == InstanceState.PENDING && !now.isBefore(runningAt.get(i.id()))) {
        i = i.withState(InstanceState.RUNNING);
        e.setValue(i);
      }
      out.add(i);
    }
    return Fleet.of(out);
  }

  /**
   * Carries out {@code action}. A {@link Sleep} is a NOOP. An action of an epoch older than
   * {@link #epoch()} is REFUSED; a valid one's epoch becomes the pool's. Every check comes before
   * any change: a FAILED action changes nothing (no reactivation, no token remembered, no epoch). A {@link Launch} returns
   * its DRAINING instances to RUNNING, then, if its token is new, adds {@code count} PENDING
   * instances launched at {@code now} that become RUNNING {@code type.bootTime()} later; a token seen
   * before launches nothing (OK). A {@link Terminate} removes its {@code terminate} ids and marks its
   * {@code drain} ids DRAINING.
   *
   * @param action the action (not null)
   * @param now the time it is applied at (launch time of new instances)
   * @return OK with the ids affected; FAILED if a reactivated id is not a DRAINING instance of the
   *     pool, a launch names another type, or a termination names an id not in the pool (nothing
   *     terminated or drained then); REFUSED for a stale epoch
   */
  @Override
  public synchronized ActionResult apply(Action action, Instant now) {
    if (action instanceof Sleep) {
      return ActionResult.noop();
    }
    if (action.epoch() < epoch) {
      return ActionResult.refused("StaleEpoch: an action of leader epoch " + action.epoch()
          + " is refused: epoch " + epoch + " has already acted on this pool");
    }
    if (action instanceof Launch l) {
      // validate everything first: a failed launch changes nothing (no reactivation, no token, no epoch)
      for (String id : l.reactivate()) {
        Instance i = instances.get(id);
        if (i == null || i.state() != InstanceState.DRAINING) {
          return ActionResult.failed("InvalidInstanceState: " + id + " is not a draining instance of this pool");
        }
      }
      if (l.count() > 0 && !l.instanceType().equals(type.name())) {
        return ActionResult.failed("InvalidParameterValue: this pool launches " + type.name() + ", not " + l.instanceType());
      }
      epoch = action.epoch();
      List<String> launched = new ArrayList<>();
      for (String id : l.reactivate()) {
        instances.put(id, instances.get(id).withState(InstanceState.RUNNING));
        launched.add(id);
      }
      if (l.count() > 0 && tokens.add(l.token())) {
        for (int k = 0; k < l.count(); k++) {
          String id = newId();
          instances.put(id, Instance.launched(id, type, InstanceState.PENDING, now).withLaunchToken(l.token()));
          runningAt.put(id, now.plus(type.bootTime()));
          launched.add(id);
        }
      }
      return ActionResult.ok(launched, List.of(), List.of());
    }
    Terminate t = (Terminate) action;
    List<String> unknown = new ArrayList<>();
    for (String id : t.terminate()) {
      if (!instances.containsKey(id)) {
        unknown.add(id);
      }
    }
    for (String id : t.drain()) {
      if (!instances.containsKey(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      return ActionResult.failed("UnauthorizedOperation: instances " + unknown + " are not in this pool; nothing was terminated");
    }
    epoch = action.epoch();
    for (String id : t.terminate()) {
      instances.remove(id);
      runningAt.remove(id);
    }
    for (String id : t.drain()) {
      instances.put(id, instances.get(id).withState(InstanceState.DRAINING));
    }
    return ActionResult.ok(List.of(), t.terminate(), t.drain());
  }
}
