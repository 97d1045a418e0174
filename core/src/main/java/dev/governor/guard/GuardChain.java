package dev.governor.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Applies guards in order and records every change. */
public final class GuardChain {
  private final List<Guard> guards;

  public GuardChain(List<Guard> guards) {
    this.guards = List.copyOf(Objects.requireNonNull(guards, "guards"));
  }

  public static GuardChain of(Guard... guards) {
    return new GuardChain(List.of(guards));
  }

  public List<Guard> guards() {
    return guards;
  }

  /** The result of running the chain. */
  public record Outcome(int desired, List<GuardEffect> effects) {
    public Outcome {
      effects = List.copyOf(effects);
    }
  }

  public Outcome apply(GuardContext context, int proposed) {
    int desired = proposed;
    List<GuardEffect> effects = new ArrayList<>(2);
    for (Guard g : guards) {
      GuardEffect e = g.apply(context, desired);
      if (e.before() != desired) {
        throw new IllegalStateException("guard " + g.name() + " reported before=" + e.before() + " but was given " + desired);
      }
      if (e.after() < 0) {
        throw new IllegalStateException("guard " + g.name() + " returned negative capacity " + e.after());
      }
      if (e.changed()) {
        effects.add(e);
      }
      desired = e.after();
    }
    return new Outcome(desired, effects);
  }
}
