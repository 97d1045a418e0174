package dev.governor.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies guards in order and records every change.
 *
 * <p>A guard that throws, returns {@code null} or reports an effect inconsistent with what it was
 * given cannot be trusted to have checked anything, so the chain stops there and holds the
 * current capacity (still within the chain's bounds, which cannot fail), naming the guard in
 * {@link Outcome#errors()}. Only a {@link VirtualMachineError} propagates. Immutable; thread-safe
 * if its guards are.
 */
public final class GuardChain {
  private final List<Guard> guards;
  private final BoundsGuard bounds;

  /**
   * A chain of {@code guards}, applied in list order. Its bounds, for a failed guard's hold, are
   * the last {@link BoundsGuard} in it (none: the current capacity is held as it is).
   *
   * @param guards the guards in order; copied
   * @throws NullPointerException if {@code guards} or one of them is null
   */
  public GuardChain(List<Guard> guards) {
    this.guards = List.copyOf(Objects.requireNonNull(guards, "guards"));
    BoundsGuard b = null;
    for (Guard g : this.guards) {
      if (g instanceof BoundsGuard bg) {
        b = bg;
      }
    }
    this.bounds = b;
  }

  /**
   * A chain of {@code guards}, applied in argument order.
   *
   * @param guards the guards in order
   * @return the chain
   * @throws NullPointerException if {@code guards} or one of them is null
   */
  public static GuardChain of(Guard... guards) {
    return new GuardChain(List.of(guards));
  }

  /**
   * The guards of the chain.
   *
   * @return the guards in the order they apply; unmodifiable
   */
  public List<Guard> guards() {
    return guards;
  }

  /**
   * The result of running the chain.
   *
   * @param desired what the chain lets through
   * @param effects what each guard changed, in order
   * @param errors guards that failed (the chain then held capacity), each naming the guard
   */
  public record Outcome(int desired, List<GuardEffect> effects, List<String> errors) {
    /**
     * Copies the lists.
     *
     * @param desired what the chain lets through
     * @param effects what each guard changed, in order
     * @param errors guards that failed (the chain then held capacity), each naming the guard
     * @throws NullPointerException if {@code effects} or {@code errors} is null or holds a null
     */
    public Outcome {
      effects = List.copyOf(effects);
      errors = List.copyOf(errors);
    }

    /**
     * An outcome without errors.
     *
     * @param desired what the chain lets through, in instances
     * @param effects what each guard changed, in order
     * @throws NullPointerException if {@code effects} is null or holds a null
     */
    public Outcome(int desired, List<GuardEffect> effects) {
      this(desired, effects, List.of());
    }
  }

  /**
   * Runs every guard in order, each on the capacity the one before let through.
   *
   * @param context the tick as guards see it
   * @param proposed the capacity to start from (the policy's proposal), in instances
   * @return the capacity let through and the changes that led to it (guards that changed nothing
   *     are left out); if a guard failed, the current capacity within the chain's bounds, with
   *     the failure as the last effect and in the errors
   */
  public Outcome apply(GuardContext context, int proposed) {
    int desired = proposed;
    List<GuardEffect> effects = new ArrayList<>(2);
    for (int k = 0; k < guards.size(); k++) {
      Guard g = guards.get(k);
      GuardEffect e;
      String problem;
      try {
        e = g.apply(context, desired);
        problem = e == null ? "returned no effect"
            : e.before() != desired ? "reported before=" + e.before() + " but was given " + desired
            : e.after() < 0 ? "returned negative capacity " + e.after()
            : null;
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable t) {
        if (t instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        e = null;
        problem = "threw " + t;
      }
      if (problem != null) {
        String name = nameOf(g, k);
        int held = context.current();
        if (bounds != null) {
          held = bounds.apply(context, held).after();
        }
        effects.add(new GuardEffect(name, desired, held, "guard failed, holding capacity: " + problem));
        return new Outcome(held, effects, List.of("guard " + name + ": " + problem));
      }
      if (e.changed()) {
        effects.add(e);
      }
      desired = e.after();
    }
    return new Outcome(desired, effects);
  }

  private static String nameOf(Guard g, int index) {
    try {
      String n = g.name();
      return n != null ? n : "#" + index;
    } catch (RuntimeException e) {
      return "#" + index;
    }
  }
}
