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
 * ({@code i-000001}, …); launched instances carry their launch's token. Single-threaded, like the
 * engine.
 */
public final class InMemoryActuator implements Actuator {
  private final InstanceType type;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Map<String, Instant> runningAt = new LinkedHashMap<>();
  private final Set<String> tokens = new HashSet<>();
  private int nextId = 1;

  /**
   * An empty in-memory pool that launches instances of {@code type}, named {@code i-000001}, {@code
   * i-000002}, …
   *
   * @param type the type every launch starts (not null)
   */
  public InMemoryActuator(InstanceType type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * Adds {@code n} instances that are already RUNNING (launched at {@code at}).
   *
   * @param n how many instances to add
   * @param at their launch time
   * @return this actuator, for chaining
   */
  public InMemoryActuator withRunning(int n, Instant at) {
    for (int k = 0; k < n; k++) {
      String id = newId();
      instances.put(id, Instance.launched(id, type, InstanceState.RUNNING, at));
      runningAt.put(id, at);
    }
    return this;
  }

  /**
   * Sets the busy slots an instance reports (what its worker would say).
   *
   * @param id the instance's id
   * @param busySlots jobs it serves now (0..slots)
   * @throws IllegalArgumentException if no instance has this id, or if {@code busySlots} is outside
   *     0..slots
   */
  public void setBusy(String id, int busySlots) {
    Instance i = instances.get(id);
    if (i == null) {
      throw new IllegalArgumentException("no instance " + id + " in the pool");
    }
    instances.put(id, i.withBusySlots(busySlots));
  }

  private String newId() {
    return String.format("i-%06d", nextId++);
  }

  @Override
  public Optional<Set<String>> launchableTypes() {
    return Optional.of(Set.of(type.name()));
  }

  @Override
  public Fleet fleet(Instant now) {
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

  @Override
  public ActionResult apply(Action action, Instant now) {
    if (action instanceof Sleep) {
      return ActionResult.noop();
    }
    if (action instanceof Launch l) {
      for (String id : l.reactivate()) {
        Instance i = instances.get(id);
        if (i == null || i.state() != InstanceState.DRAINING) {
          return ActionResult.failed("InvalidInstanceState: " + id + " is not a draining instance of this pool");
        }
      }
      List<String> launched = new ArrayList<>();
      for (String id : l.reactivate()) {
        instances.put(id, instances.get(id).withState(InstanceState.RUNNING));
        launched.add(id);
      }
      if (l.count() > 0 && tokens.add(l.token())) {
        if (!l.instanceType().equals(type.name())) {
          return ActionResult.failed("InvalidParameterValue: this pool launches " + type.name() + ", not " + l.instanceType());
        }
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
