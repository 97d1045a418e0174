package dev.governor.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable view of the instances Governor manages, with the counts a policy needs
 * precomputed once. Capacity that is booting is {@link #pending() coming}, not serving.
 *
 * <p>A view may be wrong (an actuator's bug, an eventually consistent API): {@link #problems()}
 * lists what cannot be true of a real fleet, and {@link #sanitized()} is the same view with those
 * problems made harmless. The controller checks every view before anything acts on it.
 */
public final class Fleet {
  private static final Fleet EMPTY = new Fleet(List.of());

  private final List<Instance> instances;
  private final int running;
  private final int pending;
  private final int draining;
  private final int terminating;
  private final int runningSlots;
  private final int busySlots;
  private final double hourlyCost;
  // Built on first use and kept: actuators that return the same view every tick pay once.
  private volatile Map<String, Instance> index;
  private volatile List<String> problems;

  private Fleet(List<Instance> instances) {
    this.instances = instances;
    int r = 0, p = 0, d = 0, t = 0;
    long rs = 0, bs = 0; // longs: slots of many large instances must not wrap around
    double cost = 0;
    for (Instance i : instances) {
      switch (i.state()) {
        case RUNNING -> {
          r++;
          rs += i.slots();
        }
        case PENDING -> p++;
        case DRAINING -> d++;
        case TERMINATING -> t++;
      }
      bs += i.busySlots();
      if (i.state() != InstanceState.TERMINATING) {
        cost += i.hourlyPrice();
      }
    }
    running = r;
    pending = p;
    draining = d;
    terminating = t;
    runningSlots = (int) Math.min(Integer.MAX_VALUE, rs);
    busySlots = (int) Math.min(Integer.MAX_VALUE, bs);
    hourlyCost = cost;
  }

  /**
   * A view of these instances; the list is copied.
   *
   * @param instances the instances, in the provider's order (not null)
   * @return the view ({@link #empty()} for an empty list)
   */
  public static Fleet of(List<Instance> instances) {
    Objects.requireNonNull(instances, "instances");
    return instances.isEmpty() ? EMPTY : new Fleet(List.copyOf(instances));
  }

  /**
   * The view of no instances.
   *
   * @return the shared empty view
   */
  public static Fleet empty() {
    return EMPTY;
  }

  /**
   * Every instance in the view, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<Instance> instances() {
    return instances;
  }

  /**
   * Instances in state RUNNING: serving jobs.
   *
   * @return the number of RUNNING instances
   */
  public int running() {
    return running;
  }

  /**
   * Instances in state PENDING: launched, still booting.
   *
   * @return the number of PENDING instances
   */
  public int pending() {
    return pending;
  }

  /**
   * Instances in state DRAINING: finishing their jobs, taking no new ones.
   *
   * @return the number of DRAINING instances
   */
  public int draining() {
    return draining;
  }

  /**
   * Instances in state TERMINATING: leaving, no longer paid for in {@link #hourlyCost()}.
   *
   * @return the number of TERMINATING instances
   */
  public int terminating() {
    return terminating;
  }

  /**
   * RUNNING + PENDING: the capacity the fleet is heading for without any further action.
   *
   * @return running + pending instances (capped at {@link Integer#MAX_VALUE})
   */
  public int effective() {
    return (int) Math.min(Integer.MAX_VALUE, (long) running + pending);
  }

  /**
   * Job slots of the RUNNING instances: how many jobs the fleet can serve at once now.
   *
   * @return the sum of {@code slots} over RUNNING instances (capped at {@link Integer#MAX_VALUE})
   */
  public int runningSlots() {
    return runningSlots;
  }

  /**
   * Jobs being served now, over every instance (draining ones included).
   *
   * @return the sum of {@code busySlots} (capped at {@link Integer#MAX_VALUE})
   */
  public int busySlots() {
    return busySlots;
  }

  /**
   * Hourly price of every instance not being terminated.
   *
   * @return the sum of {@code hourlyPrice} over instances not TERMINATING, per hour
   */
  public double hourlyCost() {
    return hourlyCost;
  }

  /**
   * The instances in one state, in the order given.
   *
   * @param s the state
   * @return a new, modifiable list
   */
  public List<Instance> inState(InstanceState s) {
    List<Instance> out = new ArrayList<>();
    for (Instance i : instances) {
      if (i.state() == s) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * The instance with this id (the first listed, if the view lists it twice), or null.
   *
   * @param id the provider id to look up
   * @return the instance, or {@code null} if no instance has this id
   */
  public Instance byId(String id) {
    return index().get(id);
  }

  private Map<String, Instance> index() {
    Map<String, Instance> m = index;
    if (m == null) {
      m = new HashMap<>(Math.max(16, instances.size() * 2));
      for (Instance i : instances) {
        m.putIfAbsent(i.id(), i);
      }
      index = m;
    }
    return m;
  }

  /**
   * What cannot be true of a real fleet, one message per problem (empty if none): an id listed
   * more than once, and a PENDING instance reporting busy slots (a booting machine serves
   * nothing). Each message names the instance and the rule.
   *
   * @return the problems in words, empty when the view is consistent
   */
  public List<String> problems() {
    List<String> p = problems;
    if (p == null) {
      p = findProblems();
      problems = p;
    }
    return p;
  }

  private List<String> findProblems() {
    List<String> out = null;
    if (hasDuplicateIds()) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Instance i : instances) {
        counts.merge(i.id(), 1, Integer::sum);
      }
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        if (e.getValue() > 1) {
          out = add(out, "instance ids must be unique, but " + e.getKey() + " is listed " + e.getValue() + " times");
        }
      }
    }
    for (Instance i : instances) {
      if (i.state() == InstanceState.PENDING && i.busySlots() > 0) {
        out = add(out, "a PENDING instance cannot be busy, but " + i.id() + " reports " + i.busySlots() + " busy slot(s)");
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  /**
   * Open addressing over the ids' (cached) hash codes: no allocation per instance, so checking
   * a new view of thousands of instances every tick stays cheap.
   */
  private boolean hasDuplicateIds() {
    int n = instances.size();
    if (n < 2) {
      return false;
    }
    int cap = Integer.highestOneBit(n * 2 - 1) << 1;
    int[] slots = new int[cap]; // index + 1, 0 = empty
    int mask = cap - 1;
    for (int k = 0; k < n; k++) {
      String id = instances.get(k).id();
      int h = id.hashCode();
      int at = (h ^ (h >>> 16)) & mask;
      while (slots[at] != 0) {
        if (instances.get(slots[at] - 1).id().equals(id)) {
          return true;
        }
        at = (at + 1) & mask;
      }
      slots[at] = k + 1;
    }
    return false;
  }

  private static List<String> add(List<String> l, String s) {
    List<String> out = l == null ? new ArrayList<>() : l;
    out.add(s);
    return out;
  }

  /**
   * This view with its {@link #problems()} made harmless: an id listed several times appears
   * once (where it was first listed, with that entry's state) and counts as busy with the most busy
   * slots any of its entries reported (at least one), so it is never terminated on the strength of
   * a view that contradicts itself. Returns {@code this} when there is no problem.
   *
   * @return a consistent view ({@code this} when there is no problem)
   */
  public Fleet sanitized() {
    if (problems().isEmpty() || !hasDuplicateIds()) {
      return this;
    }
    Map<String, Instance> merged = new LinkedHashMap<>();
    for (Instance i : instances) {
      Instance first = merged.get(i.id());
      if (first == null) {
        merged.put(i.id(), i);
      } else {
        int busy = Math.max(1, Math.max(first.busySlots(), i.busySlots()));
        merged.put(i.id(), first.withBusySlots(Math.min(first.slots(), busy)));
      }
    }
    return new Fleet(List.copyOf(merged.values()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fleet f && f.instances.equals(instances);
  }

  @Override
  public int hashCode() {
    return instances.hashCode();
  }

  @Override
  public String toString() {
    return "Fleet[running=" + running + ", pending=" + pending + ", draining=" + draining
        + ", terminating=" + terminating + ", busySlots=" + busySlots + "]";
  }
}
