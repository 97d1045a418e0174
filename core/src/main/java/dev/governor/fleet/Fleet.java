package dev.governor.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable view of the instances Governor manages, with the counts a policy needs
 * precomputed once. Capacity that is booting is {@link #pending() coming}, not serving.
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

  private Fleet(List<Instance> instances) {
    this.instances = instances;
    int r = 0, p = 0, d = 0, t = 0, rs = 0, bs = 0;
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
    runningSlots = rs;
    busySlots = bs;
    hourlyCost = cost;
  }

  public static Fleet of(List<Instance> instances) {
    Objects.requireNonNull(instances, "instances");
    return instances.isEmpty() ? EMPTY : new Fleet(List.copyOf(instances));
  }

  public static Fleet empty() {
    return EMPTY;
  }

  public List<Instance> instances() {
    return instances;
  }

  public int running() {
    return running;
  }

  public int pending() {
    return pending;
  }

  public int draining() {
    return draining;
  }

  public int terminating() {
    return terminating;
  }

  /** RUNNING + PENDING: the capacity the fleet is heading for without any further action. */
  public int effective() {
    return running + pending;
  }

  public int runningSlots() {
    return runningSlots;
  }

  public int busySlots() {
    return busySlots;
  }

  /** Hourly price of every instance not being terminated. */
  public double hourlyCost() {
    return hourlyCost;
  }

  public List<Instance> inState(InstanceState s) {
    List<Instance> out = new ArrayList<>();
    for (Instance i : instances) {
      if (i.state() == s) {
        out.add(i);
      }
    }
    return out;
  }

  public Instance byId(String id) {
    for (Instance i : instances) {
      if (i.id().equals(id)) {
        return i;
      }
    }
    return null;
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
